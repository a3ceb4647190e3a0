import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Docker } from '../../src/docker/index.js';
import { ProgressStore } from '../../src/progress/store.js';
import { Home } from '../../src/ui/screens/Home.js';
import type { ScreenId } from '../../src/ui/screens.js';
import { fakeDockerEnv } from '../helpers/fake-docker.js';
import { makeTempDir } from '../helpers/home.js';
import { makeServices, recordingNavigation, renderWith, tick, waitForFrame } from './render-app.js';

const ALL: ReadonlySet<ScreenId> = new Set<ScreenId>(['doctor', 'lessons']);

describe('Home screen', () => {
  it('shows the content counts, the menu and the key hints', () => {
    const { lastFrame, unmount } = renderWith(<Home available={ALL} />);
    const frame = lastFrame() ?? '';
    expect(frame).toContain('3 lessons · 42 questions · 2 labs');
    for (const item of ['Lessons', 'Quizzes', 'Labs', 'Exam', 'Progress', 'Doctor', 'Quit'])
      expect(frame).toContain(item);
    expect(frame).toContain('↑↓/jk move');
    expect(frame).toContain('q/esc quit');
    unmount();
  });

  it('moves with j/k and arrows and opens the highlighted screen with enter', async () => {
    const nav = recordingNavigation();
    const { stdin, lastFrame, unmount } = renderWith(<Home available={ALL} />, makeServices(), nav);
    const steps: [string, string][] = [
      ['j', 'Quizzes'],
      ['\u001B[B', 'Review'],
      ['j', 'Labs'],
      ['k', 'Review'],
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
    expect(nav.opened).toEqual([{ name: 'doctor' }]);
    unmount();
  });

  it('highlights the screen the learner came back from', () => {
    const { lastFrame, unmount } = renderWith(<Home available={ALL} initialScreen="doctor" />);
    expect(lastFrame()).toContain('❯ Doctor');
    unmount();
  });

  it('says plainly when a screen is not in this version', async () => {
    const nav = recordingNavigation();
    const { stdin, lastFrame, unmount } = renderWith(<Home available={ALL} />, makeServices(), nav);
    await tick();
    stdin.write('j');
    await waitForFrame(lastFrame, '❯ Quizzes');
    stdin.write('\r');
    await waitForFrame(lastFrame, 'Quizzes is not in this version of dockdrill yet.');
    expect(nav.opened).toEqual([]);
    unmount();
  });

  it('quits with q and with escape', async () => {
    for (const key of ['q', '\u001B']) {
      const nav = recordingNavigation();
      const { stdin, unmount } = renderWith(<Home available={ALL} />, makeServices(), nav);
      await tick();
      stdin.write(key);
      await tick(80);
      expect(nav.quits).toBe(1);
      unmount();
    }
  });

  it('shows that Docker is not reachable, pointing at the doctor', async () => {
    const env = fakeDockerEnv('daemon-down');
    const services = makeServices({
      docker: new Docker({ bin: `${env.PATH?.split(':')[0]}/docker` }),
    });
    const { lastFrame, unmount } = renderWith(<Home available={ALL} />, services);
    const frame = await waitForFrame(lastFrame, 'Docker: daemon not reachable');
    expect(frame).toContain('open Doctor for the fix');
    unmount();
  });

  it('tells the learner where a corrupt progress file was kept', () => {
    const home = makeTempDir();
    writeFileSync(join(home, 'progress.json'), '{broken');
    const services = makeServices({ home, store: new ProgressStore(home) });
    const { lastFrame, unmount } = renderWith(<Home available={ALL} />, services);
    expect(lastFrame()).toMatch(/progress file could not be read/);
    expect(lastFrame()).toMatch(/progress\.corrupt-/);
    unmount();
  });
});
