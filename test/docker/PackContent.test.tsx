/**
 * Course packs on screen: a pack lesson read next to the bundled lesson of the same id keeps
 * its progress under the qualified id; a pack lab shows the docker steps it will run and
 * asks before its first run (real engine), then not again until its folder changes.
 */
import { appendFileSync, existsSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { packName } from '../../src/content/namespace.js';
import { labHash } from '../../src/labs/approval.js';
import { bundledRoot, packRoot } from '../../src/content/paths.js';
import { ProgressStore } from '../../src/progress/store.js';
import { Lab } from '../../src/ui/screens/Lab.js';
import { LessonReader } from '../../src/ui/screens/LessonReader.js';
import { describeDocker, docker } from '../helpers/docker.js';
import { makeTempDir } from '../helpers/home.js';
import { makeFixtureLab, removeFixtureObjects, type FixtureLab } from '../helpers/lab-fixture.js';
import {
  makeServices,
  recordingNavigation,
  renderWith,
  tick,
  waitForFrame,
} from '../ui/render-app.js';

const PACK_DIR = resolve(import.meta.dirname, '..', 'fixtures', 'pack-collide');

describe('a pack lesson next to the bundled lesson of the same id', () => {
  it('is read from the pack and its progress is stored under the qualified id', async () => {
    const home = makeTempDir('dockdrill-pack-reader-');
    const store = new ProgressStore(home);
    const services = makeServices({ home, store, roots: [bundledRoot(), packRoot(PACK_DIR)] });
    const view = renderWith(
      <LessonReader id="pack-collide/restart-policies" viewport={{ columns: 80, rows: 24 }} />,
      services,
      recordingNavigation(),
    );
    const frame = await waitForFrame(view.lastFrame, "the pack's own take");
    expect(frame).not.toContain('There is no lesson');
    view.stdin.write('G');
    await waitForFrame(view.lastFrame, 'read ✓');
    view.unmount();
    await tick(50);
    const lessons = new ProgressStore(home).read().lessons;
    expect(lessons['pack-collide/restart-policies']?.readAt).toBeDefined();
    expect(lessons['restart-policies']).toBeUndefined();
    rmSync(home, { recursive: true, force: true });
  });
});

describeDocker('a pack lab asks before its first run (real engine)', () => {
  let fx: FixtureLab;
  let labId: string;
  const homes: string[] = [];
  beforeAll(() => {
    fx = makeFixtureLab();
    labId = `${packName(fx.dir)}/${fx.id}`;
  });
  afterEach(() => removeFixtureObjects(fx));
  afterAll(() => {
    rmSync(fx.dir, { recursive: true, force: true });
    for (const home of homes) rmSync(home, { recursive: true, force: true });
  });

  function labelled(): string[] {
    return docker([
      'ps',
      '-a',
      '--filter',
      `label=dockdrill.lab=${labId}`,
      '--format',
      '{{.Names}}',
    ])
      .split('\n')
      .filter(Boolean);
  }

  function open(home: string) {
    const store = new ProgressStore(home);
    const services = makeServices({ home, store, roots: [bundledRoot(), packRoot(fx.dir)] });
    const nav = recordingNavigation();
    const view = renderWith(<Lab id={labId} />, services, nav);
    return { ...view, nav, store };
  }

  it('shows the setup and solution steps, n leaves without running anything', async () => {
    const home = makeTempDir('dockdrill-pack-lab-');
    homes.push(home);
    const view = open(home);
    const frame = await waitForFrame(view.lastFrame, 'Run this lab?');
    expect(frame).toContain(`course pack “${packName(fx.dir)}”`);
    expect(frame).toContain('Images it needs (pulled if missing): busybox:1.36');
    // Rows wrap between words: read the list as flowing text.
    const flowing = frame.replace(/\s*\n\s*/g, ' ');
    expect(flowing).toContain(
      `docker run --label dockdrill.lab=${labId} -d --name ${fx.target} busybox:1.36 sleep 600`,
    );
    expect(flowing).toContain(
      `run-always: docker run --label dockdrill.lab=${labId} -d --name ${fx.web} --restart always`,
    );
    expect(flowing).toContain(
      `build-app: docker build --label dockdrill.lab=${labId} -t ${fx.image} .`,
    );
    view.stdin.write('n');
    await tick(300);
    expect(view.nav.backs).toBe(1);
    view.unmount();
    expect(labelled()).toEqual([]);
    expect(existsSync(join(home, 'labs'))).toBe(false); // not even the workspace
    expect(view.store.read().approvedLabs).toBeUndefined();
  });

  it('y runs setup labelled with the qualified id, remembers it, asks again after lab.md changes', async () => {
    const home = makeTempDir('dockdrill-pack-lab-');
    homes.push(home);
    const first = open(home);
    await waitForFrame(first.lastFrame, 'Run this lab?');
    expect(labelled()).toEqual([]);
    first.stdin.write('y');
    await waitForFrame(first.lastFrame, 'Task 1/2: run-always', 30_000);
    expect(labelled()).toEqual([fx.target]); // label value `dockdrill.lab=<pack>/<id>`
    // One folder per lab: `/` in the id is encoded, never a nested directory.
    const folder = join(home, 'labs', `${packName(fx.dir)}__${fx.id}`);
    expect(existsSync(join(folder, 'workspace', 'Dockerfile'))).toBe(true);
    const file = join(fx.dir, 'lessons', '01-fixture', 'lab.md');
    expect(first.store.read().approvedLabs?.[labId]?.hash).toBe(
      labHash({ dir: join(fx.dir, 'lessons', '01-fixture') }),
    );
    first.unmount();
    removeFixtureObjects(fx);

    // Approved: the next session goes straight to setup.
    const second = open(home);
    await waitForFrame(second.lastFrame, 'Task 1/2: run-always', 30_000);
    expect(second.frames.some((f) => f.includes('Run this lab?'))).toBe(false);
    second.unmount();
    removeFixtureObjects(fx);

    // A changed lab.md is a different lab: it asks again before running anything.
    appendFileSync(file, '\nAn extra line from the instructor.\n');
    const third = open(home);
    await waitForFrame(third.lastFrame, 'Run this lab?');
    await tick(300);
    expect(labelled()).toEqual([]);
    third.unmount();
  });
});
