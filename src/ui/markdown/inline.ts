/**
 * Inline markdown (emphasis, code spans, links, hard breaks) turned into styled pieces,
 * and the word wrapper that lays those pieces out on lines of a given width.
 */
import type { Token, Tokens } from 'marked';
import { decodeEntities } from './entities.js';
import type { RenderOptions, Segment, SegmentStyle, StyledLine } from './types.js';
import { graphemeWidth, graphemes, stringWidth } from './width.js';
import { cleanLine, cleanText, cleanUrl } from '../../terminal/sanitize.js';

/** A styled run of text, or a hard line break (`  \n`, `\\\n` or `<br>`). */
export type InlinePiece = Segment | { readonly hardBreak: true };

export const CODE_SPAN_STYLE: SegmentStyle = { color: 'cyan' };
export const LINK_STYLE: SegmentStyle = { color: 'blue', underline: true };
export const CROSS_REF_STYLE: SegmentStyle = { color: 'magenta', underline: true };
export const NOTE_STYLE: SegmentStyle = { dim: true };

export function mergeStyle(
  base: SegmentStyle | undefined,
  extra: SegmentStyle | undefined,
): SegmentStyle | undefined {
  if (!base) return extra;
  if (!extra) return base;
  return { ...base, ...extra };
}

/** `lesson:restart-policies#manual-stop` -> { lessonId, slug }; undefined for other links. */
export function parseLessonHref(
  href: string,
): { lessonId: string; slug: string | undefined } | undefined {
  if (!href.startsWith('lesson:')) return undefined;
  const rest = href.slice('lesson:'.length);
  const hash = rest.indexOf('#');
  if (hash === -1) return { lessonId: rest, slug: undefined };
  return { lessonId: rest.slice(0, hash), slug: rest.slice(hash + 1) || undefined };
}

function crossRefLabel(href: string, options: RenderOptions): string {
  const ref = parseLessonHref(href);
  if (!ref) return href;
  const described = options.describeLessonRef?.(ref.lessonId, ref.slug);
  if (described) return `(see ${described})`;
  return ref.slug
    ? `(see lesson ${ref.lessonId}, section ${ref.slug})`
    : `(see lesson ${ref.lessonId})`;
}

/** Turns marked's inline tokens into styled pieces; `style` is the inherited style. */
export function inlinePieces(
  tokens: readonly Token[],
  options: RenderOptions,
  style?: SegmentStyle,
): InlinePiece[] {
  const out: InlinePiece[] = [];
  for (const token of tokens) appendToken(out, token, options, style);
  return out;
}

function appendToken(
  out: InlinePiece[],
  token: Token,
  options: RenderOptions,
  style: SegmentStyle | undefined,
): void {
  switch (token.type) {
    case 'text': {
      const t = token as Tokens.Text;
      if (t.tokens && t.tokens.length > 0) out.push(...inlinePieces(t.tokens, options, style));
      else out.push({ text: decodeEntities(t.text), style });
      return;
    }
    case 'escape':
      out.push({ text: (token as Tokens.Escape).text, style });
      return;
    case 'strong':
      out.push(
        ...inlinePieces(
          (token as Tokens.Strong).tokens,
          options,
          mergeStyle(style, { bold: true }),
        ),
      );
      return;
    case 'em':
      out.push(
        ...inlinePieces((token as Tokens.Em).tokens, options, mergeStyle(style, { italic: true })),
      );
      return;
    case 'del':
      out.push(
        ...inlinePieces(
          (token as Tokens.Del).tokens,
          options,
          mergeStyle(style, { strikethrough: true }),
        ),
      );
      return;
    case 'codespan':
      out.push({
        text: (token as Tokens.Codespan).text,
        style: mergeStyle(style, CODE_SPAN_STYLE),
      });
      return;
    case 'br':
      out.push({ hardBreak: true });
      return;
    case 'link':
      appendLink(out, token as Tokens.Link, options, style);
      return;
    case 'image': {
      const image = token as Tokens.Image;
      const alt = image.text ? `[image: ${image.text}]` : '[image]';
      out.push({ text: alt, style: mergeStyle(style, NOTE_STYLE) });
      if (image.href)
        out.push({ text: ` (${cleanLine(image.href)})`, style: mergeStyle(style, NOTE_STYLE) });
      return;
    }
    case 'html': {
      // Inline tags (<kbd>, <sup>) are dropped and their text kept; <br> breaks the line.
      const html = (token as Tokens.HTML).text;
      if (/^<br\s*\/?>$/i.test(html.trim())) out.push({ hardBreak: true });
      return;
    }
    case 'checkbox':
      return; // lists draw their own [x] / [ ] marker
    default: {
      const raw =
        (token as { text?: unknown; raw?: unknown }).text ?? (token as { raw?: unknown }).raw;
      if (typeof raw === 'string') out.push({ text: raw, style });
    }
  }
}

