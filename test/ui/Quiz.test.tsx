import { describe, expect, it } from 'vitest';
import { nextCard } from '../../src/quiz/study-record.js';
import { Rating, reviveCard } from '../../src/quiz/scheduler.js';
import { Quiz, type QuizProps } from '../../src/ui/screens/Quiz.js';
import { makeServices, recordingNavigation, renderWith, tick, waitForFrame } from './render-app.js';
import { KEYS, manualClock, optionNumber, press, QUIZ_COURSE } from './quiz-helpers.js';

const services = () => makeServices({ roots: [QUIZ_COURSE] });

function renderQuiz(route: QuizProps['route'], props: Partial<QuizProps> = {}, s = services()) {
  const nav = recordingNavigation();
  const view = renderWith(<Quiz route={route} {...props} />, s, nav);
  return { ...view, nav, services: s };
}

describe('Quiz (practice) screen', () => {
  it('without a filter offers all questions, each lesson and each domain with counts', async () => {
    const { lastFrame, stdin, unmount } = renderQuiz({ name: 'quiz', seed: 's' });
    const frame = await waitForFrame(lastFrame, 'What do you want to practise?');
    expect(frame).toContain('All questions (6)');
    expect(frame).toContain('Lesson  Quiz fixture lesson (5)');
    expect(frame).toContain('Domain  Networking (1)');
    expect(frame).toContain('Domain  Image Creation, Management and Registry (5)');
    await press(stdin, lastFrame, KEYS.down); // the lesson
    stdin.write(KEYS.enter);
    await waitForFrame(lastFrame, 'Practice · lesson quizfix-basics');
    expect(lastFrame()).toContain('1/5');
    unmount();
  });

  it('grades a single-choice answer given by number, shows option feedback, explanation and lesson link, and stores an FSRS card', async () => {
    const clock = manualClock();
    const {
      lastFrame,
      stdin,
      unmount,
      services: s,
    } = renderQuiz({ name: 'quiz', filter: 'qf-single', seed: 's' }, { now: clock.now });
    const frame = await waitForFrame(lastFrame, 'Which flag makes');
    clock.advance(20_000); // a Good answer: neither fast nor slow
    stdin.write(optionNumber(frame, '--digests'));
    const after = await waitForFrame(lastFrame, '✓ Correct.');
    expect(after).toContain('your answer, right: --digests');
    expect(after).toContain('Right: it adds a DIGEST column.');
    expect(after).toContain('That prints full image IDs, not digests.');
    expect(after).toContain('docker image ls --digests adds a DIGEST column.');
    expect(after).toContain('Lesson: quizfix-basics#listing-images');
    const stored = s.store.read().questions['qf-digests'];
    expect(stored).toMatchObject({ attempts: 1, correct: 1, lastCorrect: true });
    const card = reviveCard(stored?.card);
    const at = new Date(clock.now());
    expect(card?.due.toISOString()).toBe(nextCard(undefined, Rating.Good, at).due.toISOString());
    expect(card?.reps).toBe(1);
    unmount();
  });

  it('shows the hint, grades a wrong choice made with the arrows and enter, rates it Again', async () => {
    const clock = manualClock();
    const {
      lastFrame,
      stdin,
      unmount,
      services: s,
    } = renderQuiz({ name: 'quiz', filter: 'qf-single', seed: 's' }, { now: clock.now });
    let frame = await waitForFrame(lastFrame, 'h hint');
    stdin.write('h');
    frame = await waitForFrame(lastFrame, 'Hint: The flag is named after what it shows.');
    const wrong = Number(optionNumber(frame, '--no-trunc'));
    for (let i = 1; i < wrong; i++) await press(stdin, lastFrame, KEYS.down);
    stdin.write(KEYS.enter);
    const after = await waitForFrame(lastFrame, '✗ Not quite.');
    expect(after).toContain('your answer, wrong: --no-trunc');
    expect(after).toContain('missed, this is right: --digests');
    const card = reviveCard(s.store.read().questions['qf-digests']?.card);
    // Wrong answers are Again whatever the hint; the card comes back within minutes.
    expect(card?.due.toISOString()).toBe(
      nextCard(undefined, Rating.Again, new Date(clock.now())).due.toISOString(),
    );
    unmount();
  });

  it('multi: space and numbers toggle, enter submits; nothing chosen is refused', async () => {
    const { lastFrame, stdin, unmount } = renderQuiz({
      name: 'quiz',
      filter: 'qf-multi',
      seed: 's',
    });
    const frame = await waitForFrame(lastFrame, 'Which two are true');
    stdin.write(KEYS.enter);
    await waitForFrame(lastFrame, 'Choose at least one option');
    stdin.write(optionNumber(frame, 'tar archive'));
    await waitForFrame(lastFrame, '[x]');
    await press(stdin, lastFrame, optionNumber(frame, 'several images'));
    stdin.write(KEYS.enter);
    const after = await waitForFrame(lastFrame, '✓ Correct: you found every right option.');
    expect(after).toContain('That is docker export.');
    unmount();
  });

  it('order: grab a step with space, move it, drop it, submit', async () => {
    const { lastFrame, stdin, unmount } = renderQuiz({
      name: 'quiz',
      filter: 'qf-order',
      seed: 's',
    });
    await waitForFrame(lastFrame, 'Put these in the order');
    const want = ['Write the Dockerfile', 'Run docker build', 'Run docker push'];
    // Selection sort with grab-and-move: bring each wanted step up to its place.
    for (let place = 0; place < want.length; place++) {
      const lines = (lastFrame() ?? '').split('\n').filter((l) => /\d\. /.test(l));
      const at = lines.findIndex((l) => l.includes(want[place] as string));
      const cursor = lines.findIndex((l) => /[❯⇅]/.test(l));
      for (let i = cursor; i < at; i++) await press(stdin, lastFrame, KEYS.down);
      for (let i = cursor; i > at; i--) await press(stdin, lastFrame, KEYS.up);
      await press(stdin, lastFrame, ' ');
      for (let i = at; i > place; i--) await press(stdin, lastFrame, KEYS.up);
      await press(stdin, lastFrame, ' ');
    }
    stdin.write(KEYS.enter);
    const after = await waitForFrame(
      lastFrame,
      /Correct: every step is in the right place|Not quite/,
    );
    expect(after).toContain('✓ Correct: every step is in the right place.');
    unmount();
  });

  it('command: a typed answer that lacks a flag is "close" and names the flag', async () => {
    const {
      lastFrame,
      stdin,
      unmount,
      services: s,
    } = renderQuiz({
      name: 'quiz',
      filter: 'qf-command',
      seed: 's',
    });
    await waitForFrame(lastFrame, 'esc stops typing');
    stdin.write('docker images');
    await waitForFrame(lastFrame, '$ docker images');
    stdin.write(KEYS.enter);
    const after = await waitForFrame(lastFrame, '≈ close: you are missing `--digests`');
    expect(after).toContain('Accepted: docker image ls --digests');
    expect(s.store.read().questions['qf-digests-cmd']?.lastAnswer).toEqual({
      kind: 'command',
      text: 'docker images',
    });
    unmount();
  });

  it('o opens the lesson section, or says plainly that the reader is missing', async () => {
    for (const canOpen of [() => true, () => false]) {
      const { lastFrame, stdin, unmount, nav } = renderQuiz(
        { name: 'quiz', filter: 'qf-single', seed: 's' },
        { canOpen },
      );
      const frame = await waitForFrame(lastFrame, 'Which flag makes');
      stdin.write(optionNumber(frame, '--digests'));
      await waitForFrame(lastFrame, 'o open lesson');
      stdin.write('o');
      if (canOpen()) {
        await tick(60);
        expect(nav.opened).toEqual([
          { name: 'lesson', id: 'quizfix-basics', section: 'listing-images' },
        ]);
      } else {
        await waitForFrame(lastFrame, 'The lesson reader is not in this version of dockdrill yet');
        expect(nav.opened).toEqual([]);
      }
      unmount();
    }
  });

  it('coming back to the same route (after the lesson) shows the same question and feedback', async () => {
    const route = { name: 'quiz', filter: 'qf-choice', seed: 'keep' } as const;
    const s = services();
    const first = renderQuiz(route, {}, s);
    const frame = await waitForFrame(first.lastFrame, '1/3');
    const id = /Practice · tag qf-choice (\S+)/.exec(frame)?.[1];
    first.stdin.write('1');
    const answered = await waitForFrame(first.lastFrame, /[✓✗] (Correct|Not quite)/);
    first.unmount();
    const again = renderQuiz(route, {}, s);
    const back = await waitForFrame(again.lastFrame, /[✓✗] (Correct|Not quite)/);
    expect(back).toContain(id);
    expect(back.split('\n').slice(0, 6)).toEqual(answered.split('\n').slice(0, 6));
    again.unmount();
  });

  it('ends with the score and the missed questions, and r retakes only those', async () => {
    const keys: Record<string, string> = {
      'qf-digests': '--digests',
      'qf-tags-tf': 'True',
      'qf-default-bridge': 'bridge',
    };
    const wrong: Record<string, string> = {
      'qf-digests': '--all',
      'qf-tags-tf': 'False',
      'qf-default-bridge': 'host',
    };
    const { lastFrame, stdin, unmount } = renderQuiz({
      name: 'quiz',
      filter: 'qf-choice',
      seed: 'end',
    });
    const firstIds: string[] = [];
    for (let i = 1; i <= 3; i++) {
      const frame = await waitForFrame(lastFrame, `${i}/3 · `);
      const id = /Practice · tag qf-choice (\S+)/.exec(frame)?.[1] as string;
      firstIds.push(id);
      // Right on the first question, wrong on the others.
      stdin.write(optionNumber(frame, i === 1 ? (keys[id] as string) : (wrong[id] as string)));
      await waitForFrame(lastFrame, /[✓✗] (Correct|Not quite)/);
      stdin.write(KEYS.enter);
    }
    const end = await waitForFrame(lastFrame, 'round over');
    expect(end).toContain('Score: 1/3 (33%)');
    expect(end).toContain('Missed (2):');
    expect(end).toContain(firstIds[1]);
    expect(end).toContain(firstIds[2]);
    expect(end).not.toContain(`✗ ${firstIds[0]}`);
    stdin.write('r');
    const retake = await waitForFrame(lastFrame, '· retake');
    expect(retake).toContain('1/2');
    const id = /retake (\S+)/.exec(retake)?.[1];
    expect([firstIds[1], firstIds[2]]).toContain(id);
    unmount();
  });
});
