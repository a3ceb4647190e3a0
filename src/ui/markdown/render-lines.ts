/**
 * Renders markdown into the line model (see types.ts): every block wrapped to one width,
 * every line a list of styled segments. Pure and Ink-free, so the reader renders a whole
 * lesson once per terminal width and then draws only the visible window, and
 * `dockdrill lesson --print` can print the same layout as plain or ANSI text.
 */
import { Lexer, type Token, type Tokens } from 'marked';
import { inlinePlainText } from '../../content/lessons.js';
import { Slugger } from '../../content/slug.js';
import { codeLanguage, highlightCode } from './highlight.js';
import {
  chunkSegments,
  inlinePieces,
  piecesText,
  stripControls,
  segmentsWidth,
  wrapPieces,
  type InlinePiece,
} from './inline.js';
import type {
  RenderOptions,
  RenderedDoc,
  RenderedHeading,
  Segment,
  SegmentStyle,
  StyledLine,
} from './types.js';
import { stringWidth } from './width.js';

export { toAnsi, toPlainText } from './ansi.js';
export type * from './types.js';

/** Styles of each heading level: colour, and a rule under levels 1 and 2 for NO_COLOR. */
export const HEADING_STYLES: Readonly<Record<number, SegmentStyle>> = {
  1: { bold: true, color: 'magenta' },
  2: { bold: true, color: 'cyan' },
  3: { bold: true, color: 'green' },
  4: { bold: true, italic: true, color: 'yellow' },
  5: { italic: true, color: 'yellow' },
  6: { italic: true, dim: true },
};
const HEADING_RULE: Readonly<Record<number, string>> = { 1: '═', 2: '─' };

export const MARKER_STYLE: SegmentStyle = { color: 'yellow' };
export const TASK_DONE_STYLE: SegmentStyle = { color: 'green', bold: true };
export const TASK_OPEN_STYLE: SegmentStyle = { dim: true };
export const QUOTE_STYLE: SegmentStyle = { color: 'gray' };
export const RULE_STYLE: SegmentStyle = { color: 'gray' };
export const TABLE_BORDER_STYLE: SegmentStyle = { color: 'gray' };
export const CODE_GUTTER_STYLE: SegmentStyle = { color: 'gray' };

const BULLETS = ['•', '◦', '-'] as const;
/** Drawn in the gutter of a code line that continues the line above (never silent wrap). */
export const CODE_CONTINUATION = '↪ ';
const CODE_INDENT = '  ';
const QUOTE_BAR = '│ ';
const CALLOUT_BAR = '┃ ';
const TAB_WIDTH = 4;

export type CalloutKind = 'note' | 'warning' | 'exam-tip' | 'tip';

export const CALLOUTS: Readonly<Record<CalloutKind, { label: string; style: SegmentStyle }>> = {
  note: { label: 'Note', style: { color: 'blue', bold: true } },
  warning: { label: 'Warning', style: { color: 'yellow', bold: true } },
  'exam-tip': { label: 'Exam tip', style: { color: 'magenta', bold: true } },
  tip: { label: 'Tip', style: { color: 'green', bold: true } },
};

interface Context {
  readonly options: RenderOptions;
  readonly slugger: Slugger;
  readonly listDepth: number;
}

/** Lines of one block, with heading positions relative to the block's first line. */
interface Block {
  readonly lines: StyledLine[];
  readonly headings: RenderedHeading[];
}

const EMPTY_LINE: StyledLine = { segments: [] };

export function renderMarkdown(markdown: string, options: RenderOptions): RenderedDoc {
  const width = Math.max(1, Math.floor(options.width));
  const ctx: Context = { options: { ...options, width }, slugger: new Slugger(), listDepth: 0 };
  const block = renderBlocks(Lexer.lex(markdown), width, ctx, false);
  const lines = block.lines.map((line) => finishLine(line, width, options.color));
  return { lines, headings: block.headings, width };
}

