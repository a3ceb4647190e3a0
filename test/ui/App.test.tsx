/**
 * The shell opens the progress store after the home screen's first frame (its code is the
 * biggest part of start-up the menu does not need): these tests hold the store back and
 * check what the learner sees meanwhile, and when opening it fails.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import { ProgressStore } from '../../src/progress/store.js';
import { App, loadScreen } from '../../src/ui/App.js';
import { makeTempDir } from '../helpers/home.js';
import { KEYS } from './quiz-helpers.js';
import { makeServices, tick, waitForFrame } from './render-app.js';

/** Shell services (no store) and an openStore the test resolves or rejects by hand. */
function heldStore() {
  const home = makeTempDir('dockdrill-app-');
  const { store: _unused, ...shell } = makeServices({ home });
  let release: (store: ProgressStore) => void = () => {};
  let fail: (error: Error) => void = () => {};
  let calls = 0;
  const openStore = () => {
    calls++;
    return new Promise<ProgressStore>((resolve, reject) => {
      release = resolve;
      fail = reject;
    });
  };
  return {
    home,
    shell,
    openStore,
    calls: () => calls,
    release: (store: ProgressStore) => release(store),
    fail: (error: Error) => fail(error),
  };
}

describe('App shell and the progress store', () => {
  it('draws the home menu before the store opens, then shows a corrupt file notice', async () => {
    const held = heldStore();
    const view = render(<App services={held.shell} openStore={held.openStore} />);
    expect(view.lastFrame()).toContain('q/esc quit');
    // Asked for only after the first frame.
    expect(held.calls()).toBe(0);
    await tick(30);
    expect(held.calls()).toBe(1);
    writeFileSync(join(held.home, 'progress.json'), '{broken');
    held.release(new ProgressStore(held.home));
    const frame = await waitForFrame(view.lastFrame, 'progress file could not be read');
    expect(frame).toMatch(/progress\.corrupt-/);
    view.unmount();
  });

  it('a screen opened before the store is ready waits for it, then draws', async () => {
    // The screen's code is loaded already: only the store is missing.
    await loadScreen('lessons');
    const held = heldStore();
    const view = render(<App services={held.shell} openStore={held.openStore} />);
    await tick(30);
    view.stdin.write(KEYS.enter); // Lessons
    await waitForFrame(view.lastFrame, 'Loading…');
    await tick(100);
    expect(view.lastFrame()).toContain('Loading…');
    held.release(new ProgressStore(held.home));
    await waitForFrame(view.lastFrame, '0 lessons · 0 read');
    expect(view.lastFrame()).not.toContain('Loading…');
    view.unmount();
  });

  it('a store that cannot open: Home says why, other screens say so and q goes back', async () => {
    const held = heldStore();
    const view = render(<App services={held.shell} openStore={held.openStore} />);
    await tick(30);
    held.fail(new Error('progress file has schema version 9, newer than this dockdrill'));
    await waitForFrame(view.lastFrame, 'Your progress could not be opened: progress file has');
    view.stdin.write(KEYS.enter); // Lessons
    const blocked = await waitForFrame(view.lastFrame, 'q/esc back');
    expect(blocked).toContain('schema version 9');
    view.stdin.write('q');
    await waitForFrame(view.lastFrame, 'q/esc quit');
    view.unmount();
  });
});
