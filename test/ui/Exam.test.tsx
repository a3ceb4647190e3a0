import { describe, expect, it } from 'vitest';
import { recordExam } from '../../src/progress/records.js';
import { assembleExam } from '../../src/quiz/exam.js';
import { loadQuestions } from '../../src/quiz/load-questions.js';
import { Exam, type ExamProps } from '../../src/ui/screens/Exam.js';
import { makeServices, recordingNavigation, renderWith, waitForFrame } from './render-app.js';
import { KEYS, manualClock, optionNumber, press, QUIZ_COURSE } from './quiz-helpers.js';

const BRIDGE = 'Which network does a container join';

function renderExam(route: Partial<ExamProps['route']> = {}, props: Partial<ExamProps> = {}) {
  const services = makeServices({ roots: [QUIZ_COURSE] });
  const nav = recordingNavigation();
  const view = renderWith(
    <Exam route={{ name: 'exam', questions: 3, minutes: 1, seed: 'ui', ...route }} {...props} />,
    services,
    nav,
  );
  return { ...view, services, nav };
}

type Stdin = { write: (data: string) => void };

/** Moves forward until the bridge question shows (leaving a command field first). */
async function goToBridge(stdin: Stdin, lastFrame: () => string | undefined): Promise<string> {
  for (let i = 0; i < 5; i++) {
    const frame = lastFrame() ?? '';
    if (frame.includes(BRIDGE)) return frame;
    if (frame.includes('esc stops typing')) await press(stdin, lastFrame, KEYS.escape);
    await press(stdin, lastFrame, KEYS.right);
  }
  throw new Error(`the bridge question never showed:\n${lastFrame()}`);
}

