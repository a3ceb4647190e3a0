/**
 * The progress file's schema. Bump SCHEMA_VERSION and add a migration in migrations.ts
 * whenever the shape changes; old files are migrated on open, never thrown away.
 */
import { z } from 'zod';

export const SCHEMA_VERSION = 1;

const isoDate = z.string().min(1);

export const lessonProgressSchema = z.object({
  /** The first visible line of the reader, restored when the lesson is reopened. */
  position: z.number().int().min(0),
  openedAt: isoDate,
  /** Set the first time the learner reaches the end. */
  readAt: isoDate.optional(),
});

export const questionProgressSchema = z.object({
  attempts: z.number().int().min(0),
  correct: z.number().int().min(0),
  lastCorrect: z.boolean(),
  lastAt: isoDate,
  /** What the learner answered last (option ids, a typed command, an order). */
  lastAnswer: z.unknown().optional(),
  /** The FSRS card, dates as ISO strings. */
  card: z.record(z.string(), z.unknown()).optional(),
});

export const taskProgressSchema = z.object({
  attempts: z.number().int().min(0),
  hintsUsed: z.number().int().min(0),
  solvedWithHelp: z.boolean(),
  passedAt: isoDate.optional(),
  lastCheckedAt: isoDate.optional(),
});

export const labApprovalSchema = z.object({
  /** sha256 of lab.md as it was approved. */
  hash: z.string().min(1),
  approvedAt: isoDate,
});

export const examRecordSchema = z.object({
  at: isoDate,
  score: z.number().min(0).max(100),
  passed: z.boolean(),
  passMark: z.number(),
  questionCount: z.number().int(),
  timeUsedMs: z.number().min(0),
  seed: z.string().optional(),
  domains: z.array(
    z.object({ domain: z.string(), correct: z.number().int(), total: z.number().int() }),
  ),
});

/**
 * An exam paper that was started and not handed in yet, saved on every change so a closed
 * terminal, Ctrl+C or SIGTERM loses nothing: the exam screen offers to resume it.
 */
export const examInProgressSchema = z.object({
  /** The paper, in order. */
  questionIds: z.array(z.string().min(1)).min(1),
  answers: z.record(z.string(), z.unknown()),
  flagged: z.array(z.string()),
  current: z.number().int().min(0),
  timeLimitMs: z.number().positive(),
  /** Time spent on the paper so far; the clock only runs while the exam is open. */
  usedMs: z.number().min(0),
  passMark: z.number(),
  seed: z.string().optional(),
  domc: z.boolean(),
  savedAt: isoDate,
});

export const progressSchema = z.object({
  version: z.literal(SCHEMA_VERSION),
  lessons: z.record(z.string(), lessonProgressSchema),
  questions: z.record(z.string(), questionProgressSchema),
  labs: z.record(z.string(), z.object({ tasks: z.record(z.string(), taskProgressSchema) })),
  exams: z.array(examRecordSchema),
  /** Study activity per local day (YYYY-MM-DD), for streaks. */
  days: z.record(z.string(), z.number().int().min(0)),
  /**
   * Course-pack labs the learner agreed to run, by qualified lab id, with the hash of the
   * lab.md they saw (a changed lab asks again). Optional, so files written before it (and
   * by older dockdrill) stay valid at version 1; absent means none approved yet.
   */
  approvedLabs: z.record(z.string(), labApprovalSchema).optional(),
  /** Optional for the same reason: files without it are valid version 1 files. */
  examInProgress: examInProgressSchema.optional(),
});

export type Progress = z.infer<typeof progressSchema>;
export type LessonProgress = z.infer<typeof lessonProgressSchema>;
export type QuestionProgress = z.infer<typeof questionProgressSchema>;
export type TaskProgress = z.infer<typeof taskProgressSchema>;
export type ExamRecord = z.infer<typeof examRecordSchema>;
export type LabApproval = z.infer<typeof labApprovalSchema>;
export type ExamInProgress = z.infer<typeof examInProgressSchema>;

export function emptyProgress(): Progress {
  return { version: SCHEMA_VERSION, lessons: {}, questions: {}, labs: {}, exams: [], days: {} };
}
