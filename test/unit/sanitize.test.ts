/* eslint-disable no-control-regex -- these tests are about control characters */
/**
 * The sanitizer (src/terminal/sanitize.ts): every escape sequence and control character
 * out of untrusted text; only dockdrill's own sequences through the terminal guard.
 */
import { describe, expect, it } from 'vitest';
import {
  cleanDeep,
  cleanLine,
  cleanText,
  cleanUrl,
  guardTerminal,
  installTerminalGuard,
} from '../../src/terminal/sanitize.js';

const ESC = '\u001b';
const BEL = '\u0007';

/** Hostile sequences, one per way a terminal can be driven. */
export const HOSTILE = [
  `${ESC}]52;c;ZWNobyBwd25lZA==${BEL}`, // clipboard write (OSC 52)
  `${ESC}]0;owned title${BEL}`, // window title
  `${ESC}]2;title${ESC}\\`, // title, ST-terminated
  `${ESC}[2J${ESC}[3J${ESC}[H`, // clear screen
  `${ESC}[6n`, // device status report: the terminal types into stdin
  `${ESC}[21t`, // report the window title
  `${ESC}[?1000h`, // mouse reporting
  `${ESC}P+q544e${ESC}\\`, // DCS request
  `${ESC}_apc${ESC}\\`, // APC
  `\u009b31m`, // 8-bit CSI
  `\u009d0;c1 title\u009c`, // 8-bit OSC
  `\u0085\u008d`, // C1 controls
  `${ESC}c`, // full reset (RIS)
  `\u0007\u0008\u000b\u000c\u007f`, // bell, backspace, VT, FF, DEL
  `\u202e\u2066`, // bidi override and isolate
  `${ESC}]8;;javascript:alert(1)${BEL}link${ESC}]8;;${BEL}`, // a hostile OSC 8 link
  `${ESC}[31m`, // plain colour (still not content's to set)
];

describe('cleanText', () => {
  it.each(HOSTILE.map((s) => [JSON.stringify(s), s]))('removes %s', (_name, hostile) => {
    const cleaned = cleanText(`before ${hostile} after`);
    expect(cleaned).not.toMatch(
      /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/,
    );
    expect(cleaned.startsWith('before ')).toBe(true);
    expect(cleaned.endsWith(' after')).toBe(true);
  });

  it('keeps newlines, tabs and ordinary text (accents, CJK, emoji), turns CRLF into LF', () => {
    expect(cleanText('a\tb\nc\r\nd — é 日本 🐳')).toBe('a\tb\nc\nd — é 日本 🐳');
    expect(cleanLine('one\ntwo')).toBe('one two');
  });

  it('an unterminated sequence takes the rest of the text with it', () => {
    expect(cleanText(`ok ${ESC}]52;c;AAAA never ends`)).toBe('ok ');
  });
});

describe('cleanUrl', () => {
  it('passes clean http(s) and mailto URLs', () => {
    expect(cleanUrl('https://docs.docker.com/engine/')).toBe('https://docs.docker.com/engine/');
    expect(cleanUrl('mailto:a@b.c')).toBe('mailto:a@b.c');
  });
  it.each([
    `https://x.y/${ESC}]52;c;QQ==${BEL}`,
    'javascript:alert(1)',
    'file:///etc/passwd',
    'https://x.y/a b',
    'https://x.y/\u009d',
  ])('refuses %j', (url) => expect(cleanUrl(url)).toBeUndefined());
});

describe('cleanDeep', () => {
  it('cleans every string of a parsed JSON value, keys included', () => {
    expect(
      cleanDeep({ [`na${ESC}[2Jme`]: [`a${ESC}]0;t${BEL}b`, 3, null, { c: `\u009b1m` }] }),
    ).toEqual({ name: ['ab', 3, null, { c: '' }] });
  });
});

describe('guardTerminal', () => {
  it("keeps dockdrill's own sequences: SGR, Ink's cursor and erase, cursor show/hide, OSC 8 links", () => {
    const own = [
      `${ESC}[1;32mgreen${ESC}[0m`,
      `${ESC}[2K${ESC}[1A${ESC}[2K${ESC}[G`,
      `${ESC}[?25l`,
      `${ESC}[?25h`,
      `${ESC}[?2026h${ESC}[?2026l`,
      `${ESC}]8;;https://docs.docker.com/${BEL}docs${ESC}]8;;${BEL}`,
      'line\r\nnext\ttab',
    ].join('');
    expect(guardTerminal(own)).toBe(own);
  });

  it.each(
    HOSTILE.filter((s) => s !== `${ESC}[31m` && s !== `${ESC}[2J${ESC}[3J${ESC}[H`).map((s) => [
      JSON.stringify(s),
      s,
    ]),
  )('drops %s', (_name, hostile) => {
    const out = guardTerminal(`a${hostile}b`);
    expect(out.startsWith('a')).toBe(true);
    // An OSC 8 link's closing sequence (no URL) may stay: it opens nothing.
    const foreign = out.replaceAll(`${ESC}]8;;${BEL}`, '');
    expect(foreign).not.toMatch(
      /\u001b\]|\u001b\[[0-9;]*[nt]|\u001b\[\?1000|\u001b[P_c]|[\u0080-\u009f\u0007\u0008\u000b\u000c\u007f]/,
    );
  });
});

describe('installTerminalGuard', () => {
  it('guards strings and byte chunks written to the stream, passing plain bytes untouched', () => {
    const written: unknown[] = [];
    const stream = {
      write: (chunk: unknown) => {
        written.push(chunk);
        return true;
      },
    } as unknown as NodeJS.WriteStream;
    installTerminalGuard(stream);
    stream.write(`a${ESC}]52;c;QQ==${BEL}b`);
    stream.write(Buffer.from(`c${ESC}]0;t${BEL}d`));
    const plain = Buffer.from('é 日本\n');
    stream.write(plain);
    expect(written[0]).toBe('ab');
    expect(written[1]).toBe('cd');
    expect(written[2]).toBe(plain);
  });
});