function appendLink(
  out: InlinePiece[],
  link: Tokens.Link,
  options: RenderOptions,
  style: SegmentStyle | undefined,
): void {
  // An href is untrusted: marked decodes entities, so `&#27;` becomes a real ESC. Only a
  // clean http(s)/mailto URL becomes a link; anything else is shown as cleaned text.
  const href = link.href.startsWith('lesson:') ? cleanLine(link.href) : cleanUrl(link.href);
  if (href === undefined) {
    out.push(...inlinePieces(link.tokens, options, style));
    const shown = cleanLine(link.href);
    if (shown && shown !== link.text)
      out.push({ text: ` (${shown})`, style: mergeStyle(style, NOTE_STYLE) });
    return;
  }
  if (href.startsWith('lesson:')) {
    // Cross-references inside the course: no terminal can open `lesson:`, so say where.
    out.push(...inlinePieces(link.tokens, options, mergeStyle(style, CROSS_REF_STYLE)));
    out.push({ text: ' ' + crossRefLabel(href, options), style: mergeStyle(style, NOTE_STYLE) });
    return;
  }
  if (options.hyperlinks) {
    out.push(
      ...inlinePieces(link.tokens, options, mergeStyle(style, { ...LINK_STYLE, link: href })),
    );
    return;
  }
  out.push(...inlinePieces(link.tokens, options, mergeStyle(style, LINK_STYLE)));
  const shown = href.startsWith('mailto:') ? href.slice('mailto:'.length) : href;
  if (shown !== link.text) out.push({ text: ` (${href})`, style: mergeStyle(style, NOTE_STYLE) });
}

/**
 * Control characters and escape sequences would move the terminal's cursor, break the
 * layout or worse, so lesson text and code never pass them through (entities decoded by
 * marked can make them even where the file had none).
 */
export function stripControls(text: string): string {
  return cleanText(text);
}

/** Plain text of inline pieces (hard breaks become spaces). */
export function piecesText(pieces: readonly InlinePiece[]): string {
  return pieces.map((piece) => ('hardBreak' in piece ? ' ' : piece.text)).join('');
}

interface Word {
  readonly segments: Segment[];
  width: number;
  /** The whitespace before the word collapses to one space carrying this style. */
  readonly spaceStyle: SegmentStyle | undefined;
  readonly spaceBefore: boolean;
  /** The word starts a new line (after a hard break). */
  readonly breakBefore: boolean;
}

