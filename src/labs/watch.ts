/**
 * Watch mode: re-run a task's checks whenever `docker events` reports a container or image
 * change (debounced, since one `docker run` emits several events), and once at the start,
 * so a task turns green while the learner works in another terminal pane.
 */
import type { Docker } from '../docker/index.js';
import { watchEvents, type DockerEvent } from '../docker/events.js';
import { runChecks, type CheckContext, type CheckResult } from './checks/run-checks.js';
import type { Check } from './checks/schema.js';

export interface WatchChecksOptions extends Omit<CheckContext, 'signal'> {
  readonly signal: AbortSignal;
  readonly onResults: (results: CheckResult[]) => void;
  readonly onError?: (error: Error) => void;
  /** Quiet time after the last event before re-checking (ms). Default 300. */
  readonly debounceMs?: number;
}

/** Resolves when the signal aborts. */
export async function watchChecks(
  docker: Pick<Docker, 'run' | 'inspect' | 'stream'>,
  checks: readonly Check[],
  options: WatchChecksOptions,
): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  let running = false;
  let again = false;
  const evaluate = async (): Promise<void> => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      do {
        again = false;
        const results = await runChecks(docker, checks, { ...options, wait: false });
        if (!options.signal.aborted) options.onResults(results);
      } while (again && !options.signal.aborted);
    } catch (error) {
      if (!options.signal.aborted) options.onError?.(error as Error);
    } finally {
      running = false;
    }
  };
  const schedule = (): void => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => void evaluate(), options.debounceMs ?? 300);
  };
  void evaluate();
  try {
    await watchEvents(docker, {
      signal: options.signal,
      onEvent: (event) => {
        if (!changesState(event)) return;
        schedule();
      },
    });
  } finally {
    if (timer) clearTimeout(timer);
  }
}

/**
 * Events a re-check could care about. Left out: our own `run` checks' throwaway
 * containers (their events would start the next round, forever) and health-check
 * `exec_*` events, which every few seconds change nothing a check reads.
 */
export function changesState(event: DockerEvent): boolean {
  if (event.action.startsWith('exec_')) return false;
  return !(event.attributes.name ?? '').startsWith('dockdrill-check-');
}
