import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { ProgressStore } from '../../src/progress/store.js';
import { makeTempDir } from '../helpers/home.js';
import { describeTmux, TmuxSession } from '../helpers/tmux.js';

const COURSE = resolve(import.meta.dirname, '..', 'fixtures', 'quiz-course');

describeTmux('progress kept across a restart (tmux, 80x24)', () => {
  let session: TmuxSession | undefined;
  afterEach(() => session?.close());

  it('answers questions, quits, restarts, and the Progress screen shows them', async () => {
    const home = makeTempDir();
    session = new TmuxSession({
      args: ['quiz', 'qf-choice', '--content', COURSE, '--seed', 'e2e'],
      env: { DOCKDRILL_HOME: home },
    });
    for (let i = 1; i <= 3; i++) {
      await session.waitFor(`${i}/3 · `);
      session.send('1');
      await session.waitFor(/[✓✗] (Correct|Not quite)/);
      session.send('Enter');
    }
    await session.waitFor('round over');
    session.send('q');
    expect(await session.exitCode()).toBe(0);
    session.close();

    // A new process, the same home: Home -> Progress.
    session = new TmuxSession({ args: ['--content', COURSE], env: { DOCKDRILL_HOME: home } });
    await session.waitFor('❯ Lessons');
    // One key at a time, each after the cursor moved: keys typed while the app is still
    // loading would otherwise be read as one pasted string.
    for (const item of ['Quizzes', 'Review', 'Labs', 'Exam', 'Progress']) {
      session.send('j');
      await session.waitFor(`❯ ${item}`);
    }
    session.send('Enter');
    const top = await session.waitFor('Course completion');
    expect(top).toMatch(/Study streak +1 day\b/);
    // The pack's lesson comes after the bundled ones: page down to it.
    session.send('Space');
    const screen = await session.waitFor('Quiz fixture lesson');
    // Expected figures from what the first process stored, for the lesson's own bank.
    const stored = new ProgressStore(home).read().questions;
    const bank = readFileSync(join(COURSE, 'quizzes', '01-quizfix.quiz.md'), 'utf8');
    // Loaded with --content, the bank's ids are namespaced by the pack folder's name.
    const ids = [...bank.matchAll(/^### (\S+)/gm)].map((m) => `quiz-course/${m[1]!}`);
    const answered = ids.filter((id) => stored[id]);
    expect(Object.keys(stored)).toHaveLength(3);
    const accuracy = Math.round(
      (answered.filter((id) => stored[id]?.lastCorrect).length / answered.length) * 100,
    );
    const line = screen.split('\n').find((l) => l.startsWith('Quiz fixture lesson')) ?? screen;
    expect(line).toMatch(
      new RegExp(`Quiz fixture lesson +○ +${accuracy}% +${answered.length}/${ids.length} `),
    );
    expect(screen.split('\n').every((line) => line.length <= 80)).toBe(true);
    session.send('q');
    await session.waitFor('❯ Progress');
    session.send('q');
    expect(await session.exitCode()).toBe(0);
  });
});
