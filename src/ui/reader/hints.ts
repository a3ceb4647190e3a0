/**
 * The reader's footer must stay one line (its height is budgeted), so hints that do not
 * fit the width are left out, the least important last in the list first.
 */
import type { KeyHint } from '../components/KeyHints.js';
import { stringWidth } from '../markdown/width.js';

export interface RankedHint extends KeyHint {
  /** Lower is kept first when the width is short; hints without one go last. */
  readonly rank?: number;
}

/**
 * The hints that fit `width` (KeyHints draws "keys action" two columns apart), chosen by
 * rank and shown in their given order.
 */
export function fitHints(hints: readonly RankedHint[], width: number): KeyHint[] {
  const byRank = hints
    .map((hint, index) => ({ hint, index }))
    .sort((a, b) => (a.hint.rank ?? Infinity) - (b.hint.rank ?? Infinity) || a.index - b.index);
  const kept = new Set<number>();
  let used = 0;
  for (const { hint, index } of byRank) {
    const size = stringWidth(`${hint.keys} ${hint.action}`) + (kept.size ? 2 : 0);
    if (used + size > width) continue;
    kept.add(index);
    used += size;
  }
  return hints.filter((_, index) => kept.has(index)).map(({ keys, action }) => ({ keys, action }));
}

/** Cuts `text` to `width` columns, ending with "…" when it had to cut. */
export function truncate(text: string, width: number): string {
  if (width <= 0) return '';
  if (stringWidth(text) <= width) return text;
  let out = '';
  let used = 0;
  for (const char of text) {
    const w = stringWidth(char);
    if (used + w > width - 1) break;
    out += char;
    used += w;
  }
  return out + '…';
}

/** Word-wraps plain text to `width` columns (a word longer than that is cut). */
export function wrapWords(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const candidate = line ? `${line} ${word}` : word;
    if (stringWidth(candidate) <= width) {
      line = candidate;
      continue;
    }
    if (line) lines.push(line);
    line = stringWidth(word) <= width ? word : truncate(word, width);
  }
  if (line) lines.push(line);
  return lines;
}
