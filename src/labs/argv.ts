/**
 * Docker lines of labs: split into words (never run through a shell: no variables, globs,
 * pipes or command substitution), checked against the step policy, and shown back.
 */
import { z } from 'zod';
import { quoteWord, splitShellWords } from '../content/shell-words.js';
import { cleanLine } from '../terminal/sanitize.js';
import { stepPolicyProblem } from './step-policy.js';

export class ArgvError extends Error {
  override readonly name = 'ArgvError';
}

/**
 * Splits a solution line into words the way a POSIX shell would (quotes, backslashes),
 * without running a shell: the one splitter quiz answers use too, so a pipe, `;`, `&&` or a
 * redirection is refused the same everywhere, even inside a word (`ps;ls`, `hi>out.txt`).
 */
export function splitArgv(line: string): string[] {
  const split = splitShellWords(line);
  if (!split.ok) throw new ArgvError(`${split.error}: solutions run docker without a shell`);
  return split.words;
}

/** Splits a solution command and checks it is a plain `docker ...` call; returns argv without `docker`. */
export function parseDockerLine(line: string): string[] {
  const words = splitArgv(line);
  if (words[0] !== 'docker')
    throw new ArgvError(`only docker commands can run, not "${words[0] ?? ''}"`);
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
  return ['docker', ...argv].map((word) => quoteWord(cleanLine(word))).join(' ');
}

/**
 * A docker step written in YAML (lab `setup`, Verify `steps`): a list of words after
 * `docker`, checked against the step policy. YAML reads `true` and `600` as a boolean and a
 * number; in an argv they mean the words.
 */
export const stepArgvSchema = z
  .array(z.union([z.string(), z.number(), z.boolean()]).transform(String), {
    message: 'each step is a docker argv list, e.g. [run, --rm, busybox:1.36, true]',
  })
  .min(1, 'a step needs at least its subcommand')
  .superRefine((words, ctx) => {
    const why =
      words[0] === 'docker'
        ? 'leave out the leading "docker": a step is the argv after it'
        : stepPolicyProblem(words);
    if (why) ctx.addIssue({ code: 'custom', message: why });
  });
