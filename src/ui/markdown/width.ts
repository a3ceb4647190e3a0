/**
 * Terminal column widths of strings, so that no rendered line is wider than the screen.
 *
 * It follows the rules Ink itself measures with (string-width): printable ASCII is one
 * column, East Asian wide and fullwidth characters and emoji are two, combining marks and
 * other zero-width code points are none, and ambiguous-width characters count as narrow.
 * Written here rather than imported because string-width is only a transitive dependency.
 */

const ASCII_PRINTABLE = /^[\x20-\x7e]*$/;
const segmenter = new Intl.Segmenter();
// Built with the RegExp constructor: the `v` flag is newer than the ES2022 target's syntax.
const RGI_EMOJI = new RegExp('^\\p{RGI_Emoji}$', 'v');
const ZERO_WIDTH =
  /^[\p{Default_Ignorable_Code_Point}\p{Control}\p{Format}\p{Mark}\p{Surrogate}]+$/u;
const KEYCAP = /^[\d#*]\u20e3$/;

/** East Asian Wide (W) and Fullwidth (F) ranges, the ones that occur in real text. */
const WIDE_RANGES: readonly (readonly [number, number])[] = [
  [0x1100, 0x115f],
  [0x2329, 0x232a],
  [0x2e80, 0x303e],
  [0x3041, 0x33ff],
  [0x3400, 0x4dbf],
  [0x4e00, 0x9fff],
  [0xa000, 0xa4cf],
  [0xa960, 0xa97f],
  [0xac00, 0xd7a3],
  [0xf900, 0xfaff],
  [0xfe10, 0xfe19],
  [0xfe30, 0xfe6f],
  [0xff00, 0xff60],
  [0xffe0, 0xffe6],
  [0x16fe0, 0x16fe4],
  [0x17000, 0x18aff],
  [0x1b000, 0x1b2ff],
  [0x1f200, 0x1f251],
  [0x20000, 0x3fffd],
];

function isWide(codePoint: number): boolean {
  if (codePoint < 0x1100) return false;
  for (const [from, to] of WIDE_RANGES) {
    if (codePoint < from) return false;
    if (codePoint <= to) return true;
  }
  return false;
}

/** Width of one grapheme cluster (what a terminal draws as one character). */
export function graphemeWidth(cluster: string): number {
  if (cluster.length === 1) {
    const code = cluster.charCodeAt(0);
    if (code >= 0x20 && code < 0x7f) return 1;
    if (code < 0x20 || (code >= 0x7f && code < 0xa0)) return 0;
    if (simpleWidth(cluster) === 1) return 1;
  }
  if (ZERO_WIDTH.test(cluster)) return 0;
  if (RGI_EMOJI.test(cluster) || KEYCAP.test(cluster)) return 2;
  const first = cluster.codePointAt(0) ?? 0;
  return isWide(first) ? 2 : 1;
}

/** Splits text into grapheme clusters (a flag or an accented letter stays whole). */
export function graphemes(text: string): string[] {
  if (ASCII_PRINTABLE.test(text) || simpleWidth(text) === text.length) return text.split('');
  return segmentClusters(text);
}

const WINDOW = 1024;

/**
 * Intl.Segmenter, a window at a time. Fault suite (content fuzz): V8's segmenter gets
 * quadratic on long non-ASCII strings (64,000 clusters took 16 s, freezing the reader).
 * Each window starts on a cluster boundary and its last, possibly cut, cluster is
 * segmented again with the next window, so the clusters are the same as in one pass.
 */
function segmentClusters(text: string): string[] {
  if (text.length <= WINDOW) return Array.from(segmenter.segment(text), (entry) => entry.segment);
  const out: string[] = [];
  let at = 0;
  while (at < text.length) {
    // Never end a window between the two halves of a surrogate pair: a lone half would be
    // a cluster of its own and move the boundary before it.
    let end = Math.min(text.length, at + WINDOW);
    const before = text.charCodeAt(end - 1);
    if (end < text.length && before >= 0xd800 && before <= 0xdbff) end--;
    const window = text.slice(at, end);
    const parts = Array.from(segmenter.segment(window), (entry) => entry.segment);
    const last = end >= text.length || parts.length === 1;
    const keep = last ? parts : parts.slice(0, -1);
    for (const part of keep) {
      out.push(part);
      at += part.length;
    }
  }
  return out;
}

/**
 * Width of text made only of characters that are always one column and never combine
 * (Latin, punctuation, arrows, box drawing, bullets); -1 when the full rules are needed.
 * Rendering a lesson measures thousands of such strings (borders, rules, list bullets),
 * and the grapheme segmenter plus the emoji test cost far more than this loop.
 */
function simpleWidth(text: string): number {
  let width = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c >= 0x20 && c < 0x7f) || (c >= 0xa0 && c < 0x300 && c !== 0xad)) width++;
    else if (
      (c >= 0x2010 && c < 0x2028) ||
      (c >= 0x2030 && c < 0x205f) ||
      (c >= 0x2070 && c < 0x2300) ||
      (c >= 0x2500 && c < 0x25fd)
    ) {
      // U+FE0F asks for emoji presentation, which can make the character wide.
      if (text.charCodeAt(i + 1) === 0xfe0f) return -1;
      width++;
    } else return -1;
  }
  return width;
}

const slowCache = new Map<string, number>();
const SLOW_CACHE_LIMIT = 5000;

/** Number of terminal columns `text` takes (text without escape sequences). */
export function stringWidth(text: string): number {
  if (ASCII_PRINTABLE.test(text)) return text.length;
  const simple = simpleWidth(text);
  if (simple >= 0) return simple;
  const cached = slowCache.get(text);
  if (cached !== undefined) return cached;
  let width = 0;
  for (const segment of segmentClusters(text)) width += graphemeWidth(segment);
  if (slowCache.size >= SLOW_CACHE_LIMIT) slowCache.clear();
  slowCache.set(text, width);
  return width;
}

/**
 * Cuts `text` into pieces of at most `width` columns each, never splitting a grapheme.
 * A grapheme wider than `width` (a wide character in a 1-column space) gets a piece of
 * its own rather than looping forever.
 */
export function splitByWidth(text: string, width: number): string[] {
  const pieces: string[] = [];
  let current = '';
  let used = 0;
  for (const cluster of graphemes(text)) {
    const w = graphemeWidth(cluster);
    if (used + w > width && current !== '') {
      pieces.push(current);
      current = '';
      used = 0;
    }
    current += cluster;
    used += w;
  }
  if (current !== '' || pieces.length === 0) pieces.push(current);
  return pieces;
}
