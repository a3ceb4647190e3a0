import { describe, expect, it, vi } from 'vitest';
import { Home } from '../../src/ui/screens/Home.js';
import type { ScreenId } from '../../src/ui/screens.js';
import { Docker } from '../../src/docker/index.js';
import { fakeDockerEnv } from '../helpers/fake-docker.js';
import { makeServices, renderWith, tick, waitForFrame } from './render-app.js';

const ALL: ReadonlySet<ScreenId> = new Set<ScreenId>(['doctor', 'lessons']);

describe('Home screen', () => {
  it('shows the content counts, the menu and the key hints', () => {
    const { lastFrame, unmount } = renderWith(
      <Home available={ALL} onOpen={() => {}} onQuit={() => {}} />,
    );
    const frame = lastFrame() ?? '';
    expect(frame).toContain('3 lessons · 42 questions · 2 labs');
    for (const item of ['Lessons', 'Quizzes', 'Labs', 'Exam', 'Progress', 'Doctor', 'Quit'])
      expect(frame).toContain(item);
    expect(frame).toContain('↑↓/jk move');
    expect(frame).toContain('q/esc quit');
    unmount();
  });

  it('moves with j/k and arrows and opens the highlighted screen with enter', async () => {
    const onOpen = vi.fn();
    const { stdin, lastFrame, unmount } = renderWith(
      <Home available={ALL} onOpen={onOpen} onQuit={() => {}} />,
    );
    const steps: [string, string][] = [
      ['j', 'Quizzes'],
      ['\u001B[B', 'Labs'],
      ['j', 'Exam'],
      ['k', 'Labs'],
      ['\u001B[A', 'Quizzes'],
      ['k', 'Lessons'],
      ['k', 'Quit'], // wraps around
      ['k', 'Doctor'],
    ];
    await tick();
    for (const [key, highlighted] of steps) {
      stdin.write(key);
      await waitForFrame(lastFrame, `❯ ${highlighted}`);
    }
    stdin.write('\r');
    await tick();
    expect(onOpen).toHaveBeenCalledWith('doctor');
    unmount();
  });

  it('says plainly when a screen is not in this version', async () => {
    const onOpen = vi.fn();
    const { stdin, lastFrame, unmount } = renderWith(
      <Home available={ALL} onOpen={onOpen} onQuit={() => {}} />,
    );
    await tick();
    stdin.write('j');
    await waitForFrame(lastFrame, '❯ Quizzes');
    stdin.write('\r');
    await tick();
    expect(lastFrame()).toContain('Quizzes is not in this version of dockdrill yet.');
    expect(onOpen).not.toHaveBeenCalled();
    unmount();
  });

  it('quits with q and with escape', async () => {
    for (const key of ['q', '\u001B']) {
      const onQuit = vi.fn();
      const { stdin, unmount } = renderWith(
        <Home available={ALL} onOpen={() => {}} onQuit={onQuit} />,
      );
      await tick();
      stdin.write(key);
      await tick(80);
      expect(onQuit).toHaveBeenCalled();
      unmount();
    }
  });

  it('shows that Docker is not reachable, pointing at the doctor', async () => {
    const env = fakeDockerEnv('daemon-down');
    const services = makeServices({
      docker: new Docker({ bin: `${env.PATH?.split(':')[0]}/docker` }),
    });
    const { lastFrame, unmount } = renderWith(
      <Home available={ALL} onOpen={() => {}} onQuit={() => {}} />,
      services,
    );
    const frame = await waitForFrame(lastFrame, 'Docker: daemon not reachable');
    expect(frame).toContain('open Doctor for the fix');
    unmount();
  });
});

describe('Home screen with a progress file that was corrupt', () => {
  it('tells the learner where the old file was kept', async () => {
    const { writeFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { makeTempDir } = await import('../helpers/home.js');
    const { ProgressStore } = await import('../../src/progress/store.js');
    const home = makeTempDir();
    writeFileSync(join(home, 'progress.json'), '{broken');
    const services = makeServices({ home, store: new ProgressStore(home) });
    const { lastFrame, unmount } = renderWith(
      <Home available={ALL} onOpen={() => {}} onQuit={() => {}} />,
      services,
    );
    expect(lastFrame()).toMatch(/progress file could not be read/);
    expect(lastFrame()).toMatch(/progress\.corrupt-/);
    unmount();
  });
});