/** Splits pieces into words: whitespace separates words, styles may change inside one. */
function toWords(pieces: readonly InlinePiece[]): Word[] {
  const words: Word[] = [];
  let current: Word | undefined;
  let pendingSpace = false;
  let pendingSpaceStyle: SegmentStyle | undefined;
  let pendingBreak = false;
  for (const piece of pieces) {
    if ('hardBreak' in piece) {
      current = undefined;
      pendingBreak = true;
      pendingSpace = false;
      continue;
    }
    // Tabs and newlines inside a paragraph are soft: they behave like one space.
    const parts = stripControls(piece.text).split(/([ \t\n\r\f]+)/);
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i] ?? '';
      if (part === '') continue;
      if (i % 2 === 1) {
        current = undefined;
        if (!pendingSpace) pendingSpaceStyle = piece.style;
        pendingSpace = true;
        continue;
      }
      const width = stringWidth(part);
      if (!current) {
        current = {
          segments: [],
          width: 0,
          spaceBefore: pendingSpace && words.length > 0 && !pendingBreak,
          spaceStyle: pendingSpaceStyle,
          breakBefore: pendingBreak,
        };
        words.push(current);
        pendingSpace = false;
        pendingBreak = false;
      }
      current.segments.push({ text: part, style: piece.style });
      current.width += width;
    }
  }
  return words;
}

/**
 * Cuts styled segments into chunks of at most `width` columns, never splitting a
 * grapheme, keeping each part's style (used for over-long words and code lines).
 */
export function chunkSegments(segments: readonly Segment[], width: number): Segment[][] {
  const chunks: Segment[][] = [];
  let chunk: Segment[] = [];
  let used = 0;
  for (const segment of segments) {
    for (const cluster of graphemes(segment.text)) {
      const w = graphemeWidth(cluster);
      if (used + w > width && used > 0) {
        chunks.push(chunk);
        chunk = [];
        used = 0;
      }
      const last = chunk[chunk.length - 1];
      if (last && last.style === segment.style)
        chunk[chunk.length - 1] = { text: last.text + cluster, style: last.style };
      else chunk.push({ text: cluster, style: segment.style });
      used += w;
    }
  }
  if (chunk.length > 0) chunks.push(chunk);
  return chunks;
}

export interface WrapPrefix {
  /** Segments drawn before the first line (a list marker, a quote bar). */
  readonly first: readonly Segment[];
  /** Segments drawn before every following line (usually spaces of the same width). */
  readonly rest: readonly Segment[];
}

export function segmentsWidth(segments: readonly Segment[]): number {
  let width = 0;
  for (const segment of segments) width += stringWidth(segment.text);
  return width;
}

/**
 * Greedy word wrap of inline pieces to `width` columns (prefix included). Words longer
 * than a line are cut. Always returns at least one line.
 */
export function wrapPieces(
  pieces: readonly InlinePiece[],
  width: number,
  prefix?: WrapPrefix,
): StyledLine[] {
  const first = prefix?.first ?? [];
  const rest = prefix?.rest ?? [];
  const lines: StyledLine[] = [];
  let segments: Segment[] = [...first];
  let used = segmentsWidth(first);
  let lineStart = used;
  let hasWords = false;
  const avail = (): number => Math.max(1, width - lineStart);
  const newLine = (): void => {
    lines.push({ segments });
    segments = [...rest];
    used = segmentsWidth(rest);
    lineStart = used;
    hasWords = false;
  };
  for (const word of toWords(pieces)) {
    if (word.breakBefore && (hasWords || lines.length > 0 || used > lineStart)) newLine();
    const space = hasWords && word.spaceBefore ? 1 : 0;
    if (used + space + word.width <= lineStart + avail()) {
      if (space) segments.push({ text: ' ', style: word.spaceStyle });
      // Loop, not push(...spread): a huge line's segments overflow the stack (fault suite fuzz).
      for (const s of word.segments) segments.push(s);
      used += space + word.width;
      hasWords = true;
      continue;
    }
    if (hasWords) newLine();
    if (word.width <= avail()) {
      for (const s of word.segments) segments.push(s);
      used += word.width;
      hasWords = true;
      continue;
    }
    const chunks = chunkSegments(word.segments, avail());
    chunks.forEach((chunk, index) => {
      if (index > 0) newLine();
      segments.push(...chunk);
      used += segmentsWidth(chunk);
      hasWords = true;
    });
  }
  lines.push({ segments });
  return lines;
}
