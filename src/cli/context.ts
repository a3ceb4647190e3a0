/**
 * What a command gets from the CLI: where to write, whether a terminal is attached, the
 * content roots and the environment. Commands build their Docker and Store from it, so
 * tests can run a command with a temporary home and captured output.
 */
import type { ContentRoot } from '../content/paths.js';

export interface Output {
  write(text: string): void;
}

export interface CommandContext {
  readonly stdout: Output;
  readonly stderr: Output;
  /** Both stdin and stdout are terminals. */
  readonly interactive: boolean;
  readonly roots: readonly ContentRoot[];
  readonly env: NodeJS.ProcessEnv;
  /** Whether to use colour (NO_COLOR unset and stdout is a terminal). */
  readonly color: boolean;
  /** `--profile NAME`: separate progress for learners sharing a machine. */
  readonly profile?: string;
}
