/** Runs the built CLI as a child process (no TTY), with its own environment. */
import { spawnSync } from 'node:child_process';
import { CLI } from './tmux.js';

export interface CliResult {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

export function runCli(
  args: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
  input?: string,
  timeoutMs = 60_000,
): CliResult {
  const result = spawnSync(process.execPath, [CLI, ...args], {
    encoding: 'utf8',
    env: { NO_COLOR: '1', ...env },
    input,
    timeout: timeoutMs,
  });
  return { status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}