describe('Exam screen', () => {
  it('starts on the settings and the history of past exams', async () => {
    const { lastFrame, unmount, services } = renderExam();
    await waitForFrame(lastFrame, 'No exams taken yet.');
    unmount();
    const base = { passMark: 70, questionCount: 3, timeUsedMs: 42_000, domains: [] };
    recordExam(services.store, { ...base, at: '2025-01-02T10:00:00Z', score: 40, passed: false });
    recordExam(services.store, { ...base, at: '2025-01-03T10:00:00Z', score: 100, passed: true });
    const again = renderWith(
      <Exam route={{ name: 'exam', questions: 3, minutes: 1, seed: 'ui' }} />,
      services,
    );
    const frame = await waitForFrame(again.lastFrame, 'History (2 exams)');
    expect(frame).toContain('3 questions · 1 minute · pass mark 70% · DOMC off · seed ui');
    expect(frame).toMatch(/images 2, networking 1|networking 1, images 2/);
    expect(frame).toMatch(/100% PASS █{10}/);
    expect(frame).toMatch(/40% FAIL ████░{6}/);
    expect(frame).toContain('History (2 exams): ▄█'); // the sparkline, oldest first
    again.unmount();
  });

  it('moves back and forth, flags, shows the review grid, submits after y, and records the exam', async () => {
    const clock = manualClock();
    const { lastFrame, stdin, unmount, services } = renderExam({}, { now: clock.now });
    await waitForFrame(lastFrame, 'enter start');
    stdin.write(KEYS.enter);
    await waitForFrame(lastFrame, 'Question 1/3 · 0 answered · 0 flagged');
    expect(lastFrame()).toContain('⏱ 1:00 left');
    if ((lastFrame() ?? '').includes('esc stops typing'))
      await press(stdin, lastFrame, KEYS.escape);
    await press(stdin, lastFrame, 'f');
    expect(lastFrame()).toContain('1 flagged · ⚑ flagged');
    await press(stdin, lastFrame, KEYS.right);
    expect(lastFrame()).toContain('Question 2/3');
    if ((lastFrame() ?? '').includes('esc stops typing'))
      await press(stdin, lastFrame, KEYS.escape);
    await press(stdin, lastFrame, 'p');
    expect(lastFrame()).toContain('Question 1/3');
    const frame = await goToBridge(stdin, lastFrame);
    const at = /Question (\d)\/3/.exec(frame)?.[1];
    clock.advance(30_000);
    stdin.write(optionNumber(frame, 'bridge'));
    await waitForFrame(lastFrame, '1 answered');
    if ((lastFrame() ?? '').includes('esc stops typing'))
      await press(stdin, lastFrame, KEYS.escape);
    const grid = await press(stdin, lastFrame, 'g');
    expect(grid).toContain('review grid');
    expect(grid).toMatch(/ 1⚑/);
    expect(grid).toMatch(new RegExp(` ${at}${at === '1' ? '⚑' : ' '}✓`));
    const cells = grid.split('\n').find((line) => /^\s+1[ ⚑][✓·]/.test(line)) ?? '';
    expect(cells.match(/\d[ ⚑]·/g)).toHaveLength(2);
    expect(grid).toContain('2 unanswered, 1 flagged');
    await press(stdin, lastFrame, 's');
    expect(lastFrame()).toContain('Submit the exam now? 2 unanswered, 1 flagged. (y/n)');
    await press(stdin, lastFrame, 'n');
    expect(lastFrame()).toContain('Question');
    await press(stdin, lastFrame, 's');
    stdin.write('y');
    const results = await waitForFrame(lastFrame, 'Exam results');
    expect(results).toContain('Score: 33% (1/3) FAIL · pass mark 70%');
    expect(results).toContain('Time used: 0:30 of 1:00');
    expect(results).toMatch(/Networking\s+█+ 1\/1/);
    expect(results).toContain('2 unanswered · 1 flagged');
    const exams = services.store.read().exams;
    expect(exams).toHaveLength(1);
    expect(exams[0]).toMatchObject({
      score: 33,
      passed: false,
      questionCount: 3,
      seed: 'ui',
      timeUsedMs: 30_000,
    });
    expect(services.store.read().questions['qf-default-bridge']).toMatchObject({
      attempts: 1,
      correct: 1,
    });
    // Exams leave FSRS cards alone.
    expect(services.store.read().questions['qf-default-bridge']?.card).toBeUndefined();

    // The walk through every answer, with explanations.
    await press(stdin, lastFrame, KEYS.enter);
    const walk = [lastFrame() ?? ''];
    for (let i = 1; i < 3; i++) walk.push(await press(stdin, lastFrame, KEYS.right));
    expect(walk.join('\n')).toContain('Without --network, a container is attached');
    expect(walk.join('\n')).toContain('✗ Not answered.');
    expect(walk.join('\n')).toContain('✓ Correct.');
    unmount();
  });

  it('the same seed gives the same paper', async () => {
    const catalog = loadQuestions([QUIZ_COURSE]);
    const first = renderExam({ seed: 'same' });
    await waitForFrame(first.lastFrame, 'enter start');
    first.stdin.write(KEYS.enter);
    const a = await waitForFrame(first.lastFrame, 'Question 1/3');
    first.unmount();
    const second = renderExam({ seed: 'same' });
    await waitForFrame(second.lastFrame, 'enter start');
    second.stdin.write(KEYS.enter);
    const b = await waitForFrame(second.lastFrame, 'Question 1/3');
    second.unmount();
    const stem = (frame: string) => frame.split('\n').slice(3, 10).join('\n');
    expect(stem(b)).toBe(stem(a));
    const paper = assembleExam(catalog.questions, { count: 3, seed: 'same' });
    expect(a).toContain(paper[0]?.stem.split('\n')[0]?.replace(/`/g, '').slice(0, 30));
  });

  it('submits by itself when the time runs out', async () => {
    const clock = manualClock();
    const { lastFrame, stdin, unmount, services } = renderExam(
      { minutes: 1 },
      { now: clock.now, tickMs: 20 },
    );
    await waitForFrame(lastFrame, 'enter start');
    stdin.write(KEYS.enter);
    await waitForFrame(lastFrame, '⏱ 1:00 left');
    clock.advance(45_000);
    await waitForFrame(lastFrame, '⏱ 0:15 left');
    clock.advance(20_000);
    const results = await waitForFrame(lastFrame, 'Exam results');
    expect(results).toContain('time ran out: submitted automatically');
    expect(results).toContain('Time used: 1:00 of 1:00');
    expect(services.store.read().exams[0]).toMatchObject({ score: 0, timeUsedMs: 60_000 });
    unmount();
  });

  it('DOMC: options one at a time with y/n, the item ends as soon as it is decided', async () => {
    const { lastFrame, stdin, unmount, services } = renderExam({ domc: true, seed: 'domc' });
    await waitForFrame(lastFrame, 'DOMC on');
    stdin.write(KEYS.enter);
    await waitForFrame(lastFrame, 'Question 1/3');
    const frame = await goToBridge(stdin, lastFrame);
    expect(frame).toContain('Is this a correct answer? y yes · n no');
    // Say yes only to "bridge": the item is right as soon as the key is accepted.
    let shown = frame;
    for (let i = 0; i < 3 && shown.includes('Is this a correct answer?'); i++) {
      const option = /▸ (\S+)/.exec(shown)?.[1];
      shown = await press(stdin, lastFrame, option === 'bridge' ? 'y' : 'n');
    }
    expect(shown).toContain('This item is complete');
    expect(shown).toContain('1 answered');
    await press(stdin, lastFrame, 's');
    stdin.write('y');
    const results = await waitForFrame(lastFrame, 'Exam results');
    expect(results).toMatch(/Networking\s+█+ 1\/1/);
    expect(services.store.read().questions['qf-default-bridge']).toMatchObject({ correct: 1 });
    unmount();
  });

  it('DOMC: a yes to a wrong option ends the item at once, as wrong', async () => {
    const { lastFrame, stdin, unmount } = renderExam({ domc: true, seed: 'domc' });
    await waitForFrame(lastFrame, 'DOMC on');
    stdin.write(KEYS.enter);
    await waitForFrame(lastFrame, 'Question 1/3');
    let shown = await goToBridge(stdin, lastFrame);
    // Say no until a distractor shows, then yes to it (or no to the key: also wrong).
    const option = /▸ (\S+)/.exec(shown)?.[1];
    shown = await press(stdin, lastFrame, option === 'bridge' ? 'n' : 'y');
    expect(shown).toContain('This item is complete (1 option shown)');
    await press(stdin, lastFrame, 's');
    stdin.write('y');
    const results = await waitForFrame(lastFrame, 'Exam results');
    expect(results).toMatch(/Networking\s+░+ 0\/1/);
    unmount();
  });

  it('keeps an unfinished paper on every answer, offers to resume it, and q keeps it', async () => {
    const clock = manualClock();
    const first = renderExam({}, { now: clock.now });
    const { lastFrame, stdin, services } = first;
    await waitForFrame(lastFrame, 'enter start');
    stdin.write(KEYS.enter);
    await waitForFrame(lastFrame, 'Question 1/3');
    const frame = await goToBridge(stdin, lastFrame);
    clock.advance(15_000);
    stdin.write(optionNumber(frame, 'bridge'));
    await waitForFrame(lastFrame, '1 answered');
    // Saved already: a SIGTERM now (the screen just goes away) loses nothing.
    const saved = services.store.read().examInProgress;
    expect(saved).toMatchObject({ usedMs: 15_000, timeLimitMs: 60_000, seed: 'ui' });
    const key = loadQuestions([QUIZ_COURSE])
      .byId.get('qf-default-bridge')
      ?.options.find((o) => o.correct)?.id;
    expect(saved?.answers['qf-default-bridge']).toEqual({ kind: 'choice', optionIds: [key] });
    first.unmount();

    const againNav = recordingNavigation();
    const again = renderWith(
      <Exam route={{ name: 'exam', questions: 3, minutes: 1, seed: 'other' }} now={clock.now} />,
      services,
      againNav,
    );
    const start = await waitForFrame(again.lastFrame, 'Unfinished exam');
    expect(start).toContain('1/3 answered, 0:45 left');
    expect(start).toContain('r resume');
    again.stdin.write('r');
    const resumed = await waitForFrame(again.lastFrame, '1 answered');
    expect(resumed).toContain('0:45 left');
    if (resumed.includes('esc stops typing'))
      await press(again.stdin, again.lastFrame, KEYS.escape);
    await press(again.stdin, again.lastFrame, 'q');
    expect(again.lastFrame()).toContain('Leave the exam?');
    again.stdin.write('q');
    await new Promise((r) => setTimeout(r, 50));
    expect(againNav.backs).toBe(1);
    expect(services.store.read().examInProgress?.answers).toHaveProperty('qf-default-bridge');
    again.unmount();

    // Handing it in records the exam and clears the saved paper.
    const third = renderWith(
      <Exam route={{ name: 'exam', questions: 3, minutes: 1 }} now={clock.now} />,
      services,
      recordingNavigation(),
    );
    await waitForFrame(third.lastFrame, 'Unfinished exam');
    third.stdin.write('r');
    await waitForFrame(third.lastFrame, '1 answered');
    third.stdin.write('s');
    await waitForFrame(third.lastFrame, 'Submit the exam now?');
    third.stdin.write('y');
    await waitForFrame(third.lastFrame, 'Exam results');
    expect(services.store.read().examInProgress).toBeUndefined();
    expect(services.store.read().exams).toHaveLength(1);
    expect(services.store.read().exams[0]).toMatchObject({ seed: 'ui', questionCount: 3 });
    third.unmount();
  });

  it('y on leaving discards the paper; d on the start page discards a saved one', async () => {
    const { lastFrame, stdin, services, unmount, nav } = renderExam();
    await waitForFrame(lastFrame, 'enter start');
    stdin.write(KEYS.enter);
    const open = await waitForFrame(lastFrame, 'Question 1/3');
    if (open.includes('esc stops typing')) await press(stdin, lastFrame, KEYS.escape);
    expect(services.store.read().examInProgress).toBeDefined();
    await press(stdin, lastFrame, 'q');
    await press(stdin, lastFrame, 'y');
    expect(nav.backs).toBe(1);
    expect(services.store.read().examInProgress).toBeUndefined();
    unmount();

    const snapshot = {
      questionIds: ['qf-default-bridge'],
      answers: {},
      flagged: [],
      current: 0,
      timeLimitMs: 60_000,
      usedMs: 0,
      passMark: 70,
      domc: false,
      savedAt: new Date().toISOString(),
    };
    services.store.update((p) => {
      p.examInProgress = snapshot;
    });
    const again = renderWith(<Exam route={{ name: 'exam', questions: 3, minutes: 1 }} />, services);
    await waitForFrame(again.lastFrame, 'Unfinished exam');
    await press(again.stdin, again.lastFrame, 'd');
    expect(again.lastFrame()).not.toContain('Unfinished exam');
    expect(services.store.read().examInProgress).toBeUndefined();
    again.unmount();
  });
});
