/**
 * The changes the app makes to progress, one function each, so screens and commands never
 * edit the progress object by hand.
 */
import type { ExamInProgress, ExamRecord, TaskProgress } from './schema.js';
import { dayKey } from './days.js';
import type { ProgressStore } from './store.js';

export function recordLessonPosition(
  store: ProgressStore,
  lessonId: string,
  position: number,
  reachedEnd: boolean,
  now = new Date(),
): void {
  store.update((progress) => {
    const previous = progress.lessons[lessonId];
    progress.lessons[lessonId] = {
      position: Math.max(0, Math.floor(position)),
      openedAt: now.toISOString(),
      readAt: previous?.readAt ?? (reachedEnd ? now.toISOString() : undefined),
    };
    if (reachedEnd && !previous?.readAt) bumpDay(progress.days, now);
  });
}

export interface AnswerRecord {
  readonly questionId: string;
  readonly correct: boolean;
  readonly answer?: unknown;
  /** The FSRS card after this answer (serialised), when the mode schedules reviews. */
  readonly card?: Record<string, unknown>;
}

export function recordAnswer(store: ProgressStore, record: AnswerRecord, now = new Date()): void {
  store.update((progress) => {
    const previous = progress.questions[record.questionId];
    progress.questions[record.questionId] = {
      attempts: (previous?.attempts ?? 0) + 1,
      correct: (previous?.correct ?? 0) + (record.correct ? 1 : 0),
      lastCorrect: record.correct,
      lastAt: now.toISOString(),
      lastAnswer: record.answer,
      card: record.card ?? previous?.card,
    };
    bumpDay(progress.days, now);
  });
}

export function recordTask(
  store: ProgressStore,
  labId: string,
  taskId: string,
  change: (task: TaskProgress) => void,
  now = new Date(),
): void {
  store.update((progress) => {
    const lab = (progress.labs[labId] ??= { tasks: {} });
    const task = (lab.tasks[taskId] ??= { attempts: 0, hintsUsed: 0, solvedWithHelp: false });
    change(task);
    task.lastCheckedAt = now.toISOString();
    bumpDay(progress.days, now);
  });
}

/** Records a handed-in exam; the paper it came from is no longer in progress. */
export function recordExam(store: ProgressStore, exam: ExamRecord, now = new Date()): void {
  store.update((progress) => {
    progress.exams.push(exam);
    delete progress.examInProgress;
    bumpDay(progress.days, now);
  });
}

/** Saves the paper being taken (replacing the previous save). */
export function saveExamInProgress(
  store: ProgressStore,
  exam: Omit<ExamInProgress, 'questionIds' | 'flagged' | 'answers'> & {
    readonly questionIds: readonly string[];
    readonly flagged: readonly string[];
    readonly answers: Readonly<Record<string, unknown>>;
  },
): void {
  store.update((progress) => {
    progress.examInProgress = {
      ...exam,
      questionIds: [...exam.questionIds],
      flagged: [...exam.flagged],
      answers: { ...exam.answers },
    };
  });
}

/** Forgets the paper being taken (discarded by the learner, or unusable). */
export function clearExamInProgress(store: ProgressStore): void {
  store.update((progress) => {
    delete progress.examInProgress;
  });
}

function bumpDay(days: Record<string, number>, now: Date): void {
  const key = dayKey(now);
  days[key] = (days[key] ?? 0) + 1;
}
