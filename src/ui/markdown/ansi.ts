/**
 * Turns the line model into terminal text: SGR escape codes for styles and OSC 8 for
 * hyperlinks. Used by `dockdrill lesson <id> --print` on a TTY; Ink draws the same
 * model itself through <Text> props.
 */
import type { RenderedDoc, Segment, SegmentStyle } from './types.js';

const COLORS: Readonly<Record<string, number>> = {
  black: 30,
  red: 31,
  green: 32,
  yellow: 33,
  blue: 34,
  magenta: 35,
  cyan: 36,
  white: 37,
  gray: 90,
  grey: 90,
  blackBright: 90,
  redBright: 91,
  greenBright: 92,
  yellowBright: 93,
  blueBright: 94,
  magentaBright: 95,
  cyanBright: 96,
  whiteBright: 97,
};

const ESC = '\u001b';
const BEL = '\u0007';

/** Wraps text in an OSC 8 hyperlink. */
export function hyperlink(text: string, url: string): string {
  return `${ESC}]8;;${url}${BEL}${text}${ESC}]8;;${BEL}`;
}

function colorCode(name: string, background: boolean): string | undefined {
  const hex = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(name);
  if (hex) {
    const [r, g, b] = [hex[1], hex[2], hex[3]].map((part) => parseInt(part ?? '0', 16));
    return `${background ? 48 : 38};2;${r};${g};${b}`;
  }
  const code = COLORS[name];
  return code === undefined ? undefined : String(background ? code + 10 : code);
}

export function sgrCodes(style: SegmentStyle): string[] {
  const codes: string[] = [];
  if (style.bold) codes.push('1');
  if (style.dim) codes.push('2');
  if (style.italic) codes.push('3');
  if (style.underline) codes.push('4');
  if (style.inverse) codes.push('7');
  if (style.strikethrough) codes.push('9');
  if (style.color) {
    const code = colorCode(style.color, false);
    if (code) codes.push(code);
  }
  if (style.backgroundColor) {
    const code = colorCode(style.backgroundColor, true);
    if (code) codes.push(code);
  }
  return codes;
}

export function segmentToAnsi(segment: Segment): string {
  const style = segment.style;
  if (!style) return segment.text;
  const codes = sgrCodes(style);
  const text = codes.length ? `${ESC}[${codes.join(';')}m${segment.text}${ESC}[0m` : segment.text;
  return style.link ? hyperlink(text, style.link) : text;
}

/** The document as terminal text with escape codes, one line per rendered line. */
export function toAnsi(doc: RenderedDoc): string {
  return doc.lines.map((line) => line.segments.map(segmentToAnsi).join('').trimEnd()).join('\n');
}

/** The document as plain text (no escapes): the same layout, for pipes and files. */
export function toPlainText(doc: RenderedDoc): string {
  return doc.lines
    .map((line) =>
      line.segments
        .map((segment) => segment.text)
        .join('')
        .trimEnd(),
    )
    .join('\n');
}
