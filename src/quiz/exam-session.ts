/**
 * A running exam as a pure value: answers, review flags, position and the clock. Every
 * change returns a new session (fits React state); time is always passed in as `now` (ms),
 * so tests drive the clock.
 */
import type { DomainId } from '../content/domains.js';
import { grade, isAnswer, type Answer, type GradeResult } from './grade.js';
import type { Question } from './types.js';

export const DEFAULT_PASS_MARK = 70;
/** The DCA gives 90 minutes. */
export const DEFAULT_TIME_LIMIT_MS = 90 * 60_000;

export interface ExamSettings {
  readonly timeLimitMs?: number;
  /** Percent needed to pass. */
  readonly passMark?: number;
  readonly seed?: string;
}

export interface ExamItemResult {
  readonly questionId: string;
  readonly domain: DomainId;
  readonly answer?: Answer;
  readonly correct: boolean;
  readonly grade?: GradeResult;
  readonly flagged: boolean;
}

export interface ExamResult {
  /** 0-100, rounded to a whole percent. */
  readonly scorePercent: number;
  readonly passed: boolean;
  readonly passMark: number;
  readonly correct: number;
  readonly total: number;
  readonly perDomain: readonly { domain: DomainId; correct: number; total: number }[];
  readonly timeUsedMs: number;
  /** True when time ran out before the learner submitted. */
  readonly timedOut: boolean;
  readonly items: readonly ExamItemResult[];
  readonly seed?: string;
}

/**
 * A session as plain data, for saving an unfinished paper. The clock is kept as time used,
 * so the time the exam was closed does not count against the learner.
 */
export interface ExamSnapshot {
  readonly questionIds: readonly string[];
  /** Checked with isAnswer on resume: saved data may come from another version. */
  readonly answers: Readonly<Record<string, unknown>>;
  readonly flagged: readonly string[];
  readonly current: number;
  readonly timeLimitMs: number;
  readonly usedMs: number;
  readonly passMark: number;
  readonly seed?: string;
}

export class ExamSession {
  private constructor(
    readonly questions: readonly Question[],
    readonly startedAt: number,
    readonly timeLimitMs: number,
    readonly passMark: number,
    readonly answers: Readonly<Record<string, Answer>>,
    readonly flagged: ReadonlySet<string>,
    readonly current: number,
    readonly seed: string | undefined,
  ) {}

  static start(
    questions: readonly Question[],
    now: number,
    settings: ExamSettings = {},
  ): ExamSession {
    return new ExamSession(
      questions,
      now,
      settings.timeLimitMs ?? DEFAULT_TIME_LIMIT_MS,
      settings.passMark ?? DEFAULT_PASS_MARK,
      {},
      new Set(),
      0,
      settings.seed,
    );
  }

  /** The session as data; `now` fixes the time used so far. */
  snapshot(now: number): ExamSnapshot {
    return {
      questionIds: this.questions.map((q) => q.id),
      answers: this.answers,
      flagged: [...this.flagged],
      current: this.current,
      timeLimitMs: this.timeLimitMs,
      usedMs: Math.min(Math.max(0, now - this.startedAt), this.timeLimitMs),
      passMark: this.passMark,
      ...(this.seed !== undefined ? { seed: this.seed } : {}),
    };
  }

  /**
   * A saved session, continued at `now` with the time it had left. Questions that are no
   * longer in the course are dropped with their answers; undefined when none is left.
   */
  static resume(
    snapshot: ExamSnapshot,
    byId: ReadonlyMap<string, Question>,
    now: number,
  ): ExamSession | undefined {
    const questions = snapshot.questionIds
      .map((id) => byId.get(id))
      .filter((q): q is Question => q !== undefined);
    if (questions.length === 0) return undefined;
    const kept = new Set(questions.map((q) => q.id));
    const answers: Record<string, Answer> = {};
    for (const [id, answer] of Object.entries(snapshot.answers))
      if (kept.has(id) && isAnswer(answer)) answers[id] = answer;
    return new ExamSession(
      questions,
      now - snapshot.usedMs,
      snapshot.timeLimitMs,
      snapshot.passMark,
      answers,
      new Set(snapshot.flagged.filter((id) => kept.has(id))),
      Math.min(Math.max(0, snapshot.current), questions.length - 1),
      snapshot.seed,
    );
  }

  private with(changes: {
    answers?: Record<string, Answer>;
    flagged?: ReadonlySet<string>;
    current?: number;
  }): ExamSession {
    return new ExamSession(
      this.questions,
      this.startedAt,
      this.timeLimitMs,
      this.passMark,
      changes.answers ?? this.answers,
      changes.flagged ?? this.flagged,
      changes.current ?? this.current,
      this.seed,
    );
  }

  get currentQuestion(): Question | undefined {
    return this.questions[this.current];
  }

  remainingMs(now: number): number {
    return Math.max(0, this.startedAt + this.timeLimitMs - now);
  }

  isExpired(now: number): boolean {
    return this.remainingMs(now) === 0;
  }

  /** Records an answer; ignored once time is up (the paper is closed). */
  answer(questionId: string, answer: Answer, now: number): ExamSession {
    if (this.isExpired(now) || !this.questions.some((q) => q.id === questionId)) return this;
    return this.with({ answers: { ...this.answers, [questionId]: answer } });
  }

  toggleFlag(questionId: string): ExamSession {
    const flagged = new Set(this.flagged);
    if (flagged.has(questionId)) flagged.delete(questionId);
    else flagged.add(questionId);
    return this.with({ flagged });
  }

  goTo(index: number): ExamSession {
    const clamped = Math.min(Math.max(0, index), Math.max(0, this.questions.length - 1));
    return this.with({ current: clamped });
  }

  next(): ExamSession {
    return this.goTo(this.current + 1);
  }

  previous(): ExamSession {
    return this.goTo(this.current - 1);
  }

  unanswered(): string[] {
    return this.questions.filter((q) => !(q.id in this.answers)).map((q) => q.id);
  }

  submit(now: number): ExamResult {
    const items: ExamItemResult[] = this.questions.map((q) => {
      const answer = this.answers[q.id];
      const result = answer ? grade(q, answer) : undefined;
      return {
        questionId: q.id,
        domain: q.domain,
        ...(answer ? { answer } : {}),
        correct: result?.correct ?? false,
        ...(result ? { grade: result } : {}),
        flagged: this.flagged.has(q.id),
      };
    });
    const perDomain = new Map<DomainId, { domain: DomainId; correct: number; total: number }>();
    for (const item of items) {
      const entry = perDomain.get(item.domain) ?? { domain: item.domain, correct: 0, total: 0 };
      entry.total++;
      if (item.correct) entry.correct++;
      perDomain.set(item.domain, entry);
    }
    const correct = items.filter((i) => i.correct).length;
    const total = items.length;
    const scorePercent = total === 0 ? 0 : Math.round((correct / total) * 100);
    return {
      scorePercent,
      // Pass on the exact ratio: 69.6% is not a pass even though it shows as 70.
      passed: total > 0 && (correct / total) * 100 >= this.passMark,
      passMark: this.passMark,
      correct,
      total,
      perDomain: [...perDomain.values()],
      timeUsedMs: Math.min(Math.max(0, now - this.startedAt), this.timeLimitMs),
      timedOut: this.isExpired(now),
      items,
      ...(this.seed !== undefined ? { seed: this.seed } : {}),
    };
  }
}
