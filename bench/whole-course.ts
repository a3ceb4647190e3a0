/**
 * Loads everything a course has, the way the screens do: every lesson parsed and rendered
 * at 80 columns, every quiz bank parsed (with the cross-bank lint), every lab parsed. The
 * loading benchmark times the parts; bench/load-course-main.ts keeps the result alive to
 * measure peak memory.
 */
import { listCourseLessons } from '../src/content/course-map.js';
import { loadLesson, type Lesson } from '../src/content/lessons.js';
import type { ContentRoot } from '../src/content/paths.js';
import { parseAllLabs } from '../src/labs/catalog.js';
import { lintParsedBanks, listBanks, loadBank, type ParsedBank } from '../src/quiz/parse-bank.js';
import type { RenderedDoc } from '../src/ui/markdown/types.js';
import { renderLesson } from '../src/ui/reader/lesson-doc.js';

const PLAIN = { color: false, hyperlinks: false };

export function loadAllLessons(roots: readonly ContentRoot[]): Lesson[] {
  const index = listCourseLessons(roots);
  return index.lessons.filter((meta) => !meta.broken?.length).map((meta) => loadLesson(meta));
}

export function renderAllLessons(roots: readonly ContentRoot[], width = 80): RenderedDoc[] {
  const index = listCourseLessons(roots);
  return loadAllLessons(roots).map((lesson) => renderLesson(lesson, index, width, PLAIN));
}

export function parseAllBanks(roots: readonly ContentRoot[]): ParsedBank[] {
  return roots.flatMap((root) => listBanks(root)).map((file) => loadBank(file));
}

export interface WholeCourse {
  readonly lessons: readonly Lesson[];
  readonly rendered: readonly RenderedDoc[];
  readonly banks: ReturnType<typeof lintParsedBanks>;
  readonly labs: ReturnType<typeof parseAllLabs>;
}

export function loadWholeCourse(roots: readonly ContentRoot[]): WholeCourse {
  return {
    lessons: loadAllLessons(roots),
    rendered: renderAllLessons(roots),
    banks: lintParsedBanks(parseAllBanks(roots)),
    labs: parseAllLabs(roots),
  };
}

/** One line of counts, so a result says what was loaded. */
export function describeCourse(course: WholeCourse): string {
  const lines = course.rendered.reduce((sum, doc) => sum + doc.lines.length, 0);
  const questions = course.banks.banks.reduce((sum, bank) => sum + bank.questions.length, 0);
  const tasks = course.labs.reduce((sum, lab) => sum + (lab.lab?.tasks.length ?? 0), 0);
  return (
    `${course.lessons.length} lessons (${lines} rendered lines at 80 columns), ` +
    `${course.banks.banks.length} banks (${questions} questions), ` +
    `${course.labs.length} labs (${tasks} tasks)`
  );
}