function renderBlocks(
  tokens: readonly Token[],
  width: number,
  ctx: Context,
  tight: boolean,
): Block {
  const out: Block = { lines: [], headings: [] };
  for (const token of tokens) {
    const block = renderBlock(token, width, ctx);
    if (!block || block.lines.length === 0) continue;
    if (out.lines.length > 0 && !tight) out.lines.push(EMPTY_LINE);
    appendBlock(out, block);
  }
  return out;
}

function appendBlock(target: Block, block: Block): void {
  const offset = target.lines.length;
  for (const heading of block.headings)
    target.headings.push({ ...heading, lineIndex: heading.lineIndex + offset });
  for (const line of block.lines) target.lines.push(line);
}

function linesOnly(lines: StyledLine[]): Block {
  return { lines, headings: [] };
}

function renderBlock(token: Token, width: number, ctx: Context): Block | undefined {
  switch (token.type) {
    case 'heading':
      return renderHeading(token as Tokens.Heading, width, ctx);
    case 'paragraph':
    case 'text': {
      const t = token as Tokens.Paragraph | Tokens.Text;
      const pieces: InlinePiece[] = t.tokens
        ? inlinePieces(t.tokens, ctx.options)
        : [{ text: t.text }];
      return linesOnly(wrapPieces(pieces, width));
    }
    case 'list':
      return renderList(token as Tokens.List, width, ctx);
    case 'blockquote':
      return renderQuote(token as Tokens.Blockquote, width, ctx);
    case 'code':
      return linesOnly(renderCode(token as Tokens.Code, width));
    case 'table':
      return linesOnly(renderTable(token as Tokens.Table, width, ctx));
    case 'hr':
      return linesOnly([{ segments: [{ text: '─'.repeat(width), style: RULE_STYLE }] }]);
    case 'html': {
      // Raw HTML blocks: comments vanish, other markup is shown as its text.
      const text = (token as Tokens.HTML).text
        .replace(/<!--[\s\S]*?(?:-->|$)/g, '')
        .replace(/<[^>]*>/g, '')
        .trim();
      return text ? linesOnly(wrapPieces([{ text, style: { dim: true } }], width)) : undefined;
    }
    case 'space':
    case 'def':
    case 'checkbox':
      return undefined;
    default: {
      const raw = (token as { raw?: unknown }).raw;
      return typeof raw === 'string' && raw.trim()
        ? linesOnly(wrapPieces([{ text: raw.trim() }], width))
        : undefined;
    }
  }
}

function renderHeading(token: Tokens.Heading, width: number, ctx: Context): Block {
  const title = inlinePlainText(token.tokens);
  const slug = ctx.slugger.slug(title);
  const style = HEADING_STYLES[token.depth] ?? HEADING_STYLES[6];
  const lines = wrapPieces(inlinePieces(token.tokens, ctx.options, style), width);
  const ruleChar = HEADING_RULE[token.depth];
  if (ruleChar) {
    const ruleWidth = Math.min(
      width,
      Math.max(...lines.map((line) => segmentsWidth(line.segments)), 1),
    );
    lines.push({
      segments: [{ text: ruleChar.repeat(ruleWidth), style: { color: style?.color } }],
    });
  }
  return { lines, headings: [{ slug, title, depth: token.depth, lineIndex: 0 }] };
}

/** Puts `first` before the first line and `rest` before the others. */
function prefixBlock(
  block: Block,
  first: readonly Segment[],
  rest: readonly Segment[],
  blankKeepsPrefix: boolean,
): Block {
  const lines = block.lines.map((line, index) => {
    const prefix = index === 0 ? first : rest;
    if (line.segments.length === 0 && !blankKeepsPrefix && index > 0) return line;
    return { segments: [...prefix, ...line.segments] };
  });
  return { lines, headings: block.headings };
}

