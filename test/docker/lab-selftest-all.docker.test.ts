/**
 * `dockdrill lab selftest --all --json` over the bundled course (CI runs it too): every
 * lab.md under lessons/ must pass setup -> checks fail -> solutions -> checks pass ->
 * cleanup -> nothing left. New labs are picked up as they appear.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { bundledRoot } from '../../src/content/paths.js';
import { Docker } from '../../src/docker/index.js';
import { allLabs, loadLab } from '../../src/labs/catalog.js';
import { planCleanup } from '../../src/labs/engine.js';
import { runCli } from '../helpers/cli.js';
import { BUSYBOX, describeDocker, docker, dockerMaybe } from '../helpers/docker.js';
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

// Both selftest runs live in this one file so they never run at the same time (they use
// the same lab names on the shared engine).
/*
 * Safety: the learner's own objects survive every lab. Before: unlabelled containers (one
 * running, one exited), images, a volume and a network whose names look like the labs'
 * (`web-mine…`, `greeter:mine…`). Then `dockdrill lab selftest --all` (setup, solutions and
 * the cleanup of every bundled lab), and every lab's cleanup plan (labels, declared names)
 * must not name one of them. Only planned, not run again: a second cleanup here would remove
 * objects of lab tests running in parallel on the shared engine.
 * After: every object is still there with the same id and the same state. Removed at the end.
 */

const suffix = `${process.pid}${Math.random().toString(36).slice(2, 5)}`;
const names = {
  running: `web-mine-${suffix}`,
  exited: `greeter-mine-${suffix}`,
  images: [`greeter:mine-${suffix}`, `web-mine-${suffix}:latest`, `myapp-${suffix}:v1`],
  volume: `web-mine-data-${suffix}`,
  network: `web-mine-net-${suffix}`,
};

/** What must not change: ids and states, read with one inspect per kind. */
function snapshot(): Record<string, unknown> {
  const containers = JSON.parse(docker(['container', 'inspect', names.running, names.exited])) as {
    Id: string;
    Name: string;
    State: { Status: string; StartedAt: string; FinishedAt: string };
  }[];
  const images = JSON.parse(docker(['image', 'inspect', ...names.images])) as {
    Id: string;
    RepoTags: string[];
  }[];
  const volume = JSON.parse(docker(['volume', 'inspect', names.volume])) as { CreatedAt: string }[];
  const network = JSON.parse(docker(['network', 'inspect', names.network])) as { Id: string }[];
  return {
    containers: containers.map((c) => [
      c.Name,
      c.Id,
      c.State.Status,
      c.State.StartedAt,
      c.State.FinishedAt,
    ]),
    images: images.map((i, n) => [names.images[n], i.Id, i.RepoTags.includes(names.images[n]!)]),
    volume: [names.volume, volume[0]?.CreatedAt],
    network: [names.network, network[0]?.Id],
  };
}

describeDocker('safety: the learner’s own objects survive every lab', () => {
  let before: Record<string, unknown>;

  beforeAll(() => {
    docker(['run', '-d', '--name', names.running, BUSYBOX, 'sleep', '3600']);
    docker(['run', '--name', names.exited, BUSYBOX, 'echo', 'hello from the learner']);
    for (const image of names.images) docker(['tag', BUSYBOX, image]);
    docker(['volume', 'create', names.volume]);
    docker(['network', 'create', names.network]);
    before = snapshot();
  }, 60_000);

  afterAll(() => {
    dockerMaybe(['rm', '-f', '-v', names.running, names.exited]);
    dockerMaybe(['rmi', ...names.images]);
    dockerMaybe(['volume', 'rm', names.volume]);
    dockerMaybe(['network', 'rm', names.network]);
  });

  it(
    'lab selftest --all (every lab set up, solved, cleaned up) leaves them exactly as they were',
    { timeout: 900_000 },
    async () => {
      expect(existsSync(CLI), `the CLI is not built (${CLI}): run npm run build`).toBe(true);
      // The lab results are not this test's business (other files test them): only safety is.
      const selftest = runCli(
        ['lab', 'selftest', '--all', '--json'],
        process.env,
        undefined,
        840_000,
      );
      expect(selftest.stdout.length, selftest.stderr).toBeGreaterThan(0);
      expect(snapshot()).toEqual(before);

      const engine = new Docker();
      const roots = [bundledRoot()];
      const labs = allLabs(roots);
      expect(labs.length).toBeGreaterThan(3);
      for (const summary of labs) {
        const loaded = loadLab(roots, summary.id);
        const resources = loaded.ok ? loaded.lab.resources : undefined;
        const plan = await planCleanup(engine, {
          labId: summary.id,
          ...(resources ? { resources } : {}),
        });
        const touched = plan.items.filter((item) =>
          [names.running, names.exited, names.volume, names.network, ...names.images].some(
            (name) => item.name === name || item.target === name,
          ),
        );
        expect(touched, `lab ${summary.id} would remove learner objects`).toEqual([]);
      }
      expect(snapshot()).toEqual(before);
    },
  );
});
