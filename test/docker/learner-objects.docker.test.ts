/**
 * The learner's own objects are never taken: `lab selftest` on a lab whose declared name is
 * already used by an unlabelled container of the learner's stops before it touches
 * anything, names the container and the way out; and it names every object it removes.
 */
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, expect, it } from 'vitest';
import { Docker } from '../../src/docker/index.js';
import { runSetup } from '../../src/labs/engine.js';
import { runCli } from '../helpers/cli.js';
import { describeDocker, docker, dockerMaybe } from '../helpers/docker.js';
import { makeTempDir } from '../helpers/home.js';
import { makeFixtureLab, removeFixtureObjects } from '../helpers/lab-fixture.js';

describeDocker("lab selftest and the learner's own objects", () => {
  const fx = makeFixtureLab();
  const env = () => ({ ...process.env, DOCKDRILL_HOME: makeTempDir('dockdrill-home-') });
  afterEach(() => removeFixtureObjects(fx));
  afterAll(() => rmSync(fx.dir, { recursive: true, force: true }));

  it('stops at a declared name the learner uses, and leaves their container and volume alone', () => {
    docker(['run', '-d', '--name', fx.web, '-v', '/data', 'busybox:1.36', 'sleep', '600']);
    const volume = docker(['inspect', '--format', '{{(index .Mounts 0).Name}}', fx.web]);
    try {
      const r = runCli(
        ['lab', 'selftest', fx.qualifiedId, '--trust-pack', '--content', fx.dir],
        env(),
      );
      expect(r.status).toBe(1);
      expect(r.stdout).toContain(`container "${fx.web}" already exists and is not the lab's`);
      expect(r.stdout).toContain(`rename or remove it yourself (e.g. docker rename ${fx.web}`);
      expect(r.stdout).not.toMatch(/cleaning up leftovers/);
      expect(docker(['inspect', '--format', '{{.State.Running}}', fx.web])).toBe('true');
      expect(dockerMaybe(['volume', 'inspect', volume]).status).toBe(0);
    } finally {
      dockerMaybe(['rm', '-f', fx.web]);
      dockerMaybe(['volume', 'rm', volume]);
    }
  }, 60_000);

  it('names every object its cleanup removes', () => {
    const r = runCli(
      ['lab', 'selftest', fx.qualifiedId, '--trust-pack', '--content', fx.dir],
      env(),
      undefined,
      120_000,
    );
    expect(r.stdout).toMatch(/PASS /);
    const line = r.stdout.split('\n').find((l) => l.includes('cleanup: removed')) ?? '';
    for (const name of [fx.web, fx.target, fx.image]) expect(line).toContain(name);
    expect(line).toMatch(/nothing left$/);
    expect(r.status).toBe(0);
  }, 150_000);

  it("a credential step stays on the learner's current context, not the default socket", async () => {
    // The learner's own client config, whose current context points at an engine that is
    // not there. A push/pull step runs with dockdrill's private --config, which has no
    // contexts: it must still go where the learner's docker goes (and so fail to connect),
    // not quietly to /var/run/docker.sock.
    const learnerConfig = makeTempDir('dockdrill-learner-config-');
    const socket = `/tmp/dd-no-engine-${process.pid}.sock`;
    const env = { ...process.env, DOCKER_CONFIG: learnerConfig };
    docker([
      '--config',
      learnerConfig,
      'context',
      'create',
      'dd-away',
      '--docker',
      `host=unix://${socket}`,
    ]);
    docker(['--config', learnerConfig, 'context', 'use', 'dd-away']);
    const saved = process.env.DOCKER_CONFIG;
    process.env.DOCKER_CONFIG = learnerConfig;
    try {
      const dataDir = makeTempDir('dockdrill-home-');
      const workspace = join(dataDir, 'workspace');
      mkdirSync(workspace);
      const attempt = runSetup(
        new Docker(),
        { id: 'dd-context-lab', setup: [['pull', 'localhost:1/dd-none:1']] },
        { dataDir, workspace },
      );
      await expect(attempt).rejects.toMatchObject({
        kind: 'daemon-unreachable',
        stderr: expect.stringContaining(socket),
        // The pull itself could not reach the learner's engine (not a later `docker version`).
        args: expect.arrayContaining(['pull', 'localhost:1/dd-none:1']),
      });
      expect(env.DOCKER_CONFIG).toBe(learnerConfig);
    } finally {
      if (saved === undefined) delete process.env.DOCKER_CONFIG;
      else process.env.DOCKER_CONFIG = saved;
    }
  });
});
