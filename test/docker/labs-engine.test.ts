import { join } from 'node:path';
import { expect, it } from 'vitest';
import { Docker } from '../../src/docker/index.js';
import { watchEvents, type DockerEvent } from '../../src/docker/events.js';
import { checkSchema } from '../../src/labs/checks/schema.js';
import { ensureImages, LabImageError } from '../../src/labs/images.js';
import { parseLab, readLab } from '../../src/labs/parse-lab.js';
import { runProbe } from '../../src/labs/probe.js';
import { selftest } from '../../src/labs/selftest.js';
import { watchChecks } from '../../src/labs/watch.js';
import {
  BUSYBOX,
  describeDocker,
  docker as sh,
  dockerMaybe,
  TEST_LABEL,
  uniqueName,
  useDockerFixtures,
} from '../helpers/docker.js';
import { useTempHome } from '../helpers/home.js';

const goodLab = join(
  import.meta.dirname,
  '..',
  'fixtures',
  'labs',
  'good',
  'lessons',
  '01-basics',
  'lab.md',
);

function labelledCount(label: string): number {
  const containers = sh(['ps', '-a', '-q', '--filter', `label=${label}`]);
  const images = sh(['images', '-q', '--filter', `label=${label}`]);
  return [containers, images].join('\n').split('\n').filter(Boolean).length;
}