function renderList(list: Tokens.List, width: number, ctx: Context): Block {
  const start = typeof list.start === 'number' ? list.start : 1;
  const markers = list.items.map((_, index) =>
    list.ordered ? `${start + index}.` : (BULLETS[ctx.listDepth % BULLETS.length] ?? '-'),
  );
  const markerWidth = Math.max(...markers.map(stringWidth));
  const out: Block = { lines: [], headings: [] };
  const inner: Context = { ...ctx, listDepth: ctx.listDepth + 1 };
  list.items.forEach((item, index) => {
    const marker = (markers[index] ?? '').padStart(markerWidth) + ' ';
    const first: Segment[] = [{ text: marker, style: MARKER_STYLE }];
    if (item.task)
      first.push(
        {
          text: item.checked ? '[x]' : '[ ]',
          style: item.checked ? TASK_DONE_STYLE : TASK_OPEN_STYLE,
        },
        { text: ' ' },
      );
    const indent = segmentsWidth(first);
    const body = renderBlocks(
      item.tokens.filter((token) => token.type !== 'checkbox'),
      Math.max(1, width - indent),
      inner,
      !list.loose,
    );
    if (body.lines.length === 0) body.lines.push(EMPTY_LINE);
    if (index > 0 && list.loose) out.lines.push(EMPTY_LINE);
    appendBlock(out, prefixBlock(body, first, [{ text: ' '.repeat(indent) }], false));
  });
  return out;
}

/** A block quote that starts with a bold label (`> **Note**`) or a GitHub alert (`> [!NOTE]`). */
export function calloutKind(label: string): CalloutKind | undefined {
  const key = label.trim().replace(/:$/, '').trim().toLowerCase();
  if (key === 'note') return 'note';
  if (key === 'warning' || key === 'caution') return 'warning';
  if (key === 'exam tip') return 'exam-tip';
  if (key === 'tip') return 'tip';
  return undefined;
}

interface Callout {
  readonly kind: CalloutKind;
  /** The quote's blocks with the label removed. */
  readonly tokens: Token[];
}

function detectCallout(quote: Tokens.Blockquote): Callout | undefined {
  const [first, ...others] = quote.tokens;
  if (!first || first.type !== 'paragraph') return undefined;
  const paragraph = first as Tokens.Paragraph;
  const [lead, ...rest] = paragraph.tokens;
  let kind: CalloutKind | undefined;
  let remaining: Token[] = rest;
  if (lead?.type === 'strong') {
    kind = calloutKind(inlinePlainText((lead as Tokens.Strong).tokens));
  } else if (lead?.type === 'text') {
    const alert = /^\[!(NOTE|WARNING|CAUTION|TIP)\][ \t]*\n?/i.exec((lead as Tokens.Text).text);
    if (alert) {
      kind = calloutKind(alert[1] ?? '');
      const after = (lead as Tokens.Text).text.slice(alert[0].length);
      remaining = after ? [{ ...(lead as Tokens.Text), text: after, raw: after }, ...rest] : rest;
    }
  }
  if (!kind) return undefined;
  // Drop the ":" and whitespace between the label and the text.
  const head = remaining[0];
  if (head?.type === 'text') {
    const text = (head as Tokens.Text).text.replace(/^\s*:?\s*/, '');
    remaining = text
      ? [{ ...(head as Tokens.Text), text, raw: text, tokens: undefined }, ...remaining.slice(1)]
      : remaining.slice(1);
  } else if (head?.type === 'br') {
    remaining = remaining.slice(1);
  }
  const tokens: Token[] = [];
  if (remaining.length > 0) tokens.push({ ...paragraph, tokens: remaining });
  tokens.push(...others);
  return { kind, tokens };
}

