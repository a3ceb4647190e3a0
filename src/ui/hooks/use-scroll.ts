/**
 * The reader's scroll position: the index of the first visible line, always clamped so the
 * last page is full. When the document is re-rendered (a resize re-wraps it) the position
 * moves to the line showing the same place, anchored to the section heading above it.
 */
import { useCallback, useRef, useState } from 'react';
import type { RenderedDoc } from '../markdown/types.js';
import { anchorTop } from '../reader/anchor.js';

export interface Scroll {
  /** Index of the first visible line. */
  readonly top: number;
  /** The largest `top`: the last line is then at the bottom of the window. */
  readonly maxTop: number;
  /** The last line is visible. */
  readonly atEnd: boolean;
  readonly scrollTo: (line: number) => void;
  readonly scrollBy: (lines: number) => void;
}

const EMPTY: RenderedDoc = { lines: [], headings: [], width: 0 };

export function maxTopOf(doc: RenderedDoc, height: number): number {
  return Math.max(0, doc.lines.length - Math.max(1, height));
}

function clamp(line: number, doc: RenderedDoc, height: number): number {
  return Math.max(0, Math.min(Math.round(line), maxTopOf(doc, height)));
}

/**
 * `initialTop` is read once, for the first document (the remembered position, or a section
 * asked for in the route).
 */
export function useScroll(
  docOrUndefined: RenderedDoc | undefined,
  height: number,
  initialTop: (doc: RenderedDoc) => number,
): Scroll {
  const doc = docOrUndefined ?? EMPTY;
  const [state, setState] = useState(() => ({ doc, top: clamp(initialTop(doc), doc, height) }));
  let current = state;
  if (state.doc !== doc) {
    // Derived state: re-anchor during render so the first frame at the new width is right.
    current = { doc, top: clamp(anchorTop(state.doc, state.top, doc), doc, height) };
    setState(current);
  }
  const heightRef = useRef(height);
  heightRef.current = height;

  const scrollTo = useCallback((line: number) => {
    setState((s) => {
      const top = clamp(line, s.doc, heightRef.current);
      return top === s.top ? s : { ...s, top };
    });
  }, []);
  const scrollBy = useCallback((lines: number) => {
    setState((s) => {
      const top = clamp(s.top + lines, s.doc, heightRef.current);
      return top === s.top ? s : { ...s, top };
    });
  }, []);

  const maxTop = maxTopOf(doc, height);
  const top = Math.min(current.top, maxTop);
  return { top, maxTop, atEnd: top >= maxTop, scrollTo, scrollBy };
}
