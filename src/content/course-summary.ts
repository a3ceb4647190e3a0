/**
 * The cheap overview the home screen needs: how many lessons, questions and labs there are.
 * It reads directory listings and counts `### ` headings in quiz banks — never lesson
 * bodies, and no YAML (the parser alone costs more than all the counting; see
 * lab-images.ts for the one thing that needs it).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ContentRoot } from './paths.js';

export interface CourseSummary {
  readonly lessons: number;
  readonly questions: number;
  readonly labs: number;
}

const QUESTION_HEADING = /^### \S/gm;

export function summariseCourse(roots: readonly ContentRoot[]): CourseSummary {
  let lessons = 0;
  let questions = 0;
  let labs = 0;
  for (const root of roots) {
    for (const dir of lessonDirs(root.dir)) {
      if (existsSync(join(dir, 'lesson.md'))) lessons++;
      if (existsSync(join(dir, 'lab.md'))) labs++;
    }
    for (const file of quizFiles(root.dir)) {
      questions += readFileSync(file, 'utf8').match(QUESTION_HEADING)?.length ?? 0;
    }
  }
  return { lessons, questions, labs };
}

export function lessonDirs(rootDir: string): string[] {
  const dir = join(rootDir, 'lessons');
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => join(dir, entry.name))
    .sort();
}

export function quizFiles(rootDir: string): string[] {
  const dir = join(rootDir, 'quizzes');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => name.endsWith('.quiz.md'))
    .sort()
    .map((name) => join(dir, name));
}
