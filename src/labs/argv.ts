/**
 * Splits a solution line the way a POSIX shell would split words (quotes, backslashes),
 * without running a shell: no variables, globs, pipes or command substitution.
 */
import { cleanLine } from '../terminal/sanitize.js';
import { stepPolicyProblem } from './step-policy.js';

export class ArgvError extends Error {
  override readonly name = 'ArgvError';
}

const SHELL_OPERATORS = new Set(['|', '||', '&&', ';', '>', '>>', '<', '&', '2>', '2>&1']);

export function splitArgv(line: string): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let quote: '"' | "'" | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quote === "'") {
      if (c === "'") quote = undefined;
      else word += c;
      continue;
    }
    if (quote === '"') {
      if (c === '"') quote = undefined;
      else if (c === '\\' && i + 1 < line.length && '"\\$`\n'.includes(line[i + 1]!))
        word += line[++i];
      else word += c;
      continue;
    }
    if (c === "'" || c === '"') {
      quote = c;
      inWord = true;
      continue;
    }
    if (c === '\\') {
      if (i + 1 < line.length) word += line[++i];
      inWord = true;
      continue;
    }
    if (c === '#' && !inWord) break; // a comment
    if (/\s/.test(c)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
      continue;
    }
    word += c;
    inWord = true;
  }
  if (quote) throw new ArgvError(`unclosed ${quote} quote`);
  if (inWord) words.push(word);
  return words;
}

/** Splits a solution command and checks it is a plain `docker ...` call; returns argv without `docker`. */
export function parseDockerLine(line: string): string[] {
  const words = splitArgv(line);
  if (words[0] !== 'docker')
    throw new ArgvError(`only docker commands can run, not "${words[0] ?? ''}"`);
  const operator = words.find((w) => SHELL_OPERATORS.has(w));
  if (operator)
    throw new ArgvError(`"${operator}" needs a shell; solutions run docker without one`);
  if (words.length < 2) throw new ArgvError('"docker" needs a subcommand');
  const refused = stepPolicyProblem(words.slice(1));
  if (refused) throw new ArgvError(refused);
  return words.slice(1);
}

/** Joins a solution's lines that end with a backslash, keeping the first line number. */
export function joinContinuations(
  lines: readonly { text: string; line: number }[],
): { text: string; line: number }[] {
  const out: { text: string; line: number }[] = [];
  let pending: { text: string; line: number } | undefined;
  for (const entry of lines) {
    const text = pending ? `${pending.text} ${entry.text.trim()}` : entry.text;
    const start = pending?.line ?? entry.line;
    if (/\\\s*$/.test(text)) pending = { text: text.replace(/\\\s*$/, ''), line: start };
    else {
      pending = undefined;
      out.push({ text, line: start });
    }
  }
  if (pending) out.push(pending);
  return out;
}

/**
 * A docker argv as one shell-quoted line, escape-free: exactly the words that will run,
 * for the journal, messages and the approval screen (the inverse of splitArgv).
 */
export function dockerLine(argv: readonly string[]): string {
  return ['docker', ...argv]
    .map((word) => {
      const clean = cleanLine(word);
      return /^[\w@%+=:,./-]+$/.test(clean) ? clean : `'${clean.replace(/'/g, `'\\''`)}'`;
    })
    .join(' ');
}
