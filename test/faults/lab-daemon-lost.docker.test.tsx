/**
 * The daemon goes away (or hangs) while a lab is open and set up. The docker the screen
 * uses is a switchable script in front of the real engine, so the shared engine is never
 * stopped (the private-dockerd test kills a real daemon). The learner must get a clear
 * message, keep working (hints), get out with q, and find progress and journal intact;
 * once docker is back, cleanup from the journal removes what the lab made.
 */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { Docker } from '../../src/docker/index.js';
import { cleanup, journalPath, planCleanup, readJournal } from '../../src/labs/engine.js';
import { ProgressStore } from '../../src/progress/store.js';
import { Lab } from '../../src/ui/screens/Lab.js';
import { describeDocker, dockerMaybe } from '../helpers/docker.js';
import { makeTempDir } from '../helpers/home.js';
import { makeFixtureLab, removeFixtureObjects, type FixtureLab } from '../helpers/lab-fixture.js';
import {
  makeServices,
  recordingNavigation,
  renderWith,
  tick,
  waitForFrame,
} from '../ui/render-app.js';
import { SwitchableDocker, type SwitchMode } from './fault-helpers.js';

const flat = (frame: string) => frame.replace(/\s+/g, ' ');

describeDocker('a lab whose daemon goes away mid-lab', () => {
  let fx: FixtureLab;
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

  async function openReady() {
    const home = makeTempDir('dockdrill-lost-');
    const store = new ProgressStore(home);
    const sw = new SwitchableDocker('real');
    const docker = new Docker({ bin: sw.bin, defaultTimeoutMs: 60_000 });
    const nav = recordingNavigation();
    const view = renderWith(
      <Lab id={fx.id} />,
      makeServices({ docker, home, store, roots: [{ dir: fx.dir, pack: '' }] }),
      nav,
    );
    cleanups.push(() => {
      view.unmount();
      rmSync(home, { recursive: true, force: true });
    });
    await waitForFrame(view.lastFrame, 'Task 1/2: run-always', 30_000);
    view.stdin.write('h');
    await waitForFrame(view.lastFrame, 'Hint 1/2');
    return { ...view, home, store, sw, nav };
  }

  async function afterwards(home: string, store: ProgressStore) {
    // Progress: the hint taken before and after the daemon went away are both recorded.
    expect(store.read().labs[fx.id]?.tasks['run-always']?.hintsUsed).toBe(2);
    // The journal still lists the setup's container, by name and id.
    const journal = readJournal(journalPath(home, fx.id));
    expect(journal?.entries).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'container', name: fx.target, status: 'done' }),
      ]),
    );
    // Docker is back: cleanup from the journal removes exactly that and drops the journal.
    const real = new Docker();
    const plan = await planCleanup(real, { labId: fx.id, dataDir: home });
    expect(plan.items.map((i) => `${i.kind} ${i.name}`)).toEqual([`container ${fx.target}`]);
    expect(plan.items[0]?.reasons).toContain('journal');
    const report = await cleanup(real, plan);
    expect(report.failed).toEqual([]);
    expect(dockerMaybe(['container', 'inspect', fx.target]).status).not.toBe(0);
    expect(existsSync(journalPath(home, fx.id))).toBe(false);
  }

  for (const mode of ['daemon-down', 'permission-denied'] as SwitchMode[]) {
    it(
      `${mode}: a check says so, hints still work, q then q gets out, nothing lost`,
      { timeout: 90_000 },
      async () => {
        const { lastFrame, stdin, nav, sw, home, store } = await openReady();
        const progressBefore = readFileSync(store.path, 'utf8');
        sw.set(mode);
        stdin.write('c');
        const failed = flat(
          await waitForFrame(
            lastFrame,
            /no Docker daemon answers|Permission denied on the Docker socket/,
          ),
        );
        expect(failed).toMatch(/Start Docker|docker group/);
        expect(readFileSync(store.path, 'utf8')).toBe(progressBefore); // a failed round is no attempt
        stdin.write('h');
        await waitForFrame(lastFrame, 'Hint 2/2');
        // Leaving asks docker what to clean up; that fails too, so say it, and the next q leaves.
        stdin.write('q');
        await tick(300);
        stdin.write('q');
        await tick(100);
        expect(nav.backs).toBe(1);
        sw.set('real');
        await afterwards(home, store);
      },
    );
  }

  it(
    'hang: a check that hangs shows a spinner, and q, q leaves without waiting',
    { timeout: 90_000 },
    async () => {
      const { lastFrame, stdin, nav, sw, home, store } = await openReady();
      sw.set('hang');
      stdin.write('c');
      await waitForFrame(lastFrame, 'Checking run-always…');
      stdin.write('h');
      await waitForFrame(lastFrame, 'Hint 2/2'); // keys still answer while docker hangs
      stdin.write('q');
      await tick(200);
      stdin.write('q');
      await tick(100);
      expect(nav.backs).toBe(1);
      sw.set('real');
      await afterwards(home, store);
    },
  );
});
