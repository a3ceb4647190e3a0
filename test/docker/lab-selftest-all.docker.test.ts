/**
 * `dockdrill lab selftest --all --json` over the bundled course (CI runs it too): every
 * lab.md under lessons/ must pass setup -> checks fail -> solutions -> checks pass ->
 * cleanup -> nothing left. New labs are picked up as they appear.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, existsSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { expect, it } from 'vitest';
import { describeDocker } from '../helpers/docker.js';
import { makeTempDir } from '../helpers/home.js';
import { CLI } from '../helpers/tmux.js';

const LESSONS = resolve(import.meta.dirname, '..', '..', 'lessons');

interface SelftestJson {
  ok: boolean;
  labs: {
    id: string;
    file?: string;
    ok: boolean;
    error?: string;
    problems?: string[];
    leftovers?: string[];
  }[];
}

describeDocker('lab selftest --all (bundled course, built CLI)', () => {
  it('passes for every bundled lab and leaves nothing behind', { timeout: 900_000 }, () => {
    const labFiles = existsSync(LESSONS)
      ? readdirSync(LESSONS).filter((d) => existsSync(join(LESSONS, d, 'lab.md')))
      : [];
    const home = makeTempDir('dockdrill-selftest-all-');
    try {
      const result = spawnSync(process.execPath, [CLI, 'lab', 'selftest', '--all', '--json'], {
        encoding: 'utf8',
        env: { ...process.env, NO_COLOR: '1', DOCKDRILL_HOME: home },
        timeout: 880_000,
      });
      const report = JSON.parse(result.stdout) as SelftestJson;
      // Progress goes to stderr, one header per lab, so stdout stays one JSON document.
      expect(result.stderr.match(/^\[\d+\/\d+\] /gm)?.length).toBe(labFiles.length);
      expect(report.labs).toHaveLength(labFiles.length);
      const failures = report.labs
        .filter((lab) => !lab.ok)
        .map((lab) => `${lab.id}: ${lab.error ?? lab.problems?.join('; ')}`);
      expect(failures).toEqual([]);
      expect(report.labs.flatMap((lab) => lab.leftovers ?? [])).toEqual([]);
      expect(report.ok).toBe(true);
      expect(result.status).toBe(0);
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  });
});
