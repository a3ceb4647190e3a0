/**
 * The figures of the Progress screen and `dockdrill progress --json`, computed from the
 * course outline and the stored progress. Pure: the same inputs give the same figures.
 */
import { DOMAINS, DOMAIN_IDS, type DomainId } from '../content/domains.js';
import { dayKey } from './days.js';
import type { Progress } from './schema.js';

/** What the summary needs to know about the course (ids only, no bodies). */
export interface CourseOutline {
  readonly lessons: readonly {
    readonly id: string;
    readonly title: string;
    readonly domain?: DomainId;
  }[];
  readonly questions: readonly {
    readonly id: string;
    readonly lesson?: string;
    readonly domain: DomainId;
  }[];
  readonly labs: readonly {
    readonly id: string;
    readonly lesson?: string;
    readonly tasks: readonly string[];
  }[];
}

export interface LessonFigures {
  readonly id: string;
  readonly title: string;
  readonly read: boolean;
  readonly started: boolean;
  readonly questions: number;
  readonly answered: number;
  /** Share of answered questions whose last answer was right, 0-100; undefined when none. */
  readonly accuracy?: number;
  readonly labTasks: number;
  readonly labTasksPassed: number;
}

export interface DomainFigures {
  readonly domain: DomainId;
  readonly title: string;
  readonly answered: number;
  readonly accuracy?: number;
  /** Accuracy of the last 7 days minus the 7 days before, in points; undefined without data. */
  readonly trend?: number;
}

export interface ProgressSummary {
  /** Items done over items in the course (lessons read, questions answered right, lab tasks passed), 0-100. */
  readonly completion: number;
  readonly lessons: readonly LessonFigures[];
  readonly domains: readonly DomainFigures[];
  readonly review: { readonly dueToday: number; readonly dueThisWeek: number };
  readonly exams: readonly {
    readonly at: string;
    readonly score: number;
    readonly passed: boolean;
  }[];
  /** Consecutive days with activity, ending today (or yesterday when today has none yet). */
  readonly streak: number;
}

const DAY = 86_400_000;

export function summarise(
  outline: CourseOutline,
  progress: Progress,
  now = new Date(),
): ProgressSummary {
  const lessons = outline.lessons.map((lesson): LessonFigures => {
    const questions = outline.questions.filter((q) => q.lesson === lesson.id);
    const answered = questions.filter((q) => progress.questions[q.id]);
    const right = answered.filter((q) => progress.questions[q.id]?.lastCorrect);
    const labs = outline.labs.filter((lab) => lab.lesson === lesson.id);
    const tasks = labs.flatMap((lab) =>
      lab.tasks.map((task) => progress.labs[lab.id]?.tasks[task]),
    );
    const state = progress.lessons[lesson.id];
    return {
      id: lesson.id,
      title: lesson.title,
      read: Boolean(state?.readAt),
      started: Boolean(state),
      questions: questions.length,
      answered: answered.length,
      accuracy: percent(right.length, answered.length),
      labTasks: tasks.length,
      labTasksPassed: tasks.filter((task) => task?.passedAt).length,
    };
  });

  const totalItems =
    outline.lessons.length +
    outline.questions.length +
    outline.labs.reduce((n, lab) => n + lab.tasks.length, 0);
  const doneItems =
    lessons.filter((l) => l.read).length +
    outline.questions.filter((q) => progress.questions[q.id]?.lastCorrect).length +
    outline.labs.reduce(
      (n, lab) => n + lab.tasks.filter((t) => progress.labs[lab.id]?.tasks[t]?.passedAt).length,
      0,
    );

  const domains = DOMAIN_IDS.map((domain): DomainFigures => {
    const ids = outline.questions.filter((q) => q.domain === domain).map((q) => q.id);
    const states = ids.map((id) => progress.questions[id]).filter((s) => s !== undefined);
    const recent = windowAccuracy(states, now.getTime() - 7 * DAY, now.getTime());
    const before = windowAccuracy(states, now.getTime() - 14 * DAY, now.getTime() - 7 * DAY);
    return {
      domain,
      title: DOMAINS[domain].title,
      answered: states.length,
      accuracy: percent(states.filter((s) => s.lastCorrect).length, states.length),
      trend: recent !== undefined && before !== undefined ? recent - before : undefined,
    };
  });

  const dueDates = Object.values(progress.questions)
    .map((q) => (typeof q.card?.due === 'string' ? Date.parse(q.card.due) : NaN))
    .filter((t) => Number.isFinite(t));
  const endOfToday = new Date(now);
  endOfToday.setHours(23, 59, 59, 999);

  return {
    completion: percent(doneItems, totalItems) ?? 0,
    lessons,
    domains,
    review: {
      dueToday: dueDates.filter((t) => t <= endOfToday.getTime()).length,
      dueThisWeek: dueDates.filter((t) => t <= endOfToday.getTime() + 6 * DAY).length,
    },
    exams: progress.exams.map(({ at, score, passed }) => ({ at, score, passed })),
    streak: streak(progress.days, now),
  };
}

function percent(part: number, whole: number): number | undefined {
  return whole === 0 ? undefined : Math.round((part / whole) * 100);
}

function windowAccuracy(
  states: readonly { lastAt: string; lastCorrect: boolean }[],
  from: number,
  to: number,
): number | undefined {
  const inWindow = states.filter((s) => {
    const t = Date.parse(s.lastAt);
    return t > from && t <= to;
  });
  return percent(inWindow.filter((s) => s.lastCorrect).length, inWindow.length);
}

function streak(days: Readonly<Record<string, number>>, now: Date): number {
  const cursor = new Date(now);
  if (!days[dayKey(cursor)]) cursor.setDate(cursor.getDate() - 1);
  let count = 0;
  while (days[dayKey(cursor)]) {
    count++;
    cursor.setDate(cursor.getDate() - 1);
  }
  return count;
}
