/**
 * CI smoke run of the benchmark suite (bench/run-all.ts --quick: one repetition, small
 * banks). It proves the bench still runs against the current code and writes its tables;
 * it asserts nothing about timings, which depend on the machine.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fittedPerDoubling, perDoubling } from '../../bench/content-load.js';
import { makeTempDir } from '../helpers/home.js';

const REPO = resolve(import.meta.dirname, '..', '..');

it('runs the whole bench in quick mode and writes its results table', () => {
  const out = join(makeTempDir('dockdrill-bench-smoke-'), 'RESULTS.md');
  const result = spawnSync(
    process.execPath,
    ['--import', 'tsx', join(REPO, 'bench', 'run-all.ts'), '--quick', '--out', out],
    { cwd: REPO, encoding: 'utf8', timeout: 240_000 },
  );
  expect(result.stderr).not.toMatch(/Error:/);
  expect(result.status).toBe(0);
  expect(existsSync(out)).toBe(true);
  const text = readFileSync(out, 'utf8');
  expect(text).toContain('## Machine');
  expect(text).toMatch(/^\| target \| measured \|/m);
  // The sections that need neither a terminal helper nor docker always run.
  expect(text).toContain('### Generated banks');
  expect(text).toMatch(/^\| 2,000 \| /m);
  expect(text).toMatch(/^\| whole bundled course loaded \| \d+\.\d MB \|/m);
  // The others run, or say why they were skipped.
  for (const section of ['Time to first frame', 'Lab check round']) {
    const ran = text.includes(`## ${section}`);
    expect(ran || new RegExp(`Skipped or note: ${section}`).test(text)).toBe(true);
  }
}, 300_000);

describe('growth per doubling', () => {
  it('is 2x for linear cost, 4x for quadratic, pairwise and fitted', () => {
    expect(perDoubling(10, 1000, 100, 10_000)).toBeCloseTo(2, 5);
    expect(perDoubling(1, 1000, 100, 10_000)).toBeCloseTo(4, 5);
    const linear = [1000, 10_000, 50_000].map((n) => ({ n, t: n * 0.02 }));
    expect(fittedPerDoubling(linear)).toBeCloseTo(2, 5);
    const quadratic = linear.map(({ n }) => ({ n, t: (n / 1000) ** 2 }));
    expect(fittedPerDoubling(quadratic)).toBeCloseTo(4, 5);
    // One fast small size moves the fit less than it moves the first pairwise step.
    const noisy = [
      { n: 1000, t: 18 },
      { n: 10_000, t: 264 },
      { n: 50_000, t: 1365 },
    ];
    expect(perDoubling(18, 1000, 264, 10_000)).toBeGreaterThan(2.2);
    expect(fittedPerDoubling(noisy)).toBeLessThan(2.2);
  });
});
