/** Shared pieces of the quiz, review and exam screen tests: the fixture course and keys. */
import { resolve } from 'node:path';
import type { ContentRoot } from '../../src/content/paths.js';

/** Loaded as the course itself (pack ''), so ids are as written; packs: pack-collide tests. */
export const QUIZ_COURSE: ContentRoot = {
  dir: resolve(import.meta.dirname, '..', 'fixtures', 'quiz-course'),
  pack: '',
};

export const KEYS = {
  up: '\u001B[A',
  down: '\u001B[B',
  right: '\u001B[C',
  left: '\u001B[D',
  enter: '\r',
  escape: '\u001B',
} as const;

/** The number shown before the option whose text contains `text` (e.g. "2" for "2 --digests"). */
export function optionNumber(frame: string, text: string): string {
  for (const line of frame.split('\n')) {
    const match = /^\s*[❯ ]?\s*(?:\[[ x]\]|●)?\s*(\d)\s+(.*)$/.exec(line);
    if (match && match[2]?.includes(text)) return match[1] as string;
  }
  throw new Error(`no option containing "${text}" in:\n${frame}`);
}

/** A clock tests move by hand. */
export function manualClock(start = Date.parse('2025-03-01T10:00:00Z')) {
  let time = start;
  return {
    now: () => time,
    advance: (ms: number) => {
      time += ms;
    },
  };
}

/**
 * Writes a key and waits until the frame changes (and Ink has re-bound its input handler),
 * so a quick series of keys never lands on a stale handler on a busy machine.
 */
export async function press(
  stdin: { write: (data: string) => void },
  lastFrame: () => string | undefined,
  key: string,
  timeoutMs = 5000,
): Promise<string> {
  const before = lastFrame() ?? '';
  stdin.write(key);
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 15));
    const frame = lastFrame() ?? '';
    if (frame !== before) {
      await new Promise((r) => setTimeout(r, 40));
      return lastFrame() ?? '';
    }
  }
  throw new Error(`the frame did not change after ${JSON.stringify(key)}:\n${before}`);
}
