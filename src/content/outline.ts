/**
 * The course outline: every lesson, question and lab task id across the content roots,
 * with the lesson and domain they belong to. Progress figures are computed against it.
 * It parses banks and labs (not lesson bodies), so it is for the progress screen and
 * reports, not for the home screen's first frame.
 */
import { readLab, labFiles } from '../labs/parse-lab.js';
import type { CourseOutline } from '../progress/summary.js';
import { listBanks, loadBank } from '../quiz/parse-bank.js';
import { listLessons } from './lessons.js';
import type { ContentRoot } from './paths.js';

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
    for (const file of listBanks(root)) {
      for (const question of loadBank(file).bank.questions) {
        questions.push({
          id: question.id,
          domain: question.domain,
          ...(question.lesson ? { lesson: question.lesson } : {}),
        });
      }
    }
    for (const file of labFiles(root)) {
      const { lab } = readLab(file);
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
