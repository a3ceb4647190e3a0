/**
 * `dockdrill lint`: every problem in a content folder (lessons, quiz banks, labs) at once,
 * each at its file:line. Refs resolve as they do when the content is loaded: a pack's refs
 * against its own lessons first, then against `others` (the bundled course), so a pack may
 * link to bundled lessons. Ids are reported as written (unqualified) where they come from
 * banks and labs; lesson ids carry the pack's name.
 */
import { lintBanks } from '../quiz/parse-bank.js';
import { lintLabs } from '../labs/parse-lab.js';
import { lintLessons } from './lesson-lint.js';
import { listLessons, resolveLessonRef, type LessonIndex } from './lessons.js';
import { resolveIn } from './namespace.js';
import type { ContentRoot } from './paths.js';
import type { ContentProblem } from './problems.js';
import type { Question } from '../quiz/types.js';

export interface LintReport {
  readonly problems: readonly ContentProblem[];
  readonly errors: number;
  readonly warnings: number;
  /** What was looked at, for the summary line. */
  readonly counted: { readonly lessons: number; readonly questions: number; readonly labs: number };
  /** The questions that parsed, for `--verify`. */
  readonly questions: readonly Question[];
  /** Set by `lint --verify`: how many probes ran and failed. */
  readonly verified?: { readonly probes: number; readonly failed: number };
}

export function lintCourse(root: ContentRoot, others: readonly ContentRoot[] = []): LintReport {
  const index = listLessons(root);
  const elsewhere = others.map((other) => listLessons(other));
  const all: LessonIndex = {
    lessons: [...index.lessons, ...elsewhere.flatMap((other) => other.lessons)],
    problems: [],
  };
  const own = new Set(index.lessons.map((meta) => meta.id));
  const resolve = (ref: string) =>
    resolveLessonRef(
      all,
      resolveIn(root, ref, (id) => own.has(id)),
    ) !== undefined;
  const lessonProblems = lintLessons(root, {
    lessons: elsewhere.flatMap((other) => other.lessons),
    problems: [],
  });
  const banks = lintBanks(root, resolve);
  const labProblems = lintLabs(root, resolve);
  const problems = [...lessonProblems, ...banks.problems, ...labProblems].sort(
    (a, b) => a.file.localeCompare(b.file) || a.line - b.line,
  );
  return {
    problems,
    errors: problems.filter((p) => p.severity === 'error').length,
    warnings: problems.filter((p) => p.severity === 'warning').length,
    counted: {
      lessons: index.lessons.length,
      questions: banks.banks.reduce((sum, bank) => sum + bank.questions.length, 0),
      labs: index.lessons.filter((lesson) => lesson.hasLab).length,
    },
    questions: banks.banks.flatMap((bank) => bank.questions),
  };
}
