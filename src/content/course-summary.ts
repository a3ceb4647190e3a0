/**
 * The cheap overview the home screen and doctor need: how many lessons, questions and labs
 * there are, and which images the labs use. It reads directory listings and counts `### `
 * headings in quiz banks — never lesson bodies. The labs' images need their YAML front
 * matter parsed, which costs more than all the counting (a cold YAML parser): only doctor
 * shows them, so they are read on first use, after the home screen's first frame.
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
  const labFiles: string[] = [];
  for (const root of roots) {
    for (const dir of lessonDirs(root.dir)) {
      if (existsSync(join(dir, 'lesson.md'))) lessons++;
      const labFile = join(dir, 'lab.md');
      if (existsSync(labFile)) labFiles.push(labFile);
    }
    for (const file of quizFiles(root.dir)) {
      questions += readFileSync(file, 'utf8').match(QUESTION_HEADING)?.length ?? 0;
    }
  }
  let labImages: string[] | undefined;
  return {
    lessons,
    questions,
    labs: labFiles.length,
    get labImages() {
      if (!labImages) {
        const images = new Set<string>();
        for (const file of labFiles) for (const image of labImagesOf(file)) images.add(image);
        labImages = [...images];
      }
      return labImages;
    },
  };
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
