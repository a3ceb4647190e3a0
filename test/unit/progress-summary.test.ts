import { describe, expect, it } from 'vitest';
import { emptyProgress } from '../../src/progress/schema.js';
import { summarise, type CourseOutline } from '../../src/progress/summary.js';

const outline: CourseOutline = {
  lessons: [
    { id: 'a', title: 'Lesson A', domain: 'images' },
    { id: 'b', title: 'Lesson B', domain: 'orchestration' },
  ],
  questions: [
    { id: 'a1', lesson: 'a', domain: 'images' },
    { id: 'a2', lesson: 'a', domain: 'images' },
    { id: 'b1', lesson: 'b', domain: 'orchestration' },
  ],
  labs: [{ id: 'lab-a', lesson: 'a', tasks: ['t1', 't2'] }],
};

const now = new Date('2026-11-23T12:00:00');

describe('summarise', () => {
  it('is all zero for a new learner', () => {
    const summary = summarise(outline, emptyProgress(), now);
    expect(summary.completion).toBe(0);
    expect(summary.lessons[0]).toMatchObject({
      read: false,
      started: false,
      questions: 2,
      answered: 0,
      accuracy: undefined,
      labTasks: 2,
      labTasksPassed: 0,
    });
    expect(summary.streak).toBe(0);
    expect(summary.review).toEqual({ dueToday: 0, dueThisWeek: 0 });
  });

  it('counts lessons read, right answers and passed tasks towards completion', () => {
    const progress = emptyProgress();
    progress.lessons.a = { position: 10, openedAt: now.toISOString(), readAt: now.toISOString() };
    progress.questions.a1 = {
      attempts: 2,
      correct: 1,
      lastCorrect: true,
      lastAt: now.toISOString(),
    };
    progress.questions.a2 = {
      attempts: 1,
      correct: 0,
      lastCorrect: false,
      lastAt: now.toISOString(),
    };
    progress.labs['lab-a'] = {
      tasks: {
        t1: { attempts: 1, hintsUsed: 0, solvedWithHelp: false, passedAt: now.toISOString() },
      },
    };
    const summary = summarise(outline, progress, now);
    // 7 items: 2 lessons + 3 questions + 2 tasks; done: lesson a, a1, t1.
    expect(summary.completion).toBe(Math.round((3 / 7) * 100));
    expect(summary.lessons[0]).toMatchObject({
      read: true,
      answered: 2,
      accuracy: 50,
      labTasksPassed: 1,
    });
    expect(summary.domains.find((d) => d.domain === 'images')).toMatchObject({
      answered: 2,
      accuracy: 50,
    });
  });

  it('computes the accuracy trend between the last two weeks', () => {
    const progress = emptyProgress();
    progress.questions.a1 = {
      attempts: 1,
      correct: 1,
      lastCorrect: true,
      lastAt: '2026-11-22T10:00:00',
    };
    progress.questions.a2 = {
      attempts: 1,
      correct: 0,
      lastCorrect: false,
      lastAt: '2026-11-12T10:00:00',
    };
    expect(
      summarise(outline, progress, now).domains.find((d) => d.domain === 'images')?.trend,
    ).toBe(100);
  });

  it('counts review cards due today and this week', () => {
    const progress = emptyProgress();
    const card = (due: string) => ({
      attempts: 1,
      correct: 1,
      lastCorrect: true,
      lastAt: now.toISOString(),
      card: { due },
    });
    progress.questions.a1 = card('2026-11-23T08:00:00');
    progress.questions.a2 = card('2026-11-26T08:00:00');
    progress.questions.b1 = card('2026-12-20T08:00:00');
    expect(summarise(outline, progress, now).review).toEqual({ dueToday: 1, dueThisWeek: 2 });
  });

  it('counts a streak of consecutive study days, today or ending yesterday', () => {
    const progress = emptyProgress();
    progress.days = { '2026-11-20': 1, '2026-11-21': 3, '2026-11-22': 2 };
    expect(summarise(outline, progress, now).streak).toBe(3);
    progress.days['2026-11-23'] = 1;
    expect(summarise(outline, progress, now).streak).toBe(4);
    delete progress.days['2026-11-21'];
    expect(summarise(outline, progress, now).streak).toBe(2);
  });
});
