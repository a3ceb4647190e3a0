/**
 * `dockdrill lint`: every problem in a content folder (lessons, quiz banks, labs) at once,
 * each at its file:line, with refs checked against the folder's own lessons.
 */
import { lintBanks } from '../quiz/parse-bank.js';
import { lintLabs } from '../labs/parse-lab.js';
import { lintLessons } from './lesson-lint.js';
import { listLessons, resolveLessonRef } from './lessons.js';
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

export function lintCourse(root: ContentRoot): LintReport {
  const index = listLessons(root);
  const resolve = (ref: string) => resolveLessonRef(index, ref) !== undefined;
  const lessonProblems = lintLessons(root);
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
