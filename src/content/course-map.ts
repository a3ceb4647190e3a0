/**
 * The course map the Lessons screen and `dockdrill lesson` need: every lesson of every
 * content root, with what hangs off it (a quiz bank, a lab). Front matter only: lesson
 * bodies, questions and lab tasks are never parsed here, so the list opens instantly.
 */
import { closeSync, existsSync, openSync, readSync } from 'node:fs';
import { join } from 'node:path';
import { quizFiles } from './course-summary.js';
import { splitFrontMatter } from './frontmatter.js';
import { listLessons, type LessonIndex, type LessonMeta } from './lessons.js';
import { qualify, resolveIn } from './namespace.js';
import type { ContentRoot } from './paths.js';
import { problem, type ContentProblem } from './problems.js';

export interface CourseLesson {
  readonly meta: LessonMeta;
  /** A quiz bank names this lesson in its front matter (the quiz screen filters by it). */
  readonly hasQuiz: boolean;
  /** The id of the lab beside the lesson (from lab.md's front matter), when it has one. */
  readonly labId?: string;
}

export interface CourseMap {
  readonly lessons: readonly CourseLesson[];
  /** The merged lesson index (for resolveLessonRef and lint-like messages). */
  readonly index: LessonIndex;
}

/**
 * Lists the lessons of every root, bundled course first. A pack's ids are namespaced, so
 * they never meet a bundled id; an id already used by an earlier root (two packs with the
 * same folder name) marks the later lesson broken rather than silently replacing it.
 */
export function listCourseLessons(roots: readonly ContentRoot[]): LessonIndex {
  return lessonsByRoot(roots).index;
}

function lessonsByRoot(roots: readonly ContentRoot[]): {
  index: LessonIndex;
  rootOf: Map<LessonMeta, ContentRoot>;
} {
  const lessons: LessonMeta[] = [];
  const problems: ContentProblem[] = [];
  const rootOf = new Map<LessonMeta, ContentRoot>();
  const seen = new Map<string, string>();
  for (const root of roots) {
    const index = listLessons(root);
    problems.push(...index.problems);
    for (const meta of index.lessons) {
      rootOf.set(meta, root);
      const first = meta.broken ? undefined : seen.get(meta.id);
      if (first !== undefined) {
        const clash = problem(
          meta.file,
          1,
          'duplicate-id',
          `lesson id "${meta.id}" is already used by ${first}; ids must be unique`,
        );
        problems.push(clash);
        const broken = { ...meta, broken: [clash] };
        rootOf.set(broken, root);
        lessons.push(broken);
        continue;
      }
      if (!meta.broken) seen.set(meta.id, meta.file);
      lessons.push(meta);
    }
  }
  return { index: { lessons, problems }, rootOf };
}

/** The course map: lessons plus whether each has a quiz bank and a lab. */
export function courseMap(roots: readonly ContentRoot[]): CourseMap {
  const { index, rootOf } = lessonsByRoot(roots);
  const known = new Set(index.lessons.map((meta) => meta.id));
  const quizLessons = lessonsWithQuiz(roots, (id) => known.has(id));
  const lessons = index.lessons.map((meta): CourseLesson => {
    const root = rootOf.get(meta) ?? { dir: '', pack: '' };
    const ownId = meta.hasLab ? labIdOf(join(meta.dir, 'lab.md')) : undefined;
    const labId = ownId ? qualify(root, ownId) : undefined;
    return { meta, hasQuiz: quizLessons.has(meta.id), ...(labId ? { labId } : {}) };
  });
  return { lessons, index };
}

/**
 * Ids of the lessons that some quiz bank names in its front matter (`lesson: id`), as the
 * loaders resolve them (a pack's own lesson first). `hasLesson` answers for qualified ids.
 */
export function lessonsWithQuiz(
  roots: readonly ContentRoot[],
  hasLesson: (id: string) => boolean,
): Set<string> {
  const ids = new Set<string>();
  for (const root of roots) {
    for (const file of quizFiles(root.dir)) {
      const lesson = frontMatterField(file, 'lesson');
      if (typeof lesson === 'string' && lesson) ids.add(resolveIn(root, lesson, hasLesson));
    }
  }
  return ids;
}

function labIdOf(file: string): string | undefined {
  if (!existsSync(file)) return undefined;
  const id = frontMatterField(file, 'id');
  return typeof id === 'string' && id ? id : undefined;
}

const HEAD_BYTES = 8192;
const CLOSING_FENCE = /\n---[ \t]*(\r?\n|$)/;

/**
 * One top-level key of a file's YAML front matter, reading only the file's head: a quiz
 * bank with a thousand questions costs the same as an empty one.
 */
export function frontMatterField(file: string, key: string): unknown {
  let head: string;
  try {
    head = readHead(file, HEAD_BYTES);
  } catch {
    return undefined;
  }
  if (!/^---[ \t]*\r?\n/.test(head)) return undefined;
  const close = CLOSING_FENCE.exec(head.slice(3));
  // Front matter longer than the head (rare): give up rather than read the whole file.
  if (!close) return undefined;
  const front = head.slice(0, 3 + close.index + close[0].length);
  const { data } = splitFrontMatter(front, file);
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return undefined;
  return (data as Record<string, unknown>)[key];
}

function readHead(file: string, bytes: number): string {
  const fd = openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(bytes);
    const read = readSync(fd, buffer, 0, bytes, 0);
    return buffer.subarray(0, read).toString('utf8');
  } finally {
    closeSync(fd);
  }
}
