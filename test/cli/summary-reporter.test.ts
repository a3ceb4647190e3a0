/**
 * The closing line CI reads must agree with vitest's exit code: a hook or a file that
 * fails outside any test is a failure, never "0 failed". Runs vitest itself on small case
 * files (test/fixtures/reporter/*.case.ts) with the project's summary reporter.
 */
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const VITEST = resolve(ROOT, 'node_modules/vitest/vitest.mjs');
const REPORTER = resolve(ROOT, 'test/helpers/summary-reporter.ts');

function runCase(file: string): { status: number; closing: string } {
  const r = spawnSync(
    process.execPath,
    [
      VITEST,
      'run',
      '--root',
      resolve(ROOT, 'test/fixtures/reporter'),
      '--config',
      resolve(ROOT, 'test/fixtures/reporter/vitest.config.ts'),
      `--reporter=${REPORTER}`,
      file,
    ],
    { encoding: 'utf8', timeout: 60_000 },
  );
  const lines = `${r.stdout}`.trim().split('\n');
  return { status: r.status ?? -1, closing: lines[lines.length - 1] ?? '' };
}

describe('the closing line of a test run', () => {
  it.each([
    ['hook-fails.case.ts', /^tests: 1 passed, 1 failed, 1 skipped$/],
    ['after-fails.case.ts', /^tests: 1 passed, 1 failed, 0 skipped$/],
    ['load-fails.case.ts', /^tests: 0 passed, 1 failed, 0 skipped$/],
  ])('%s: the run fails and the line counts the failure', (file, line) => {
    const run = runCase(file);
    expect(run.status).toBe(1);
    expect(run.closing).toMatch(line);
  });

  it('a run that passes says 0 failed and exits 0', () => {
    const run = runCase('passes.case.ts');
    expect(run.closing).toBe('tests: 1 passed, 0 failed, 1 skipped');
    expect(run.status).toBe(0);
  });
});
