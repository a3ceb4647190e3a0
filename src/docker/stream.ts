/**
 * Long-running docker commands whose output matters line by line while they run:
 * `docker events` for watch mode and `docker pull` for a progress display. Same rules as
 * `run`: argv array, no shell, no terminal stdin, cancellable.
 */
import {
  DockerCancelledError,
  DockerTimeoutError,
  throwIfNotSpawned,
  classifyFailure,
} from './errors.js';
import type { RunnerOptions } from './run.js';
import { cleanLine, cleanText } from '../terminal/sanitize.js';

export interface StreamOptions {
  /** Called for each stdout line (without its newline) as soon as docker prints it. */
  readonly onLine: (line: string) => void;
  /** Aborting stops the process; the promise then resolves (it is how a stream ends). */
  readonly signal?: AbortSignal;
  /** Optional limit; without it the process runs until it exits or the signal aborts. */
  readonly timeoutMs?: number;
  readonly cwd?: string;
  readonly env?: Readonly<Record<string, string>>;
  /** When false (default true), a non-zero exit is returned instead of thrown. */
  readonly reject?: boolean;
}

export interface StreamResult {
  readonly exitCode: number;
  readonly stderr: string;
  /** True when the stream ended because the signal aborted it. */
  readonly cancelled: boolean;
}

export type DockerStreamer = (
  args: readonly string[],
  options: StreamOptions,
) => Promise<StreamResult>;

export function createStreamer(runnerOptions: RunnerOptions = {}): DockerStreamer {
  const bin = runnerOptions.bin ?? process.env.DOCKDRILL_DOCKER ?? 'docker';
  return async function streamDocker(args, options) {
    runnerOptions.onSpawn?.(args);
    // Imported on first use: execa is not needed to draw the first frame.
    const { execa } = await import('execa');
    const subprocess = execa(bin, [...args], {
      cancelSignal: options.signal,
      timeout: options.timeoutMs,
      stdin: 'ignore',
      cwd: options.cwd,
      env: options.env,
      reject: false,
      forceKillAfterDelay: 2000,
      encoding: 'utf8',
      lines: false,
    });
    try {
      // execa yields stdout line by line while the process runs.
      for await (const line of subprocess) options.onLine(cleanLine(String(line)));
    } catch {
      // Iteration throws when the process is killed or fails; the result below says why.
    }
    const result = await subprocess;
    const cancelled = Boolean(result.isCanceled);
    if (result.timedOut) throw new DockerTimeoutError(args, options.timeoutMs ?? 0);
    throwIfNotSpawned(result, bin, args);
    const exitCode = result.exitCode ?? -1;
    const stderr = cleanText(String(result.stderr ?? ''));
    if (!cancelled && exitCode !== 0) {
      const failure = classifyFailure(args, stderr, result.exitCode);
      if (options.reject !== false || failure.kind !== 'command-failed') throw failure;
    }
    if (cancelled && options.signal?.reason instanceof DockerCancelledError)
      throw options.signal.reason;
    return { exitCode: cancelled ? 0 : exitCode, stderr, cancelled };
  };
}
