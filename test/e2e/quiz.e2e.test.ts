import { afterEach, expect, it } from 'vitest';
import { resolve } from 'node:path';
import { runCli } from '../helpers/cli.js';
import { makeTempDir } from '../helpers/home.js';
import { describeTmux, TmuxSession } from '../helpers/tmux.js';

const COURSE = resolve(import.meta.dirname, '..', 'fixtures', 'quiz-course');
const fits = (screen: string) => screen.split('\n').every((line) => line.length <= 80);

describeTmux('quiz, exam and history in a real terminal (tmux, 80x24)', () => {
  let session: TmuxSession | undefined;
  afterEach(() => session?.close());

  it('a practice round: answers, feedback, the round summary', async () => {
    // The tag only the fixture pack uses: the bundled banks may change under us.
    session = new TmuxSession({
      args: ['quiz', 'qf-choice', '--content', COURSE, '--seed', 'e2e'],
      env: { DOCKDRILL_HOME: makeTempDir() },
    });
    for (let i = 1; i <= 3; i++) {
      const screen = await session.waitFor(`${i}/3 · `);
      expect(fits(screen)).toBe(true);
      session.send('1');
      const feedback = await session.waitFor(/[✓✗] (Correct|Not quite)/);
      expect(feedback).toContain('Explanation');
      session.send('Enter');
    }
    const end = await session.waitFor('round over');
    expect(end).toMatch(/Score: \d\/3/);
    session.send('q');
    expect(await session.exitCode()).toBe(0);
  });

  it('a short exam to the results, then the history after a restart', async () => {
    const home = makeTempDir();
    const args = ['exam', '--questions', '3', '--minutes', '1', '--seed', 'e2e'];
    session = new TmuxSession({ args, env: { DOCKDRILL_HOME: home } });
    await session.waitFor('No exams taken yet.');
    session.send('Enter');
    let screen = await session.waitFor(/Question 1\/3/);
    expect(screen).toMatch(/⏱ \d:\d\d left/);
    // Whatever the bundled questions are: leave a command field, flag, move, hand in.
    if (screen.includes('esc stops typing')) session.send('Escape');
    session.send('f');
    await session.waitFor('⚑ flagged');
    session.send('Right');
    screen = await session.waitFor(/Question 2\/3/);
    if (screen.includes('esc stops typing')) session.send('Escape');
    session.send('g');
    screen = await session.waitFor('review grid');
    expect(fits(screen)).toBe(true);
    session.send('s');
    await session.waitFor('Submit the exam now?');
    session.send('y');
    screen = await session.waitFor('Exam results');
    expect(screen).toMatch(/Score: \d+% \(\d\/3\) (PASS|FAIL)/);
    expect(screen).toContain('By domain');
    session.send('Enter');
    await session.waitFor('Exam answers 1/3');
    session.send('q');
    expect(await session.exitCode()).toBe(0);
    session.close();

    session = new TmuxSession({ args, env: { DOCKDRILL_HOME: home } });
    screen = await session.waitFor('History (1 exam)');
    expect(screen).toMatch(/\d{4}-\d\d-\d\d \d\d:\d\d\s+\d+% (PASS|FAIL)/);
    session.send('q');
    expect(await session.exitCode()).toBe(0);
  });

  it('time running out submits the exam by itself', async () => {
    session = new TmuxSession({
      args: ['exam', '--questions', '2', '--minutes', '0.1', '--seed', 'e2e'],
      env: { DOCKDRILL_HOME: makeTempDir() },
    });
    await session.waitFor('enter start');
    session.send('Enter');
    await session.waitFor(/⏱ 0:0\d left/);
    const screen = await session.waitFor('time ran out: submitted automatically', 15_000);
    expect(screen).toContain('Exam results');
    session.send('q');
    expect(await session.exitCode()).toBe(0);
  });
});

it('bad numbers and unknown filters are refused with exit 2, naming the value', () => {
  const env = { ...process.env, DOCKDRILL_HOME: makeTempDir() };
  const count = runCli(['quiz', '--count', '0'], env);
  expect(count.status).toBe(2);
  expect(count.stderr).toContain('--count 0 is not valid');
  const pass = runCli(['exam', '--pass', '150'], env);
  expect(pass.status).toBe(2);
  expect(pass.stderr).toContain('--pass 150 is not valid: give a percentage from 0 to 100');
  const minutes = runCli(['exam', '--minutes', '-5'], env);
  expect(minutes.status).toBe(2);
  expect(minutes.stderr).toContain('--minutes -5 is not valid');
  const filter = runCli(['quiz', 'no-such-topic', '--content', COURSE], env);
  expect(filter.status).toBe(2);
  expect(filter.stderr).toContain('no questions match "no-such-topic"');
  expect(filter.stderr).toMatch(/lessons: .*quizfix-basics/);
  expect(filter.stderr).toMatch(/tags: .*qf-choice/);
  const piped = runCli(['review'], env);
  expect(piped.status).toBe(2);
  expect(piped.stderr).toContain('needs a terminal');
});
