/**
 * Typed failures of the docker CLI. Every message says what happened and what to do, so a
 * screen or command can print `error.message` and `error.fix` as they are.
 */
export type DockerErrorKind =
  | 'not-installed'
  | 'daemon-unreachable'
  | 'permission-denied'
  | 'timed-out'
  | 'cancelled'
  | 'command-failed';

export class DockerError extends Error {
  override readonly name: string = 'DockerError';
  /** A short instruction for the learner. */
  readonly fix: string;
  constructor(
    readonly kind: DockerErrorKind,
    message: string,
    fix: string,
    /** The argv that failed, without the `docker` itself. */
    readonly args: readonly string[] = [],
    /** What docker printed on stderr, trimmed. */
    readonly stderr = '',
    readonly exitCode: number | undefined = undefined,
  ) {
    super(message);
    this.fix = fix;
  }
}

export class DockerNotInstalledError extends DockerError {
  override readonly name = 'DockerNotInstalledError';
  constructor(bin: string, args: readonly string[] = []) {
    super(
      'not-installed',
      `The docker CLI was not found (looked for "${bin}" on PATH).`,
      'Install Docker Engine (Linux) or Docker Desktop (macOS/Windows), then open a new terminal.',
      args,
    );
  }
}

export class DaemonUnreachableError extends DockerError {
  override readonly name = 'DaemonUnreachableError';
  constructor(args: readonly string[], stderr: string) {
    super(
      'daemon-unreachable',
      'The docker CLI is installed but no Docker daemon answers.',
      'Start Docker: `sudo systemctl start docker` on Linux, or start Docker Desktop. Check DOCKER_HOST and `docker context ls` if you use a remote engine.',
      args,
      stderr,
    );
  }
}

export class PermissionDeniedError extends DockerError {
  override readonly name = 'PermissionDeniedError';
  constructor(args: readonly string[], stderr: string) {
    super(
      'permission-denied',
      'Permission denied on the Docker socket.',
      'Add yourself to the docker group (`sudo usermod -aG docker $USER`), then log out and back in; or use rootless Docker.',
      args,
      stderr,
    );
  }
}

export class DockerTimeoutError extends DockerError {
  override readonly name = 'DockerTimeoutError';
  constructor(
    args: readonly string[],
    readonly timeoutMs: number,
  ) {
    super(
      'timed-out',
      `\`docker ${args.join(' ')}\` did not finish within ${timeoutMs} ms.`,
      'The daemon may be overloaded or hung: check `docker info` in another terminal, or restart Docker.',
      args,
    );
  }
}

export class DockerCancelledError extends DockerError {
  override readonly name = 'DockerCancelledError';
  constructor(args: readonly string[]) {
    super('cancelled', `\`docker ${args.join(' ')}\` was cancelled.`, 'Nothing to do.', args);
  }
}

export class DockerCommandError extends DockerError {
  override readonly name = 'DockerCommandError';
  constructor(args: readonly string[], stderr: string, exitCode: number | undefined) {
    const detail = stderr.trim() || `exit code ${exitCode ?? 'unknown'}`;
    super(
      'command-failed',
      `\`docker ${args.join(' ')}\` failed: ${detail}`,
      'Read the message from docker above.',
      args,
      stderr.trim(),
      exitCode,
    );
  }
}

/** Patterns of the docker CLI's stderr that mean "no daemon" or "no permission". */
const DAEMON_DOWN = [
  /Cannot connect to the Docker daemon/i,
  /Is the docker daemon running\?/i,
  /error during connect/i,
  /dial unix .*: connect: (no such file or directory|connection refused)/i,
];
const PERMISSION = [
  /permission denied while trying to connect to the Docker daemon/i,
  /dial unix .*: connect: permission denied/i,
];

/** Turns a failed docker invocation into the most specific typed error. */
export function classifyFailure(
  args: readonly string[],
  stderr: string,
  exitCode: number | undefined,
): DockerError {
  if (PERMISSION.some((re) => re.test(stderr)))
    return new PermissionDeniedError(args, stderr.trim());
  if (DAEMON_DOWN.some((re) => re.test(stderr)))
    return new DaemonUnreachableError(args, stderr.trim());
  return new DockerCommandError(args, stderr, exitCode);
}

/** The CLI could not be started at all: missing (ENOENT) or not executable (EACCES). */
export function throwIfNotSpawned(result: unknown, bin: string, args: readonly string[]): void {
  const code = (result as { code?: string }).code;
  if (code === 'ENOENT') throw new DockerNotInstalledError(bin, args);
  if (code === 'EACCES') {
    throw new DockerError(
      'not-installed',
      `"${bin}" exists but is not executable.`,
      'Reinstall Docker, or fix the file permissions.',
      args,
    );
  }
}
