/**
 * The Lab screen against the real engine: setup, a failing check with its field-by-field
 * diff, hints one at a time, the learner's own docker commands turning tasks green (on `c`
 * and in watch mode), the solution behind a y/n question, and cleanup or keep on leaving.
 */
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { Lab } from '../../src/ui/screens/Lab.js';
import { ProgressStore } from '../../src/progress/store.js';
import { describeDocker, docker, dockerMaybe } from '../helpers/docker.js';
import { makeTempDir } from '../helpers/home.js';
import { makeFixtureLab, removeFixtureObjects, type FixtureLab } from '../helpers/lab-fixture.js';
import {
  makeServices,
  recordingNavigation,
  renderWith,
  tick,
  waitForFrame,
} from '../ui/render-app.js';

function labelled(labId: string): string[] {
  return docker(['ps', '-a', '--filter', `label=dockdrill.lab=${labId}`, '--format', '{{.Names}}'])
    .split('\n')
    .filter(Boolean)
    .sort();
}

describeDocker('Lab screen (real engine)', () => {
  let fx: FixtureLab;
  let home: string;
  let cleanups: (() => void)[] = [];
  beforeAll(() => {
    fx = makeFixtureLab();
  });
  afterEach(() => {
    for (const c of cleanups) c();
    cleanups = [];
    removeFixtureObjects(fx);
  });
  afterAll(() => rmSync(fx.dir, { recursive: true, force: true }));

  function open() {
    home = makeTempDir('dockdrill-lab-ui-');
    const store = new ProgressStore(home);
    // The fixture as the course itself (pack ''): ids as written, no approval question.
    const services = makeServices({ home, store, roots: [{ dir: fx.dir, pack: '' }] });
    const nav = recordingNavigation();
    const view = renderWith(<Lab id={fx.id} />, services, nav);
    cleanups.push(() => {
      view.unmount();
      rmSync(home, { recursive: true, force: true });
    });
    return { ...view, nav, store };
  }

  it('sets up, fails a check field by field, gives hints one at a time, turns green on c, records it', async () => {
    const { lastFrame, stdin, store } = open();
    const ready = await waitForFrame(lastFrame, 'Task 1/2: run-always', 30_000);
    // The workspace path on a line of its own, the task list with marks, the key hints.
    const workspace = join(home, 'labs', fx.id, 'workspace');
    expect(ready.split('\n').map((l) => l.trim())).toContain(workspace);
    expect(existsSync(join(workspace, 'Dockerfile'))).toBe(true);
    expect(ready).toMatch(/○ run-always\s+○ build-app/);
    expect(ready).toContain('c check');
    expect(labelled(fx.id)).toEqual([fx.target]); // setup ran, labelled

    stdin.write('c');
    const failed = await waitForFrame(lastFrame, '1 of 1 check not met yet');
    expect(failed).toContain(`✗ ${fx.web} must run with --restart always`);
    expect(failed).toContain('✗ exists: found absent');
    expect(failed).toContain('want container present');
    expect(failed).toContain('see lesson basics#restart');
    expect(failed).toContain('✗ run-always');

    stdin.write('h');
    await waitForFrame(lastFrame, 'Hint 1/2: It is a flag of `docker run`.');
    expect(lastFrame()).not.toContain('Hint 2/2');
    stdin.write('h');
    await waitForFrame(lastFrame, 'Hint 2/2: The flag is `--restart`.');

    docker(['run', '-d', '--name', fx.web, '--restart', 'always', 'busybox:1.36', 'sleep', '600']);
    stdin.write('c');
    const passed = await waitForFrame(lastFrame, 'Task run-always done ✓');
    expect(passed).toContain(`✓ container ${fx.web}`);
    expect(passed).toMatch(/1\/2 done/);
    const record = store.read().labs[fx.id]?.tasks['run-always'];
    expect(record).toMatchObject({ attempts: 2, hintsUsed: 2, solvedWithHelp: false });
    expect(record?.passedAt).toBeTruthy();
  });

  it('watch mode turns a task green while the learner works elsewhere; q then y cleans up', async () => {
    const { lastFrame, stdin, nav } = open();
    await waitForFrame(lastFrame, 'Task 1/2: run-always', 30_000);
    stdin.write('n');
    await waitForFrame(lastFrame, 'Task 2/2: build-app');
    stdin.write('w');
    await waitForFrame(lastFrame, '· watching');
    await tick(500);
    expect(lastFrame()).not.toContain('done ✓');
    const workspace = join(home, 'labs', fx.id, 'workspace');
    docker(['build', '-q', '-t', fx.image, workspace]);
    const green = await waitForFrame(lastFrame, 'Task build-app done ✓', 20_000);
    expect(green).toContain(`✓ output of ${fx.image}`);

    stdin.write('q');
    const asked = await waitForFrame(lastFrame, 'Clean up what it made?');
    expect(asked).toContain(`container ${fx.target}`);
    expect(asked).toContain(`image ${fx.image}`);
    expect(nav.backs).toBe(0);
    stdin.write('y');
    const deadline = Date.now() + 20_000;
    while (nav.backs === 0 && Date.now() < deadline) await tick(50);
    expect(nav.backs).toBe(1);
    expect(labelled(fx.id)).toEqual([]);
    expect(dockerMaybe(['image', 'inspect', fx.image]).status).not.toBe(0);
    expect(existsSync(join(home, 'labs', fx.id, 'journal.json'))).toBe(false);
  });

  it('asks before showing the solution, marks the task solved with help, applies it; n on leaving keeps everything', async () => {
    const { lastFrame, stdin, nav, store } = open();
    await waitForFrame(lastFrame, 'Task 1/2: run-always', 30_000);
    stdin.write('s');
    await waitForFrame(lastFrame, 'Show the solution of run-always?');
    stdin.write('n');
    await waitForFrame(lastFrame, 'c check');
    expect(lastFrame()).not.toContain('Solution:');
    expect(store.read().labs[fx.id]?.tasks['run-always']?.solvedWithHelp).toBeFalsy();

    stdin.write('s');
    await waitForFrame(lastFrame, 'Show the solution of run-always?');
    stdin.write('y');
    const shown = await waitForFrame(lastFrame, 'Solution:');
    expect(shown).toContain(`$ docker run -d --name ${fx.web} --restart always`);
    expect(store.read().labs[fx.id]?.tasks['run-always']?.solvedWithHelp).toBe(true);
    stdin.write('a');
    const done = await waitForFrame(lastFrame, '✓ done (with help)', 20_000);
    expect(done).toContain('Task run-always done ✓');

    stdin.write('q');
    await waitForFrame(lastFrame, 'Clean up what it made?');
    stdin.write('n');
    await tick(100);
    expect(nav.backs).toBe(1);
    expect(labelled(fx.id)).toEqual([fx.target, fx.web].sort());
    expect(existsSync(join(home, 'labs', fx.id, 'kept.json'))).toBe(true);
  });

  it("a first start stops when the learner's own container has a name the lab declares, and takes nothing", async () => {
    // The learner's own web (unlabelled), with an anonymous volume.
    docker(['run', '-d', '--name', fx.web, '-v', '/data', 'busybox:1.36', 'sleep', '600']);
    const volume = docker(['inspect', '--format', '{{(index .Mounts 0).Name}}', fx.web]);
    cleanups.push(() => void dockerMaybe(['volume', 'rm', volume]));
    const { lastFrame, stdin } = open();
    const frame = await waitForFrame(lastFrame, "Your own objects use this lab's names", 30_000);
    expect(frame).toContain(`container "${fx.web}" already exists and is not the lab's`);
    expect(frame).toContain(`docker rename ${fx.web} ${fx.web}-mine`);
    // Nothing was set up, and no workspace stays behind (the next start checks again).
    expect(labelled(fx.id)).toEqual([]);
    expect(existsSync(join(home, 'labs', fx.id, 'workspace'))).toBe(false);
    stdin.write('q');
    await tick(300);
    expect(docker(['inspect', '--format', '{{.State.Running}}', fx.web])).toBe('true');
    expect(dockerMaybe(['volume', 'inspect', volume]).status).toBe(0);
  });

  it('says clearly when the lab does not exist', async () => {
    home = makeTempDir('dockdrill-lab-ui-');
    const services = makeServices({ home, roots: [{ dir: fx.dir, pack: '' }] });
    const view = renderWith(<Lab id="no-such-lab" />, services);
    cleanups.push(() => view.unmount());
    expect(view.lastFrame()).toContain('There is no lab "no-such-lab".');
  });
});
