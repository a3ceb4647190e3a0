/**
 * The course outline: every lesson, question and lab task id across the content roots,
 * with the lesson and domain they belong to. Progress figures are computed against it.
 * It parses banks and labs (not lesson bodies), so it is for the progress screen and
 * reports, not for the home screen's first frame. Ids are the loaders' (a pack's qualified).
 */
import { labFiles, readRootLab } from '../labs/parse-lab.js';
import type { CourseOutline } from '../progress/summary.js';
import { loadRootBanks } from '../quiz/parse-bank.js';
import { lessonLookup, listLessons } from '../content/lessons.js';
import type { ContentRoot } from '../content/paths.js';

export function courseOutline(roots: readonly ContentRoot[]): CourseOutline {
  const lessons: CourseOutline['lessons'][number][] = [];
  const questions: CourseOutline['questions'][number][] = [];
  const labs: CourseOutline['labs'][number][] = [];
  for (const root of roots) {
    for (const meta of listLessons(root).lessons) {
      if (!meta.broken)
        lessons.push({
          id: meta.id,
          title: meta.title,
          ...(meta.domain ? { domain: meta.domain } : {}),
        });
    }
    for (const { bank } of loadRootBanks(root, { verify: false })) {
      for (const question of bank.questions) {
        questions.push({
          id: question.id,
          domain: question.domain,
          ...(question.lesson ? { lesson: question.lesson } : {}),
        });
      }
    }
    const hasLesson = lessonLookup(root);
    for (const file of labFiles(root)) {
      const { lab } = readRootLab(root, file, hasLesson);
      if (lab)
        labs.push({
          id: lab.id,
          tasks: lab.tasks.map((task) => task.id),
          ...(lab.lesson ? { lesson: lab.lesson } : {}),
        });
    }
  }
  return { lessons, questions, labs };
}
