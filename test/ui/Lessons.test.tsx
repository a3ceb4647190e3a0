import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ContentRoot } from '../../src/content/paths.js';
import { recordLessonPosition } from '../../src/progress/records.js';
import { ProgressStore } from '../../src/progress/store.js';
import { Lessons } from '../../src/ui/screens/Lessons.js';
import { makeTempDir } from '../helpers/home.js';
import { makeServices, recordingNavigation, renderWith, tick, waitForFrame } from './render-app.js';

const FIXTURES = resolve(import.meta.dirname, '..', 'fixtures');
const GOOD: ContentRoot = { dir: resolve(FIXTURES, 'lessons-good'), pack: '' };
const QUIZZES: ContentRoot = { dir: resolve(FIXTURES, 'quizzes', 'good'), pack: 'q' };
const BROKEN: ContentRoot = { dir: resolve(FIXTURES, 'lessons-broken'), pack: 'b' };

let unmount: (() => void) | undefined;
afterEach(() => {
  unmount?.();
  unmount = undefined;
});

function show(roots: ContentRoot[], store?: ProgressStore, viewport = { columns: 100, rows: 40 }) {
  const home = store?.dir ?? makeTempDir('dockdrill-lessons-');
  const nav = recordingNavigation();
  const view = renderWith(
    <Lessons viewport={viewport} />,
    makeServices({ roots, home, store: store ?? new ProgressStore(home) }),
    nav,
  );
  unmount = view.unmount;
  return { ...view, nav };
}

describe('Lessons (the course map)', () => {
  it('groups lessons by domain with marks, minutes, quiz and lab', async () => {
    const home = makeTempDir('dockdrill-lessons-');
    const store = new ProgressStore(home);
    recordLessonPosition(store, 'image-basics', 12, true);
    recordLessonPosition(store, 'restart-policies', 3, false);
    const view = show([GOOD, QUIZZES], store);
    const frame = await waitForFrame(view.lastFrame, 'Restart policies');
    const lines = frame.split('\n');
    const images = lines.findIndex((l) => l === 'Image Creation, Management and Registry');
    const orchestration = lines.findIndex((l) => l === 'Orchestration');
    expect(images).toBeGreaterThan(0);
    expect(orchestration).toBeGreaterThan(images); // course order: lesson 01 comes first
    expect(lines[images + 1]).toMatch(/✓ What an image is {2}15 min · quiz · lab$/);
    expect(lines[orchestration + 1]).toMatch(/◐ Restart policies {2}20 min$/);
    expect(frame).toContain('2 lessons · 1 read');
    expect(frame).toContain('q/esc back');
  });

  it('marks unread lessons and highlights the one opened last', async () => {
    const home = makeTempDir('dockdrill-lessons-');
    const store = new ProgressStore(home);
    recordLessonPosition(store, 'image-basics', 0, false, new Date('2026-01-01T00:00:00Z'));
    recordLessonPosition(store, 'restart-policies', 0, false, new Date('2026-02-01T00:00:00Z'));
    const view = show([GOOD], store);
    const frame = await waitForFrame(view.lastFrame, 'Restart policies');
    expect(frame).toMatch(/❯ ◐ Restart policies/);
    unmount?.();
    const fresh = show([GOOD]);
    const first = await waitForFrame(fresh.lastFrame, 'Restart policies');
    expect(first).toMatch(/❯ ○ What an image is/);
    expect(first).toMatch(/ {2}○ Restart policies/);
  });

  it('moves with j/k and arrows and opens the highlighted lesson with enter', async () => {
    const view = show([GOOD]);
    await waitForFrame(view.lastFrame, '❯ ○ What an image is');
    view.stdin.write('j');
    await waitForFrame(view.lastFrame, '❯ ○ Restart policies');
    view.stdin.write('j'); // already the last: stays
    await tick();
    view.stdin.write('\u001B[A');
    await waitForFrame(view.lastFrame, '❯ ○ What an image is');
    view.stdin.write('\u001B[B');
    await waitForFrame(view.lastFrame, '❯ ○ Restart policies');
    view.stdin.write('\r');
    await tick();
    expect(view.nav.opened).toEqual([{ name: 'lesson', id: 'restart-policies' }]);
    view.stdin.write('q');
    await tick();
    expect(view.nav.backs).toBe(1);
  });

  it('lists broken lessons with their file:line error and never opens them', async () => {
    const view = show([BROKEN], undefined, { columns: 100, rows: 60 });
    const frame = await waitForFrame(view.lastFrame, 'Lessons to fix');
    expect(frame).toMatch(/✗ .*broken/);
    expect(frame).toContain(
      'lessons/02-no-front/lesson.md:1: missing YAML front matter: the file must start with a',
    );
    expect(frame).toContain('lessons/03-bad-domain/lesson.md:4: unknown domain "kubernetes"');
    // Walk the whole list: the highlight only ever lands on lessons that open.
    for (let i = 0; i < 15; i++) {
      view.stdin.write('j');
      await tick(25);
      const selected = (view.lastFrame() ?? '').split('\n').find((l) => l.startsWith('❯'));
      expect(selected).toBeDefined();
      expect(selected).not.toContain('✗');
    }
    view.stdin.write('\r');
    await tick();
    expect(view.nav.opened).toHaveLength(1);
    const opened = view.nav.opened[0];
    expect(opened?.name).toBe('lesson');
  });

  it('keeps a long list inside the terminal, scrolling with the selection', async () => {
    const view = show([BROKEN, GOOD], undefined, { columns: 100, rows: 12 });
    await waitForFrame(view.lastFrame, '❯');
    for (let i = 0; i < 12; i++) {
      expect((view.lastFrame() ?? '').split('\n').length).toBeLessThan(12);
      view.stdin.write('j');
      await tick(25);
    }
    expect(view.lastFrame()).toMatch(/❯ ○ Restart policies/);
  });
});
