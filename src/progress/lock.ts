/**
 * A cross-process lock for read-modify-write of the progress file: `mkdir` is atomic on
 * every filesystem we care about. A lock older than STALE_MS (a crashed process) is broken.
 */
import { mkdirSync, rmSync, statSync } from 'node:fs';

const STALE_MS = 10_000;
const WAIT_MS = 10_000;
const SLEEP = new Int32Array(new SharedArrayBuffer(4));

export function withLock<T>(lockPath: string, body: () => T): T {
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    try {
      mkdirSync(lockPath);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      if (isStale(lockPath)) {
        rmSync(lockPath, { recursive: true, force: true });
        continue;
      }
      if (Date.now() > deadline)
        throw new Error(
          `could not lock ${lockPath} within ${WAIT_MS} ms: is another dockdrill stuck?`,
        );
      Atomics.wait(SLEEP, 0, 0, 2 + Math.random() * 8);
    }
  }
  try {
    return body();
  } finally {
    rmSync(lockPath, { recursive: true, force: true });
  }
}

function isStale(lockPath: string): boolean {
  try {
    return Date.now() - statSync(lockPath).mtimeMs > STALE_MS;
  } catch {
    return false;
  }
}
