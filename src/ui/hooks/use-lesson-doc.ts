/**
 * The reader's lesson: loaded once per id, rendered once per width (and styling).
 * Scrolling never touches the markdown again.
 */
import { useMemo } from 'react';
import type { ContentRoot } from '../../content/paths.js';
import type { RenderedDoc } from '../markdown/types.js';
import { loadLessonById, renderLesson, type LoadedLesson } from '../reader/lesson-doc.js';
import type { DocumentStyle } from '../reader/terminal.js';

export type { LoadedLesson };

export function useLoadedLesson(roots: readonly ContentRoot[], id: string): LoadedLesson {
  return useMemo(() => loadLessonById(roots, id), [roots, id]);
}

/** The rendered document for this width, or undefined when the lesson did not load. */
export function useLessonDoc(
  loaded: LoadedLesson,
  width: number,
  style: DocumentStyle,
): RenderedDoc | undefined {
  const { color, hyperlinks } = style;
  return useMemo(
    () =>
      loaded.ok
        ? renderLesson(loaded.lesson, loaded.index, width, { color, hyperlinks })
        : undefined,
    [loaded, width, color, hyperlinks],
  );
}
