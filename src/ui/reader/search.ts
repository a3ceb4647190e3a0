/**
 * Search inside a rendered lesson: which screen lines contain the query, and the same
 * lines with every occurrence highlighted. Lines are searched one by one (a phrase cut by
 * a wrap is not found), which keeps a search of a 5,000-line lesson to a few milliseconds.
 */
import type { RenderedDoc, Segment, SegmentStyle, StyledLine } from '../markdown/types.js';

/** The plain text of every screen line of the document. */
export function lineTexts(doc: RenderedDoc): string[] {
  return doc.lines.map((line) => line.segments.map((segment) => segment.text).join(''));
}

function queryPattern(query: string): RegExp {
  return new RegExp(query.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'giu');
}

/** Indexes of the lines that contain `query` (case-insensitive), in order. */
export function findMatches(texts: readonly string[], query: string): number[] {
  if (query.trim() === '') return [];
  const pattern = queryPattern(query);
  const found: number[] = [];
  texts.forEach((text, index) => {
    pattern.lastIndex = 0;
    if (pattern.test(text)) found.push(index);
  });
  return found;
}

/** Every match is inverted; the current one is also bold and underlined, so n/N show where. */
export const MATCH_STYLE: SegmentStyle = { inverse: true };
export const CURRENT_MATCH_STYLE: SegmentStyle = { inverse: true, bold: true, underline: true };

/** The line with each occurrence of `query` restyled; the line itself when there is none. */
export function highlightLine(line: StyledLine, query: string, current: boolean): StyledLine {
  const text = line.segments.map((segment) => segment.text).join('');
  const ranges: [number, number][] = [];
  const pattern = queryPattern(query);
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    if (match[0] === '') break;
    ranges.push([match.index, match.index + match[0].length]);
  }
  if (ranges.length === 0) return line;
  const highlight = current ? CURRENT_MATCH_STYLE : MATCH_STYLE;
  const segments: Segment[] = [];
  let offset = 0;
  for (const segment of line.segments) {
    const start = offset;
    const end = offset + segment.text.length;
    offset = end;
    let cursor = start;
    for (const [from, to] of ranges) {
      if (to <= cursor || from >= end) continue;
      const a = Math.max(from, cursor);
      const b = Math.min(to, end);
      if (a > cursor) segments.push(piece(segment, cursor - start, a - start));
      segments.push(piece(segment, a - start, b - start, highlight));
      cursor = b;
    }
    if (cursor < end) segments.push(piece(segment, cursor - start, end - start));
  }
  return { segments };
}

function piece(segment: Segment, from: number, to: number, extra?: SegmentStyle): Segment {
  const text = segment.text.slice(from, to);
  const style = extra ? { ...segment.style, ...extra } : segment.style;
  return style ? { text, style } : { text };
}
