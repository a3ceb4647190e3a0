/**
 * The Labs list (labs with tasks passed/total and their lesson) and the offer to clean up
 * after a session that died without cleanup (its journal's owner is gone).
 */
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ProgressStore } from '../../src/progress/store.js';
import { recordTask } from '../../src/progress/records.js';
import { Labs } from '../../src/ui/screens/Labs.js';
import { describeDocker, dockerMaybe } from '../helpers/docker.js';
import { makeTempDir } from '../helpers/home.js';
import { makeFixtureLab, removeFixtureObjects, type FixtureLab } from '../helpers/lab-fixture.js';
import { makeServices, recordingNavigation, renderWith, waitForFrame } from '../ui/render-app.js';

const RUN_SETUP = join(import.meta.dirname, '..', 'fixtures', 'labs', 'run-setup.ts');

describeDocker('Labs screen (real engine)', () => {
  let fx: FixtureLab;
  beforeAll(() => {
    fx = makeFixtureLab();
  });
  afterAll(() => {
    removeFixtureObjects(fx);
    rmSync(fx.dir, { recursive: true, force: true });
  });

  it('lists the labs with tasks passed of total and opens one with enter', async () => {
    const home = makeTempDir('dockdrill-labs-ui-');
    const store = new ProgressStore(home);
    recordTask(store, fx.id, 'run-always', (t) => {
      t.attempts = 1;
      t.passedAt = new Date().toISOString();
    });
    const nav = recordingNavigation();
    const services = makeServices({ home, store, roots: [{ dir: fx.dir, pack: '' }] });
    const { lastFrame, stdin, unmount } = renderWith(<Labs />, services, nav);
    const frame = await waitForFrame(lastFrame, `${fx.title} — 1/2 tasks`);
    expect(frame).toContain('◐');
    expect(frame).toContain(fx.id);
    stdin.write('\r');
    await waitForFrame(lastFrame, fx.title);
    expect(nav.opened).toEqual([{ name: 'lab', id: fx.id }]);
    unmount();
    rmSync(home, { recursive: true, force: true });
  });

  it('offers to clean up after a session that died, shows what it would remove, y removes it', async () => {
    const home = makeTempDir('dockdrill-labs-ui-');
    // A dockdrill process that ran the setup and exited without cleanup: its journal stays.
    const child = spawnSync(
      process.execPath,
      ['--import', 'tsx', RUN_SETUP, join(fx.dir, 'lessons', '01-fixture', 'lab.md'), home],
      { encoding: 'utf8', timeout: 60_000 },
    );
    expect(child.stdout).toContain('setup finished');
    expect(dockerMaybe(['container', 'inspect', fx.target]).status).toBe(0);

    const services = makeServices({ home, roots: [{ dir: fx.dir, pack: '' }] });
    const { lastFrame, stdin, unmount } = renderWith(<Labs />, services);
    const offer = await waitForFrame(lastFrame, 'Remove them now?', 20_000);
    expect(offer).toContain(`Lab ${fx.id} was left without cleanup`);
    expect(offer).toContain(`container ${fx.target}`);
    expect(offer).not.toContain('0/2 tasks'); // the list waits for the answer
    stdin.write('y');
    await waitForFrame(lastFrame, `${fx.title} — 0/2 tasks`, 20_000);
    expect(dockerMaybe(['container', 'inspect', fx.target]).status).not.toBe(0);
    unmount();

    // Answered: the next visit does not ask again.
    const again = renderWith(<Labs />, makeServices({ home, roots: [{ dir: fx.dir, pack: '' }] }));
    await waitForFrame(again.lastFrame, `${fx.title} — 0/2 tasks`);
    expect(again.lastFrame()).not.toContain('without cleanup');
    again.unmount();
    rmSync(home, { recursive: true, force: true });
  });

  it('n keeps the objects and does not ask again', async () => {
    const home = makeTempDir('dockdrill-labs-ui-');
    spawnSync(
      process.execPath,
      ['--import', 'tsx', RUN_SETUP, join(fx.dir, 'lessons', '01-fixture', 'lab.md'), home],
      { encoding: 'utf8', timeout: 60_000 },
    );
    const services = makeServices({ home, roots: [{ dir: fx.dir, pack: '' }] });
    const first = renderWith(<Labs />, services);
    await waitForFrame(first.lastFrame, 'Remove them now?', 20_000);
    first.stdin.write('n');
    await waitForFrame(first.lastFrame, `${fx.title} — 0/2 tasks`);
    first.unmount();
    expect(dockerMaybe(['container', 'inspect', fx.target]).status).toBe(0);
    const second = renderWith(<Labs />, makeServices({ home, roots: [{ dir: fx.dir, pack: '' }] }));
    await waitForFrame(second.lastFrame, `${fx.title} — 0/2 tasks`);
    expect(second.lastFrame()).not.toContain('without cleanup');
    second.unmount();
    rmSync(home, { recursive: true, force: true });
  });
});
