/**
 * Safety: the learner's own objects survive every lab. Before: unlabelled containers (one
 * running, one exited), images, a volume and a network whose names look like the labs'
 * (`web-mine…`, `greeter:mine…`). Then `dockdrill lab selftest --all` (setup, solutions and
 * the cleanup of every bundled lab), and every lab's cleanup plan (labels, declared names)
 * must not name one of them. Only planned, not run again: a second cleanup here would remove
 * objects of lab tests running in parallel on the shared engine.
 * After: every object is still there with the same id and the same state. Removed at the end.
 */
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { bundledRoot } from '../../src/content/paths.js';
import { Docker } from '../../src/docker/index.js';
import { allLabs, loadLab } from '../../src/labs/catalog.js';
import { planCleanup } from '../../src/labs/engine.js';
import { runCli } from '../helpers/cli.js';
import { BUSYBOX, describeDocker, docker, dockerMaybe } from '../helpers/docker.js';
import { CLI } from '../helpers/tmux.js';

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