describeDocker('lab engine', () => {
  const fx = useDockerFixtures();
  const home = useTempHome();

  it('self-test of the fixture lab passes and leaves nothing behind', async () => {
    const { lab } = readLab(goodLab);
    const docker = new Docker();
    const report = await selftest(docker, lab!, { pollMs: 300 });
    console.log(
      `selftest ${report.labId}: ok=${report.ok} in ${report.durationMs} ms, ${docker.spawnCount} docker processes`,
    );
    expect(report.problems).toEqual([]);
    expect(report.ok).toBe(true);
    expect(
      report.tasks.map((t) => [
        t.task,
        t.before.every((r) => !r.passed),
        t.after.every((r) => r.passed),
      ]),
    ).toEqual([
      ['run-always', true, true],
      ['build-app', true, true],
      ['save-app', true, true],
    ]);
    expect(report.leftovers).toEqual([]);
    expect(report.cleanup?.removed.map((i) => `${i.kind} ${i.name}`)).toEqual([
      'container ddfx-st-target',
      'container ddfx-st-web',
      'image ddfx-st-app:v1',
    ]);
    expect(labelledCount('dockdrill.lab=ddfx-basics')).toBe(0);
    expect(dockerMaybe(['image', 'inspect', 'ddfx-st-app:v1']).status).not.toBe(0);
  }, 120_000);

  it('self-test reports checks that pass too early, wrong solutions and undeclared names', async () => {
    const b = uniqueName('ddt-st');
    const text = [
      '---',
      `id: ${b}`,
      'title: broken on purpose',
      `images: [${BUSYBOX}]`,
      '---',
      '## Task: already-true',
      '```check',
      `kind: image`,
      `image: ${BUSYBOX}`,
      '```',
      '#### Solution',
      '```sh',
      `docker run -d --name ${b}-undeclared ${BUSYBOX} sleep 600`,
      '```',
      '## Task: wrong-solution',
      '```check',
      'kind: container',
      `name: ${b}-undeclared`,
      'expect:',
      '  HostConfig.RestartPolicy.Name: always',
      '```',
      '#### Solution',
      '```sh',
      'docker ps',
      '```',
    ].join('\n');
    const { lab, problems } = parseLab(text, join(home(), 'lab.md'));
    // Lint finds the undeclared name statically now; the self-test still reports it too.
    expect(problems.map((p) => `${p.code}: ${p.message}`)).toEqual([
      `undeclared-name: the solution creates container "${b}-undeclared", which resources.containers does not declare`,
    ]);
    const report = await selftest(new Docker(), lab!);
    expect(report.ok).toBe(false);
    expect(report.problems).toEqual([
      `task already-true: the solution creates container "${b}-undeclared", which resources.containers does not declare`,
      `task already-true: image ${BUSYBOX} already passes before the solution`,
      `task wrong-solution: container ${b}-undeclared still fails after the solution: container ${b}-undeclared: HostConfig.RestartPolicy.Name is "no", expected "always"`,
    ]);
    // Even the undeclared container is gone: the engine labelled it.
    expect(dockerMaybe(['container', 'inspect', `${b}-undeclared`]).status).not.toBe(0);
    expect(report.leftovers).toEqual([]);
  }, 60_000);

  it('runProbe runs labelled steps, checks, and always cleans up', async () => {
    const id = uniqueName('probe');
    const docker = new Docker();
    const ok = await runProbe(docker, {
      id,
      files: { Dockerfile: `FROM ${BUSYBOX}\nENV MODE=prod\n` },
      steps: [
        {
          argv: [
            'run',
            '-d',
            '--name',
            `ddv-${id}`,
            '--restart',
            'unless-stopped',
            BUSYBOX,
            'sleep',
            '600',
          ],
        },
        { argv: ['build', '-t', `ddv-${id}:1`, '.'] },
        { argv: ['tag', `ddv-${id}:1`, `ddv-${id}:2`] },
      ],
      checks: [
        checkSchema.parse({
          kind: 'container',
          name: `ddv-${id}`,
          expect: { 'HostConfig.RestartPolicy.Name': 'unless-stopped' },
        }),
        checkSchema.parse({
          kind: 'image',
          image: `ddv-${id}:1`,
          expect: { 'Config.Env': { contains: 'MODE=prod' } },
          tags: [`ddv-${id}:2`],
        }),
      ],
    });
    expect(ok.error).toBeUndefined();
    expect(ok.results.map((r) => r.passed)).toEqual([true, true]);
    expect(ok.passed).toBe(true);
    expect(ok.cleanup.failed).toEqual([]);
    for (const name of [`ddv-${id}:1`, `ddv-${id}:2`])
      expect(dockerMaybe(['image', 'inspect', name]).status).not.toBe(0);
    expect(dockerMaybe(['container', 'inspect', `ddv-${id}`]).status).not.toBe(0);
    expect(labelledCount(`dockdrill.lab=verify-${id}`)).toBe(0);

    const failing = await runProbe(docker, {
      id,
      steps: [
        { argv: ['run', '-d', '--name', `ddv-${id}-b`, BUSYBOX, 'sleep', '600'] },
        { argv: ['run', '--rm', `ddv-${id}-no-such-image:1`, 'true'] },
      ],
      checks: [checkSchema.parse({ kind: 'container', name: `ddv-${id}-b`, absent: true })],
    });
    expect(failing.passed).toBe(false);
    expect(failing.error).toContain('failed');
    expect(dockerMaybe(['container', 'inspect', `ddv-${id}-b`]).status).not.toBe(0);
  }, 60_000);

  it('runProbe: output checks read a named step, including one docker refuses', async () => {
    const docker = new Docker();
    const id = uniqueName('out');
    const result = await runProbe(docker, {
      id,
      steps: [
        { argv: ['run', '-d', '--name', `ddv-${id}`, BUSYBOX, 'sleep', '600'] },
        { argv: ['tag', BUSYBOX, `ddv-${id}:1`] },
        { argv: ['image', 'ls', '--format', '{{.Tag}}', `ddv-${id}`], as: 'listing' },
        // busybox:1.36 still names the image, so this only untags.
        { argv: ['rmi', `ddv-${id}:1`], as: 'untag' },
        { argv: ['rmi', `ddv-${id}-absent:1`], as: 'refused' },
      ],
      checks: [
        checkSchema.parse({ kind: 'output', step: 'listing', stdout: '1', lines: 1 }),
        checkSchema.parse({ kind: 'output', step: 'untag', stdout: { contains: 'Untagged' } }),
        checkSchema.parse({
          kind: 'output',
          step: 'refused',
          exitCode: { gte: 1 },
          stderr: { matches: 'No such image' },
        }),
        // Wrong on purpose: the step failed, and the default exit code wanted is 0.
        checkSchema.parse({ kind: 'output', step: 'refused', stderr: { contains: 'No such' } }),
      ],
    });
    expect(result.error).toBeUndefined();
    expect(result.results.map((r) => r.passed)).toEqual([true, true, true, false]);
    expect(result.results[3]!.fields.find((f) => f.path === 'exitCode')).toMatchObject({
      expected: '0',
      ok: false,
    });
    expect(result.cleanup.failed).toEqual([]);
    expect(dockerMaybe(['container', 'inspect', `ddv-${id}`]).status).not.toBe(0);
  }, 60_000);

  it('ensureImages: present images cost one inspect; a failed pull explains docker load', async () => {
    const docker = new Docker();
    const before = docker.spawnCount;
    expect(await ensureImages(docker, [BUSYBOX, 'registry:2'])).toEqual([
      { image: BUSYBOX, status: 'present' },
      { image: 'registry:2', status: 'present' },
    ]);
    expect(docker.spawnCount - before).toBe(1);
    const lines: string[] = [];
    const missing = 'localhost:1/ddfx-missing:1';
    const error = await ensureImages(docker, [missing], {
      onProgress: (p) => lines.push(p.line),
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LabImageError);
    expect((error as Error).message).toContain(
      `docker save -o localhost-1-ddfx-missing-1.tar ${missing}`,
    );
    expect((error as Error).message).toContain('docker load -i localhost-1-ddfx-missing-1.tar');
  }, 60_000);

  it('watchEvents streams container events until aborted; watchChecks re-checks on them', async () => {
    const docker = new Docker();
    const name = uniqueName('ddt-watch');
    const events: DockerEvent[] = [];
    const controller = new AbortController();
    const watching = watchEvents(docker, {
      signal: controller.signal,
      onEvent: (e) => events.push(e),
    });
    const watchController = new AbortController();
    const seen: boolean[] = [];
    const checks = [
      checkSchema.parse({ kind: 'container', name, expect: { 'State.Running': true } }),
    ];
    const watchingChecks = watchChecks(docker, checks, {
      signal: watchController.signal,
      workspace: home(),
      labId: 'ddt-watch',
      debounceMs: 100,
      onResults: (r) => seen.push(r[0]!.passed),
    });
    await new Promise((r) => setTimeout(r, 800));
    fx.trackContainer(name);
    sh(['run', '-d', '--label', TEST_LABEL, '--name', name, BUSYBOX, 'sleep', '600']);
    const deadline = Date.now() + 10_000;
    while (
      Date.now() < deadline &&
      !(
        events.some((e) => e.action === 'start' && e.attributes.name === name) &&
        seen.includes(true)
      )
    ) {
      await new Promise((r) => setTimeout(r, 100));
    }
    controller.abort();
    watchController.abort();
    await watching;
    await watchingChecks;
    const start = events.find((e) => e.action === 'start' && e.attributes.name === name);
    expect(start).toMatchObject({ type: 'container', action: 'start' });
    expect(start!.attributes[TEST_LABEL.split('=')[0]!]).toBe('1');
    // First evaluation (before the container) failed, the one after the events passed.
    expect(seen[0]).toBe(false);
    expect(seen.at(-1)).toBe(true);
  }, 30_000);
});
