import { expect, it } from 'vitest';
import { Docker } from '../../src/docker/index.js';
import { checkSchema } from '../../src/labs/checks/schema.js';
import { cleanup, planCleanup } from '../../src/labs/cleanup.js';
import { runProbe } from '../../src/labs/probe.js';
import { stageImageIds } from '../../src/labs/steps.js';
import { describeDocker, docker, dockerMaybe, uniqueName } from '../helpers/docker.js';

describeDocker('multi-stage builds in labs and probes', () => {
  it("removes the classic builder's leftover stage images with the lab's objects", async () => {
    const tag = uniqueName('ddv-stages');
    const marker = uniqueName('stage');
    const dangling = () =>
      docker(['images', '-q', '--no-trunc', '--filter', 'dangling=true'])
        .split('\n')
        .filter(Boolean);
    const before = new Set(dangling());
    const result = await runProbe(new Docker(), {
      id: tag,
      files: {
        // A unique RUN in the first stage so its image is new, not a cache hit.
        Dockerfile: `FROM busybox:1.36 AS build\nRUN echo ${marker} > /artifact\nFROM busybox:1.36\nCOPY --from=build /artifact /artifact\nCMD ["cat", "/artifact"]\n`,
      },
      steps: [{ argv: ['build', '-t', tag, '.'] }],
      checks: [checkSchema.parse({ kind: 'run', image: tag, stdout: marker })],
    });
    expect(result.error ?? result.results.filter((r) => !r.passed).map((r) => r.message)).toEqual(
      [],
    );
    expect(result.passed).toBe(true);
    // Only images of this build count: other work on the engine may leave its own.
    const ours = (id: string) =>
      docker(['history', '--no-trunc', '--format', '{{.CreatedBy}}', id]).includes(marker);
    const left = dangling().filter((id) => !before.has(id) && ours(id));
    expect(left).toEqual([]);
  });

  it('removes an untagged parent listed before its child: a refused image is tried again', async () => {
    const labId = uniqueName('ddv-parent-first');
    const build = (dockerfile: string) =>
      docker(['build', '-q', '--label', `dockdrill.lab=${labId}`, '-'], dockerfile).trim();
    const parent = build(`FROM busybox:1.36\nRUN echo ${labId} > /parent\n`);
    const child = build(`FROM ${parent}\nRUN echo child > /child\n`);
    const item = (id: string) => ({
      kind: 'image' as const,
      name: id.slice(7, 19),
      target: id,
      reasons: ['label' as const],
    });
    // Untagged images are tried in reverse plan order: this plan puts the parent first,
    // which docker refuses while its child exists.
    const report = await cleanup(new Docker(), { labId, items: [item(child), item(parent)] });
    expect(report.failed).toEqual([]);
    expect(report.removed.map((i) => i.target).sort()).toEqual([child, parent].sort());
    for (const id of [parent, child])
      expect(dockerMaybe(['image', 'inspect', id]).status).not.toBe(0);
  });

  it("removes the lab's own container that started after the plan, then its image; not a stranger's", async () => {
    const labId = uniqueName('ddv-late-check');
    const tag = `${labId}:v1`;
    docker(
      ['build', '-q', '--label', `dockdrill.lab=${labId}`, '-t', tag, '-'],
      `FROM busybox:1.36\nRUN echo ${labId} > /x\n`,
    );
    const plan = await planCleanup(new Docker(), { labId });
    expect(plan.items.map((i) => `${i.kind} ${i.name}`)).toEqual([`image ${tag}`]);
    // Like a run check cut short as the learner leaves: its container starts after the plan.
    const late = docker(['run', '-d', '--label', `dockdrill.lab=${labId}`, tag, 'sleep', '30']);
    try {
      const report = await cleanup(new Docker(), plan);
      expect(report.failed).toEqual([]);
      expect(report.removed.map((i) => `${i.kind} ${i.target}`).sort()).toEqual(
        [`container ${late}`, `image ${tag}`].sort(),
      );
      expect(dockerMaybe(['image', 'inspect', tag]).status).not.toBe(0);
    } finally {
      // Left only when cleanup failed, which is what this test is for.
      dockerMaybe(['rm', '-f', late]);
      dockerMaybe(['rmi', tag]);
    }

    // A container the lab did not label keeps the image it uses. (One run from a labelled
    // image inherits the label, so this image is a declared one, built without it.)
    const other = uniqueName('ddv-late-other');
    docker(
      ['build', '-q', '-t', `${other}:v1`, '-'],
      `FROM busybox:1.36\nRUN echo ${other} > /x\n`,
    );
    const stranger = docker(['create', `${other}:v1`]).trim();
    try {
      const plan = await planCleanup(new Docker(), {
        labId: other,
        resources: { images: [`${other}:v1`] },
      });
      const kept = await cleanup(new Docker(), plan);
      expect(kept.failed.map((f) => f.item.name)).toEqual([`${other}:v1`]);
      expect(kept.failed[0]!.error).toMatch(/is using its referenced image/);
      expect(dockerMaybe(['container', 'inspect', stranger]).status).toBe(0);
    } finally {
      docker(['rm', '-f', stranger]);
      docker(['rmi', `${other}:v1`]);
    }
  }, 60_000);
});

it('finds the image that ends each earlier stage in a classic build log', () => {
  const log = [
    'Step 1/5 : FROM busybox:1.36 AS build',
    ' ---> 49e41779d6f6',
    'Step 2/5 : RUN echo hi > /a',
    ' ---> Running in 1234567890ab',
    'Removing intermediate container 1234567890ab',
    ' ---> aaaaaaaaaaaa',
    'Step 3/5 : FROM busybox:1.36',
    ' ---> 49e41779d6f6',
    'Step 4/5 : COPY --from=build /a /a',
    ' ---> bbbbbbbbbbbb',
    'Step 5/5 : CMD ["cat", "/a"]',
    ' ---> cccccccccccc',
    'Successfully built cccccccccccc',
  ].join('\n');
  expect(stageImageIds(log)).toEqual(['aaaaaaaaaaaa']);
});