function renderQuote(quote: Tokens.Blockquote, width: number, ctx: Context): Block {
  const innerWidth = Math.max(1, width - 2);
  const callout = detectCallout(quote);
  if (!callout) {
    const body = renderBlocks(quote.tokens, innerWidth, ctx, false);
    const bar = [{ text: QUOTE_BAR, style: QUOTE_STYLE }];
    return prefixBlock(body, bar, bar, true);
  }
  const { label, style } = CALLOUTS[callout.kind];
  const bar: Segment[] = [{ text: CALLOUT_BAR, style: { color: style.color } }];
  const body = renderBlocks(callout.tokens, innerWidth, ctx, false);
  const labelLine: StyledLine = { segments: [...bar, { text: label, style }] };
  const prefixed = prefixBlock(body, bar, bar, true);
  return {
    lines: [labelLine, ...prefixed.lines],
    headings: prefixed.headings.map((h) => ({ ...h, lineIndex: h.lineIndex + 1 })),
  };
}

function expandTabs(line: string): string {
  if (!line.includes('\t')) return line;
  let out = '';
  for (const char of line) {
    if (char === '\t') out += ' '.repeat(TAB_WIDTH - (stringWidth(out) % TAB_WIDTH));
    else out += char;
  }
  return out;
}

/**
 * A fenced code block: indented two columns, coloured per language. A line longer than
 * the width continues on the next screen line behind a `↪` mark in the gutter, so a
 * wrapped command is never mistaken for two commands.
 */
function renderCode(code: Tokens.Code, width: number): StyledLine[] {
  const source = code.text.split('\n').map((line) => expandTabs(stripControls(line)));
  const highlighted = highlightCode(source, codeLanguage(code.lang));
  const gutter = Math.min(CODE_INDENT.length, Math.max(0, width - 1));
  const room = Math.max(1, width - gutter);
  const lines: StyledLine[] = [];
  for (const segments of highlighted) {
    const chunks = segments.length > 0 ? chunkSegments(segments, room) : [[]];
    chunks.forEach((chunk, index) => {
      const prefix: Segment =
        index === 0
          ? { text: CODE_INDENT.slice(0, gutter) }
          : { text: CODE_CONTINUATION.slice(0, gutter), style: CODE_GUTTER_STYLE };
      lines.push({ segments: chunk.length > 0 || index > 0 ? [prefix, ...chunk] : [] });
    });
  }
  return lines;
}

type Align = 'left' | 'right' | 'center' | null;

function padCell(segments: readonly Segment[], width: number, align: Align): Segment[] {
  const gap = Math.max(0, width - segmentsWidth(segments));
  if (gap === 0) return [...segments];
  const left = align === 'right' ? gap : align === 'center' ? Math.floor(gap / 2) : 0;
  const out: Segment[] = [];
  if (left > 0) out.push({ text: ' '.repeat(left) });
  // Loop, not push(...spread): a huge line's segments overflow the stack (fault suite fuzz).
  for (const s of segments) out.push(s);
  if (gap - left > 0) out.push({ text: ' '.repeat(gap - left) });
  return out;
}

function naturalWidth(pieces: readonly InlinePiece[]): number {
  let widest = 0;
  for (const line of wrapPieces(pieces, Number.MAX_SAFE_INTEGER))
    widest = Math.max(widest, segmentsWidth(line.segments));
  return widest;
}

function longestWordWidth(pieces: readonly InlinePiece[]): number {
  let widest = 0;
  for (const word of piecesText(pieces).split(/\s+/)) widest = Math.max(widest, stringWidth(word));
  return widest;
}

/**
 * A table with box borders. Columns get their natural width when it fits; otherwise the
 * widest column gives up a column at a time until the table fits, and cells wrap. Then
 * `fewerWrappedLines` moves width between columns while that makes the table shorter.
 */
