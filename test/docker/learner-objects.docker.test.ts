/**
 * The learner's own objects are never taken: `lab selftest` on a lab whose declared name is
 * already used by an unlabelled container of the learner's stops before it touches
 * anything, names the container and the way out; and it names every object it removes.
 */
import { rmSync } from 'node:fs';
import { afterAll, afterEach, expect, it } from 'vitest';
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
});
