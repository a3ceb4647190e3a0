/**
 * The one place dockdrill starts a process, and the process is always `docker`.
 * Arguments are argv arrays handed straight to the OS (no shell), stdin is never the
 * terminal's (Ink owns it), and every call has a timeout and can be cancelled.
 */
import {
  DockerCancelledError,
  DockerTimeoutError,
  throwIfNotSpawned,
  classifyFailure,
} from './errors.js';
import { cleanText } from '../terminal/sanitize.js';

export interface RunOptions {
  /** Milliseconds before the call is killed and a DockerTimeoutError thrown. */
  readonly timeoutMs?: number;
  /** Aborting it kills the process and throws DockerCancelledError. */
  readonly signal?: AbortSignal;
  /** Text written to docker's stdin (e.g. a Dockerfile for `docker build -`). */
  readonly input?: string | Uint8Array;
  /** Working directory, e.g. a lab workspace for `docker build .`. */
  readonly cwd?: string;
  /** Extra environment, e.g. DOCKER_BUILDKIT=0; an undefined value removes the variable. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** When false, a non-zero exit is returned instead of thrown (spawn failures still throw). */
  readonly reject?: boolean;
}

export interface RunResult {
  readonly stdout: string;
  readonly stderr: string;
  readonly exitCode: number;
}

export const DEFAULT_TIMEOUT_MS = 30_000;

/** Counts spawns so tests and benchmarks can prove batching. */
export interface SpawnObserver {
  (args: readonly string[]): void;
}

export interface RunnerOptions {
  /** The docker executable; `DOCKDRILL_DOCKER` overrides the default `docker`. */
  readonly bin?: string;
  readonly defaultTimeoutMs?: number;
  readonly onSpawn?: SpawnObserver;
}

export type DockerRunner = (args: readonly string[], options?: RunOptions) => Promise<RunResult>;

export function createRunner(runnerOptions: RunnerOptions = {}): DockerRunner {
  const bin = runnerOptions.bin ?? process.env.DOCKDRILL_DOCKER ?? 'docker';
  const defaultTimeout = runnerOptions.defaultTimeoutMs ?? timeoutFromEnv() ?? DEFAULT_TIMEOUT_MS;

  return async function runDocker(args, options = {}) {
    const timeoutMs = options.timeoutMs ?? defaultTimeout;
    runnerOptions.onSpawn?.(args);
    // Imported on first use: execa is not needed to draw the first frame.
    const { execa } = await import('execa');
    const result = await execa(bin, [...args], {
      timeout: timeoutMs,
      cancelSignal: options.signal,
      input: options.input,
      stdin: options.input === undefined ? 'ignore' : 'pipe',
      cwd: options.cwd,
      env: options.env,
      reject: false,
      stripFinalNewline: true,
      // Stop a hung CLI for good: SIGTERM first, then SIGKILL.
      forceKillAfterDelay: 2000,
      encoding: 'utf8',
    });
    if (result.timedOut) throw new DockerTimeoutError(args, timeoutMs);
    if (result.isCanceled) throw new DockerCancelledError(args);
    throwIfNotSpawned(result, bin, args);
    const exitCode = result.exitCode ?? -1;
    if (exitCode !== 0 && options.reject !== false)
      throw classifyFailure(args, cleanText(result.stderr), result.exitCode);
    if (exitCode !== 0 && isInfrastructureFailure(result.stderr))
      throw classifyFailure(args, cleanText(result.stderr), result.exitCode);
    // What docker and containers print is untrusted: it reaches messages and the screen.
    return { stdout: cleanText(result.stdout), stderr: cleanText(result.stderr), exitCode };
  };
}

/** DOCKDRILL_DOCKER_TIMEOUT_MS lets a learner on a slow machine (or a test) change the default. */
function timeoutFromEnv(): number | undefined {
  const value = Number(process.env.DOCKDRILL_DOCKER_TIMEOUT_MS);
  return Number.isFinite(value) && value > 0 ? value : undefined;
}

/** Even with reject:false, a dead daemon or a denied socket must surface as its typed error. */
function isInfrastructureFailure(stderr: string): boolean {
  return classifyFailure([], stderr, 1).kind !== 'command-failed';
}