function renderTable(table: Tokens.Table, width: number, ctx: Context): StyledLine[] {
  const columns = table.header.length;
  const headerStyle: SegmentStyle = { bold: true };
  const header = table.header.map((cell) => inlinePieces(cell.tokens, ctx.options, headerStyle));
  const rows = table.rows.map((row) => row.map((cell) => inlinePieces(cell.tokens, ctx.options)));
  // Each column costs its content plus "│ " and " " (one more "│" closes the row).
  const room = width - (3 * columns + 1);
  if (columns === 0 || room < columns * 3) return renderTableAsList(header, rows, width);
  const widths = header.map((cell, column) =>
    Math.max(1, naturalWidth(cell), ...rows.map((row) => naturalWidth(row[column] ?? []))),
  );
  // Shrink the widest column that can still wrap between words; only when every column
  // is down to its longest word do words get cut.
  const longestWord = header.map((cell, column) =>
    Math.max(longestWordWidth(cell), ...rows.map((row) => longestWordWidth(row[column] ?? []))),
  );
  let total = widths.reduce((sum, w) => sum + w, 0);
  while (total > room) {
    let pick = -1;
    for (let column = 0; column < columns; column++) {
      const w = widths[column] ?? 0;
      if (w > (longestWord[column] ?? 0) && (pick === -1 || w > (widths[pick] ?? 0))) pick = column;
    }
    if (pick === -1) {
      pick = 0;
      for (let column = 1; column < columns; column++)
        if ((widths[column] ?? 0) > (widths[pick] ?? 0)) pick = column;
    }
    widths[pick] = (widths[pick] ?? 1) - 1;
    total--;
  }
  fewerWrappedLines(widths, [header, ...rows], longestWord);
  const border = (left: string, middle: string, right: string): StyledLine => ({
    segments: [
      {
        text: left + widths.map((w) => '─'.repeat(w + 2)).join(middle) + right,
        style: TABLE_BORDER_STYLE,
      },
    ],
  });
  const renderRow = (cells: readonly (readonly InlinePiece[])[]): StyledLine[] => {
    const wrapped = widths.map((w, column) => wrapPieces(cells[column] ?? [], w));
    const height = Math.max(...wrapped.map((cellLines) => cellLines.length));
    const lines: StyledLine[] = [];
    for (let row = 0; row < height; row++) {
      const segments: Segment[] = [];
      widths.forEach((w, column) => {
        segments.push({ text: column === 0 ? '│ ' : ' │ ', style: TABLE_BORDER_STYLE });
        segments.push(
          ...padCell(
            wrapped[column]?.[row]?.segments ?? [],
            w,
            (table.align[column] ?? null) as Align,
          ),
        );
      });
      segments.push({ text: ' │', style: TABLE_BORDER_STYLE });
      lines.push({ segments });
    }
    return lines;
  };
  const bodyRows = rows.map(renderRow);
  const separateRows = bodyRows.some((lines) => lines.length > 1);
  const lines: StyledLine[] = [border('┌', '┬', '┐'), ...renderRow(header), border('├', '┼', '┤')];
  bodyRows.forEach((rowLines, index) => {
    if (index > 0 && separateRows) lines.push(border('├', '┼', '┤'));
    lines.push(...rowLines);
  });
  lines.push(border('└', '┴', '┘'));
  return lines;
}

/**
 * Shrinking the widest column first keeps the table inside the width but can wrap many
 * rows where a different split would wrap one: a long cell in a narrow column may be
 * the only thing that column holds. This gives a column exactly the width one of its
 * cells needs, taken from the others (never below their longest word), whenever the
 * table gets shorter, and stops when no such move helps. Changes `widths` in place.
 */
