/** A fresh DOCKDRILL_HOME per test, removed afterwards. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';

export function makeTempDir(prefix = 'dockdrill-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Returns a function giving this test's temporary home; the folder is removed after each test. */
export function useTempHome(): () => string {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  });
  return () => (dir ??= makeTempDir('dockdrill-home-'));
}
