/**
 * Checks the numbers given to `quiz`, `review` and `exam` before any screen opens, so a bad
 * value is a one-line message naming it (exit 2), never a strange paper.
 */
import type { FlagValues } from '../cli/args.js';

export type Checked<T> = { ok: true; value: T } | { ok: false; error: string };

interface NumberRule {
  readonly min: number;
  readonly max: number;
  readonly integer: boolean;
  /** What the value means, for the message: "a number of questions". */
  readonly what: string;
}

export const RULES = {
  count: { min: 1, max: 10_000, integer: true, what: 'a whole number of questions, 1 or more' },
  questions: { min: 1, max: 10_000, integer: true, what: 'a whole number of questions, 1 or more' },
  minutes: { min: 0.1, max: 24 * 60, integer: false, what: 'minutes between 0.1 and 1440' },
  pass: { min: 0, max: 100, integer: false, what: 'a percentage from 0 to 100' },
} as const satisfies Record<string, NumberRule>;

/** The flag's value when it is absent or valid; otherwise the message for it. */
export function checkNumberFlag(
  flags: FlagValues,
  name: keyof typeof RULES,
): Checked<number | undefined> {
  const value = flags[name];
  if (value === undefined) return { ok: true, value: undefined };
  const rule: NumberRule = RULES[name];
  const bad =
    typeof value !== 'number' ||
    !Number.isFinite(value) ||
    value < rule.min ||
    value > rule.max ||
    (rule.integer && !Number.isInteger(value));
  if (bad)
    return { ok: false, error: `--${name} ${String(value)} is not valid: give ${rule.what}` };
  return { ok: true, value };
}

/** `--seed` as a non-empty string (a number given to a string flag stays as typed). */
export function checkSeed(flags: FlagValues): Checked<string | undefined> {
  const seed = flags.seed;
  if (seed === undefined) return { ok: true, value: undefined };
  if (typeof seed !== 'string' || seed.trim() === '')
    return { ok: false, error: '--seed needs a non-empty value' };
  return { ok: true, value: seed };
}

export const NEEDS_TERMINAL =
  'is interactive and needs a terminal (stdin and stdout must be a TTY).\n' +
  'Headless: `dockdrill progress --json` shows results, `dockdrill lint` checks the banks.\n';