function fewerWrappedLines(
  widths: number[],
  rows: readonly (readonly (readonly InlinePiece[])[])[],
  longestWord: readonly number[],
): void {
  const heights = new Map<string, number>();
  const cellHeight = (row: number, column: number, width: number): number => {
    const key = `${row},${column},${width}`;
    let height = heights.get(key);
    if (height === undefined) {
      height = Math.max(1, wrapPieces(rows[row]?.[column] ?? [], width).length);
      heights.set(key, height);
    }
    return height;
  };
  const tableHeight = (w: readonly number[]): number =>
    rows.reduce(
      (sum, _row, row) =>
        sum + Math.max(...w.map((width, column) => cellHeight(row, column, width))),
      0,
    );
  let best = tableHeight(widths);
  // Each accepted move makes the table at least one line shorter, so this ends.
  for (let improved = true; improved;) {
    improved = false;
    for (let column = 0; column < widths.length && !improved; column++) {
      const targets = [...new Set(rows.map((row) => naturalWidth(row[column] ?? [])))].filter(
        (target) => target > (widths[column] ?? 0),
      );
      for (const target of targets.sort((a, b) => a - b)) {
        const trial = [...widths];
        let needed = target - (trial[column] ?? 0);
        // Take from the widest other columns first, down to their longest word.
        while (needed > 0) {
          let donor = -1;
          for (let other = 0; other < trial.length; other++) {
            if (other === column || (trial[other] ?? 0) <= (longestWord[other] ?? 0)) continue;
            if (donor === -1 || (trial[other] ?? 0) > (trial[donor] ?? 0)) donor = other;
          }
          if (donor === -1) break;
          trial[donor] = (trial[donor] ?? 0) - 1;
          needed--;
        }
        if (needed > 0) break; // wider targets need even more
        trial[column] = target;
        const height = tableHeight(trial);
        if (height < best) {
          best = height;
          widths.splice(0, widths.length, ...trial);
          improved = true;
          break;
        }
      }
    }
  }
}

/** Too many columns for the width: each row becomes "Header: value" lines. */
function renderTableAsList(
  header: InlinePiece[][],
  rows: InlinePiece[][][],
  width: number,
): StyledLine[] {
  const lines: StyledLine[] = [];
  rows.forEach((row, index) => {
    if (index > 0) lines.push(EMPTY_LINE);
    header.forEach((label, column) => {
      const pieces: InlinePiece[] = [
        ...label,
        { text: ':', style: { bold: true } },
        { text: ' ' },
        ...(row[column] ?? []),
      ];
      lines.push(...wrapPieces(pieces, width));
    });
  });
  return lines;
}

function sameStyle(a: SegmentStyle | undefined, b: SegmentStyle | undefined): boolean {
  if (a === b) return true;
  if (!a || !b) return false;
  const keys = Object.keys(a) as (keyof SegmentStyle)[];
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((key) => a[key] === b[key]);
}

function withoutColor(style: SegmentStyle | undefined): SegmentStyle | undefined {
  if (!style || (style.color === undefined && style.backgroundColor === undefined)) return style;
  const { color: _color, backgroundColor: _background, ...rest } = style;
  return Object.keys(rest).length > 0 ? rest : undefined;
}

function cleanStyle(style: SegmentStyle | undefined): SegmentStyle | undefined {
  if (!style) return undefined;
  let empty = true;
  for (const value of Object.values(style))
    if (value !== undefined && value !== false) empty = false;
  return empty ? undefined : style;
}

/**
 * Last pass over each line: drop colours when colour is off, merge neighbours with the
 * same style (fewer <Text> nodes for Ink), and clip anything that would still overflow.
 */
function finishLine(line: StyledLine, width: number, color: boolean): StyledLine {
  const segments: Segment[] = [];
  let used = 0;
  for (const segment of line.segments) {
    if (segment.text === '') continue;
    const style = cleanStyle(color ? segment.style : withoutColor(segment.style));
    let text = segment.text;
    const w = stringWidth(text);
    if (used + w > width) {
      text = chunkSegments([{ text }], Math.max(1, width - used))[0]?.[0]?.text ?? '';
      if (used + stringWidth(text) > width) break;
    }
    used += stringWidth(text);
    const last = segments[segments.length - 1];
    if (last && sameStyle(last.style, style))
      segments[segments.length - 1] = mergeSegment(last, text);
    else segments.push(style ? { text, style } : { text });
    if (used >= width) break;
  }
  return { segments };
}

function mergeSegment(segment: Segment, text: string): Segment {
  return segment.style
    ? { text: segment.text + text, style: segment.style }
    : { text: segment.text + text };
}
