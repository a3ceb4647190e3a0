/**
 * `dockdrill lint` for lessons: every problem at once, each at its file:line — front
 * matter, duplicate ids, duplicate section slugs, and `lesson:` links to a lesson or
 * section that does not exist.
 */

import type { Tokens } from 'marked';
import { splitFrontMatter } from './frontmatter.js';
import {
  listLessons,
  loadLesson,
  positionedTokens,
  walkTokens,
  type Lesson,
  type LessonIndex,
  type LessonMeta,
} from './lessons.js';
import { resolveIn } from './namespace.js';
import type { ContentRoot } from './paths.js';
import { problem, type ContentProblem } from './problems.js';
import { readContentText } from './read-content.js';

/**
 * Lints the lessons of `root`. `others` (for a pack: the bundled course) is where links the
 * root does not resolve itself are looked up, as the reader does.
 */
export function lintLessons(root: ContentRoot, others?: LessonIndex): ContentProblem[] {
  const index = listLessons(root);
  const problems: ContentProblem[] = [...index.problems];
  const loaded = new Map<LessonMeta, Lesson>();
  for (const meta of index.lessons) {
    try {
      const lesson = loadLesson(meta);
      loaded.set(meta, lesson);
      problems.push(...lesson.problems);
    } catch (error) {
      problems.push(
        problem(meta.file, 1, 'unreadable', `cannot read the lesson: ${(error as Error).message}`),
      );
    }
  }
  // Links resolve against lessons whose id is theirs (the first of a duplicated id).
  const byId = new Map<string, Lesson>();
  for (const [meta, lesson] of loaded) {
    const isDuplicate = meta.broken?.some((p) => p.code === 'duplicate-id');
    if (!isDuplicate && !byId.has(meta.id)) byId.set(meta.id, lesson);
  }
  const elsewhere = (id: string): Lesson | undefined => {
    const meta = others?.lessons.find((candidate) => candidate.id === id && !candidate.broken);
    if (!meta) return undefined;
    try {
      return loadLesson(meta);
    } catch {
      return undefined;
    }
  };
  const find = (id: string): Lesson | undefined => {
    const own = resolveIn(root, id, (qualified) => byId.has(qualified));
    return byId.get(own) ?? elsewhere(own);
  };
  for (const meta of index.lessons) problems.push(...lintLinks(meta, find));
  return problems.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
}

/** A `lesson:` link found in a body, with the line it is written on. */
export interface LessonLink {
  readonly href: string;
  readonly line: number;
}

/** Every `[text](lesson:id#slug)` link in a lesson body (reference-style links too). */
export function lessonLinks(body: string, bodyLine: number): LessonLink[] {
  const links: LessonLink[] = [];
  for (const { token, line } of positionedTokens(body, bodyLine)) {
    let cursor = 0;
    walkTokens([token], (inner) => {
      if (inner.type !== 'link') return;
      const link = inner as Tokens.Link;
      if (!link.href.startsWith('lesson:')) return;
      const index = token.raw.indexOf(link.raw, cursor);
      const at = index === -1 ? cursor : index;
      let newlines = 0;
      for (let i = token.raw.indexOf('\n'); i !== -1 && i < at; i = token.raw.indexOf('\n', i + 1))
        newlines++;
      if (index !== -1) cursor = index + link.raw.length;
      links.push({ href: link.href, line: line + newlines });
    });
  }
  return links;
}

function lintLinks(meta: LessonMeta, find: (id: string) => Lesson | undefined): ContentProblem[] {
  let text: string;
  try {
    text = readContentText(meta.file);
  } catch {
    return [];
  }
  const front = splitFrontMatter(text, meta.file);
  const problems: ContentProblem[] = [];
  for (const link of lessonLinks(front.body, front.bodyLine)) {
    const target = link.href.slice('lesson:'.length);
    const hash = target.indexOf('#');
    const id = hash === -1 ? target : target.slice(0, hash);
    const slug = hash === -1 ? '' : target.slice(hash + 1);
    const lesson = find(id);
    if (!lesson) {
      problems.push(
        problem(
          meta.file,
          link.line,
          'broken-link',
          `link to unknown lesson "${id}" (${link.href})`,
        ),
      );
      continue;
    }
    if (slug && !lesson.sections.some((section) => section.slug === slug)) {
      const known = lesson.sections.map((section) => section.slug).join(', ') || 'none';
      problems.push(
        problem(
          meta.file,
          link.line,
          'broken-section-link',
          `lesson "${id}" has no section "${slug}" (sections: ${known})`,
        ),
      );
    }
  }
  return problems;
}
