/**
 * Keeping the reader's place when the terminal is resized: the same lesson re-wrapped at
 * another width has the same headings, so the top line is carried over as "this far into
 * the section under heading N" rather than as a raw line number.
 */
import type { RenderedDoc, RenderedHeading } from '../markdown/types.js';

/** Index in `doc.headings` of the last heading at or above `line` (-1 before the first). */
export function headingAt(headings: readonly RenderedHeading[], line: number): number {
  let low = 0;
  let high = headings.length - 1;
  let found = -1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    if ((headings[mid] as RenderedHeading).lineIndex <= line) {
      found = mid;
      low = mid + 1;
    } else high = mid - 1;
  }
  return found;
}

/** The span of lines [start, end) of section `index` (-1: the text before any heading). */
function sectionSpan(doc: RenderedDoc, index: number): [number, number] {
  const start = index < 0 ? 0 : (doc.headings[index]?.lineIndex ?? 0);
  const end = doc.headings[index + 1]?.lineIndex ?? doc.lines.length;
  return [start, Math.max(start, end)];
}

/** The line of `next` that shows what line `top` of `previous` showed. */
export function anchorTop(previous: RenderedDoc, top: number, next: RenderedDoc): number {
  if (previous === next) return top;
  if (previous.headings.length !== next.headings.length) {
    // Not the same source: keep the same fraction of the document.
    const fraction = previous.lines.length ? top / previous.lines.length : 0;
    return Math.round(fraction * next.lines.length);
  }
  const index = headingAt(previous.headings, top);
  const [oldStart, oldEnd] = sectionSpan(previous, index);
  const [newStart, newEnd] = sectionSpan(next, index);
  const offset = top - oldStart;
  if (offset <= 0 || oldEnd === oldStart) return newStart;
  const scaled = Math.round((offset * (newEnd - newStart)) / (oldEnd - oldStart));
  return Math.min(newStart + scaled, Math.max(newStart, newEnd - 1));
}
