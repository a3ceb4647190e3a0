/**
 * `dockdrill lint`: every problem in a content folder (lessons, quiz banks, labs) at once,
 * each at its file:line. Refs resolve as they do when the content is loaded: a pack's refs
 * against its own lessons first, then against `others` (the bundled course), so a pack may
 * link to bundled lessons. Ids are reported as written (unqualified) where they come from
 * banks and labs; lesson ids carry the pack's name.
 */
import { lintBanks } from '../quiz/parse-bank.js';
import { lintLabs } from '../labs/parse-lab.js';
import { lintLessons } from '../content/lesson-lint.js';
import { listLessons, resolveLessonRef, type LessonIndex } from '../content/lessons.js';
import { resolveIn } from '../content/namespace.js';
import type { ContentRoot } from '../content/paths.js';
import { problem, type ContentProblem } from '../content/problems.js';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { symlinksIn } from '../labs/workspace.js';
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

/** Content may not hold symlinks: copied into a workspace, one would point anywhere. */
function symlinkProblems(root: ContentRoot): ContentProblem[] {
  return ['lessons', 'quizzes'].flatMap((folder) => {
    const dir = join(root.dir, folder);
    if (!existsSync(dir)) return [];
    return symlinksIn(dir).map((path) =>
      problem(
        join(dir, path),
        1,
        'symlink',
        `${folder}/${path} is a symlink: content may hold only files and folders`,
      ),
    );
  });
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
  const problems = [
    ...lessonProblems,
    ...banks.problems,
    ...labProblems,
    ...symlinkProblems(root),
  ].sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
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
