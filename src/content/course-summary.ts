/**
 * The cheap overview the home screen and doctor need: how many lessons, questions and labs
 * there are, and which images the labs use. It reads directory listings, counts `### `
 * headings in quiz banks and reads only the front matter of labs — never lesson bodies.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { splitFrontMatter } from './frontmatter.js';
import type { ContentRoot } from './paths.js';

export interface CourseSummary {
  readonly lessons: number;
  readonly questions: number;
  readonly labs: number;
  /** Images named by the labs' `images` front matter, deduplicated, in first-seen order. */
  readonly labImages: readonly string[];
}

const QUESTION_HEADING = /^### \S/gm;

export function summariseCourse(roots: readonly ContentRoot[]): CourseSummary {
  let lessons = 0;
  let questions = 0;
  let labs = 0;
  const images = new Set<string>();
  for (const root of roots) {
    for (const dir of lessonDirs(root.dir)) {
      if (existsSync(join(dir, 'lesson.md'))) lessons++;
      const labFile = join(dir, 'lab.md');
      if (existsSync(labFile)) {
        labs++;
        for (const image of labImagesOf(labFile)) images.add(image);
      }
    }
    for (const file of quizFiles(root.dir)) {
      questions += readFileSync(file, 'utf8').match(QUESTION_HEADING)?.length ?? 0;
    }
  }
  return { lessons, questions, labs, labImages: [...images] };
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

function labImagesOf(file: string): string[] {
  const { data } = splitFrontMatter(readFileSync(file, 'utf8'), file);
  const images = (data as { images?: unknown } | undefined)?.images;
  return Array.isArray(images)
    ? images.filter((image): image is string => typeof image === 'string')
    : [];
}
