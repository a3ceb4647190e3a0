/**
 * Opens the learner's own shell in a lab workspace (the lab screen's `!` key). It lives
 * here because src/docker/ is the only place dockdrill starts processes; unlike the rest
 * of this folder it runs `$SHELL`, not `docker`, and nothing from content is passed to it:
 * no arguments, only the workspace as cwd.
 *
 * The call is synchronous on purpose: while the shell runs, Node's event loop is blocked,
 * so Ink neither redraws nor reads the terminal and the shell owns it completely.
 */
import { spawnSync } from 'node:child_process';

export interface ShellOptions {
  /** The shell to run; default `$SHELL`, then /bin/sh. */
  readonly shell?: string;
  /** Extra environment for the shell (e.g. DOCKDRILL_LAB). */
  readonly env?: Readonly<Record<string, string>>;
}

export interface ShellResult {
  readonly shell: string;
  /** The shell's exit code, or undefined when it could not start or died of a signal. */
  readonly exitCode: number | undefined;
  /** Why it could not start (e.g. ENOENT for a missing $SHELL). */
  readonly error?: string;
}

export function openShell(cwd: string, options: ShellOptions = {}): ShellResult {
  const shell = options.shell ?? process.env.SHELL ?? '/bin/sh';
  // Ctrl+C typed in the shell may reach this process too (same process group): a
  // listener keeps Node from dying of it; it is removed once any pending signal is handled.
  const ignore = (): void => {};
  process.on('SIGINT', ignore);
  try {
    const result = spawnSync(shell, [], {
      cwd,
      stdio: 'inherit',
      env: { ...process.env, ...options.env },
    });
    return {
      shell,
      exitCode: result.status ?? undefined,
      ...(result.error ? { error: result.error.message } : {}),
    };
  } finally {
    setTimeout(() => process.off('SIGINT', ignore), 200);
  }
}
