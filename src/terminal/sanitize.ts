/**
 * One sanitizer for every untrusted string that can reach the terminal or a report:
 * content (lessons, banks, labs, packs), docker's and containers' output, imported
 * progress and reports, ids echoed in errors. A terminal obeys escape sequences, so such
 * a string could set the window title, write the clipboard (OSC 52), clear the screen,
 * hide text, or make the terminal type into dockdrill's own input (device status reports).
 *
 * Two layers:
 * - `cleanText` at the sources: removes every escape sequence (7-bit and 8-bit forms),
 *   every C0 and C1 control but newline and tab, DEL, and the Unicode bidirectional
 *   overrides that can make text read differently from what it is.
 * - `guardTerminal` on dockdrill's own stdout and stderr: passes only the sequences
 *   dockdrill itself writes (SGR styling, Ink's cursor and line erasing, OSC 8 links) and
 *   drops every other one, so anything a source missed is still harmless.
 */

/**
 * A whole escape sequence: CSI (`ESC [` or U+009B ... final byte), OSC (`ESC ]` or U+009D
 * ... BEL or ST), DCS/SOS/PM/APC (`ESC P|X|^|_` or U+0090/98/9E/9F ... ST), or ESC and one
 * more character. An unterminated string sequence runs to the end of the text.
 */
const SEQUENCE =
  // eslint-disable-next-line no-control-regex
  /(?:\u001b\[|\u009b)[0-?]*[ -/]*[@-~]?|(?:\u001b\]|\u009d)[^\u0007\u001b\u009c]*(?:\u0007|\u001b\\|\u009c)?|(?:\u001b[PX^_]|[\u0090\u0098\u009e\u009f])[^\u001b\u009c]*(?:\u001b\\|\u009c)?|\u001b[\s\S]?/g;

/** C0 but tab and newline, DEL, C1, and the bidi embedding/override/isolate controls. */
// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

export interface CleanOptions {
  /** Keep newlines (default true); false turns each line break into a space. */
  readonly newlines?: boolean;
}

/** The text with every escape sequence and control character removed. */
export function cleanText(text: string, options: CleanOptions = {}): string {
  const stripped = text.replace(SEQUENCE, '').replace(/\r\n?/g, '\n').replace(CONTROLS, '');
  return options.newlines === false ? stripped.replace(/\n/g, ' ') : stripped;
}

/** One line of untrusted text: cleaned, line breaks as spaces. */
export function cleanLine(text: string): string {
  return cleanText(text, { newlines: false });
}

/**
 * A URL fit for an OSC 8 link or for printing: http(s) or mailto only, with no control
 * character or space in it; undefined otherwise (the link is then shown as plain text).
 */
export function cleanUrl(url: string): string | undefined {
  if (url !== cleanLine(url) || /\s/.test(url)) return undefined;
  return /^(https?:\/\/|mailto:)/i.test(url) ? url : undefined;
}

/** Every string inside a parsed JSON value, cleaned (keys too); for imported files. */
export function cleanDeep<T>(value: T): T {
  if (typeof value === 'string') return cleanText(value) as T;
  if (Array.isArray(value)) return value.map((item: unknown) => cleanDeep(item)) as T;
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value as Record<string, unknown>))
      out[cleanLine(key)] = cleanDeep(item);
    return out as T;
  }
  return value;
}

/**
 * The sequences dockdrill itself writes: SGR (`ESC[...m`), Ink's cursor moves and erases
 * (`ESC[nA/B/C/D/G/H`, `ESC[2K`, `ESC[J`), cursor show/hide and synchronized output
 * (`ESC[?25h/l`, `ESC[?2026h/l`), the alternate screen (`ESC[?1049h/l`), and OSC 8
 * hyperlinks to http(s)/mailto URLs.
 */
const OWN_SEQUENCE =
  // eslint-disable-next-line no-control-regex
  /^(?:\u001b\[[0-9;]*[mABCDGHJK]|\u001b\[\?(?:25|2026|1049)[hl]|\u001b\]8;[^;\u0007\u001b]*;(?:(?:https?:\/\/|mailto:)[^\u0000-\u0020\u007f-\u009f]*)?(?:\u0007|\u001b\\))$/;

/**
 * The text with only dockdrill's own sequences left (see OWN_SEQUENCE), and no stray
 * controls or bidi overrides.
 */
export function guardTerminal(text: string): string {
  // eslint-disable-next-line no-control-regex
  if (!/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/.test(text))
    return text;
  const kept = text.replace(SEQUENCE, (sequence) => (OWN_SEQUENCE.test(sequence) ? sequence : ''));
  // Stray controls (not part of a sequence we kept); \r stays, Ink and progress lines use it.
  let out = '';
  let last = 0;
  for (const match of kept.matchAll(SEQUENCE)) {
    out += stripStray(kept.slice(last, match.index)) + match[0];
    last = match.index + match[0].length;
  }
  return out + stripStray(kept.slice(last));
}

// eslint-disable-next-line no-control-regex
const STRAY = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

function stripStray(text: string): string {
  return text.replace(STRAY, '');
}

function hasControlBytes(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if ((b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d) || b === 0x7f) return true;
    if (b === 0xc2 && (bytes[i + 1] ?? 0) >= 0x80 && (bytes[i + 1] ?? 0) <= 0x9f) return true;
  }
  return false;
}

/**
 * Puts guardTerminal in front of a stream's write (process.stdout and process.stderr in
 * the CLI), so Ink's frames and every headless line pass it.
 */
export function installTerminalGuard(stream: NodeJS.WriteStream): void {
  const write = stream.write.bind(stream) as (...args: unknown[]) => boolean;
  stream.write = ((chunk: unknown, ...rest: unknown[]) => {
    if (typeof chunk === 'string') return write(guardTerminal(chunk), ...rest);
    // Bytes are decoded only when they hold a control (decoding a chunk that splits a
    // multi-byte character would damage it): C0 but tab/LF/CR, DEL, or C1 (0xC2 0x80-0x9F).
    if (chunk instanceof Uint8Array && hasControlBytes(chunk))
      return write(guardTerminal(Buffer.from(chunk).toString('utf8')), ...rest);
    return write(chunk, ...rest);
  }) as typeof stream.write;
}
