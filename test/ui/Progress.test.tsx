import { describe, expect, it } from 'vitest';
import { bundledRoot } from '../../src/content/paths.js';
import { recordAnswer, recordLessonPosition } from '../../src/progress/records.js';
import { ProgressStore } from '../../src/progress/store.js';
import { Progress } from '../../src/ui/screens/Progress.js';
import { makeTempDir } from '../helpers/home.js';
import { makeServices, recordingNavigation, renderWith, tick, waitForFrame } from './render-app.js';

describe('Progress screen', () => {
  it('shows completion, lessons with marks, domains and the key hints', async () => {
    const home = makeTempDir();
    const store = new ProgressStore(home);
    recordLessonPosition(store, 'moving-images', 900, true);
    recordAnswer(store, { questionId: 'mi-export-takes-container', correct: true });
    const { lastFrame, unmount } = renderWith(
      <Progress />,
      makeServices({ home, store, roots: [bundledRoot()] }),
    );
    const frame = await waitForFrame(lastFrame, 'Course completion');
    expect(frame).toMatch(/Study streak +1 day\b/);
    expect(frame).toMatch(/Moving images.* ✓ +100% +1\/\d+/);
    expect(frame).toContain('q/esc back');
    // Never taller than the 24-row terminal ink-testing-library pretends to be.
    expect(frame.split('\n').length).toBeLessThan(24);
    unmount();
  });

  it('scrolls to the domains and exams, and goes back with q', async () => {
    const nav = recordingNavigation();
    const { lastFrame, stdin, unmount } = renderWith(
      <Progress />,
      makeServices({ roots: [bundledRoot()] }),
      nav,
    );
    await waitForFrame(lastFrame, 'Course completion');
    for (let i = 0; i < 3; i++) {
      stdin.write(' ');
      await tick(40);
    }
    const frame = await waitForFrame(lastFrame, 'Exams');
    expect(frame).toContain('none yet');
    expect(frame).not.toContain('Course completion');
    stdin.write('q');
    await tick(60);
    expect(nav.backs).toBe(1);
    unmount();
  });
});
