/**
 * Reads a content file (lesson, bank, lab) as text with escape sequences and control
 * characters removed, so nothing derived from it (titles, hints, messages, steps) can
 * drive the terminal. Every content reader goes through here.
 */
import { readFileSync } from 'node:fs';
import { cleanText } from '../terminal/sanitize.js';

export function readContentText(file: string): string {
  return cleanText(readFileSync(file, 'utf8'));
}
