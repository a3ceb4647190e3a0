/**
 * Loads a lesson by id (front matter of the course, then this lesson's body) and renders
 * it to the line model. Shared by the reader and `dockdrill lesson --print`; no React.
 */
import { courseMap, type CourseLesson } from '../../content/course-map.js';
import {
  loadLesson,
  resolveLessonRef,
  type Lesson,
  type LessonIndex,
} from '../../content/lessons.js';
import { packOf, resolveIn } from '../../content/namespace.js';
import type { ContentRoot } from '../../content/paths.js';
import { formatProblem } from '../../content/problems.js';
import { renderMarkdown, type RenderedDoc } from '../markdown/render-lines.js';
import type { DocumentStyle } from './terminal.js';

export type LoadedLesson =
  | {
      readonly ok: true;
      readonly lesson: Lesson;
      readonly entry: CourseLesson;
      readonly index: LessonIndex;
    }
  | { readonly ok: false; readonly message: string };

/** Finds lesson `id` in the roots and parses its body; an error message when it cannot. */
export function loadLessonById(roots: readonly ContentRoot[], id: string): LoadedLesson {
  const map = courseMap(roots);
  const entry = map.lessons.find((candidate) => candidate.meta.id === id);
  if (!entry) {
    const ids = map.lessons.filter((l) => !l.meta.broken).map((l) => l.meta.id);
    return {
      ok: false,
      message: `There is no lesson "${id}".${ids.length ? ` Lessons: ${ids.join(', ')}.` : ''}`,
    };
  }
  if (entry.meta.broken?.length) {
    return {
      ok: false,
      message: `Lesson "${id}" cannot be shown:\n${entry.meta.broken.map(formatProblem).join('\n')}`,
    };
  }
  try {
    return { ok: true, lesson: loadLesson(entry.meta), entry, index: map.index };
  } catch (error) {
    return {
      ok: false,
      message: `Lesson "${id}" could not be read: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
}

/** Names a `lesson:` cross-reference by the target's title and section heading. */
export function describeRefs(index: LessonIndex, current?: Lesson) {
  // A pack lesson's links name the pack's own lessons first, then the bundled course's.
  const pack = current ? packOf(current.meta.id) : '';
  const known = new Set(index.lessons.map((meta) => meta.id));
  return (written: string, slug: string | undefined): string | undefined => {
    const lessonId = resolveIn({ pack }, written, (id) => known.has(id));
    // A link within the lesson: its sections are known, no need to parse the file again.
    if (current && lessonId === current.meta.id) {
      const section = slug ? current.sections.find((s) => s.slug === slug) : undefined;
      if (slug && !section) return undefined;
      return section ? `“${current.meta.title}” › ${section.title}` : `“${current.meta.title}”`;
    }
    const ref = resolveLessonRef(index, slug ? `${lessonId}#${slug}` : lessonId);
    if (!ref) return undefined;
    return ref.section ? `“${ref.lesson.title}” › ${ref.section.title}` : `“${ref.lesson.title}”`;
  };
}

/** Renders a loaded lesson's body for the reader, the same way `--print` does. */
export function renderLesson(
  lesson: Lesson,
  index: LessonIndex,
  width: number,
  style: DocumentStyle,
): RenderedDoc {
  return renderMarkdown(lesson.body, {
    width,
    color: style.color,
    hyperlinks: style.hyperlinks,
    describeLessonRef: describeRefs(index, lesson),
  });
}
