/**
 * Compares a typed docker command with the accepted answers of a `command` question. The
 * answer is parsed (never run): shell quoting, command aliases, flag order, `--flag=value` vs
 * `--flag value`, short vs long flags, combined short flags and `--flag=true` all count as the
 * same command. When it is nearly right, the message says exactly what differs.
 */
import {
  GLOBAL_FLAGS,
  MANAGEMENT_GROUPS,
  canonicalCommand,
  commandSpec,
  sameCommand,
  unknownCommandSpec,
  type CommandSpec,
  type FlagSpec,
} from './docker-commands.js';
import { quoteWord, splitShellWords } from '../content/shell-words.js';

export interface FlagUse {
  /** Canonical key: the long name (`tail`), or the flag as typed when dockdrill does not know it. */
  readonly key: string;
  /** As typed, for messages (`-n`, `--tail`). */
  readonly display: string;
  /** `true` for a boolean flag. */
  readonly value: string;
  readonly boolean: boolean;
}

export interface ParsedCommand {
  /** Canonical command (`image ls`). */
  readonly command: string;
  /** What was typed for the command (`images`), for messages. */
  readonly typed: string;
  readonly flags: readonly FlagUse[];
  readonly args: readonly string[];
}

export type ParseResult =
  | { readonly ok: true; readonly parsed: ParsedCommand }
  | { readonly ok: false; readonly error: string };

export type MatchKind = 'exact' | 'close' | 'wrong';

export interface MatchResult {
  readonly match: MatchKind;
  readonly message: string;
  /** The accepted answer this was compared with (the closest one). */
  readonly against?: string;
}

/** More differences than this and the answer is `wrong`, not `close`. */
const CLOSE_LIMIT = 2;

export function parseDockerCommand(text: string): ParseResult {
  const split = splitShellWords(text.trim());
  if (!split.ok) return split;
  const words = [...split.words];
  // Forgive a copied prompt or sudo: they do not change which docker command it is.
  while (words[0] === '$' || words[0] === 'sudo') words.shift();
  if (words.length === 0) return { ok: false, error: 'no command given' };
  if (words[0] !== 'docker') return { ok: false, error: 'the answer should be a `docker` command' };
  let i = 1;
  // docker's own flags (`-H`, `--context`) come before the command; they are not part of the answer.
  while (i < words.length && (words[i] as string).startsWith('-')) {
    const word = words[i] as string;
    const name = word.replace(/^--?/, '').split('=')[0] as string;
    const spec = word.startsWith('--') ? GLOBAL_FLAGS.long.get(name) : GLOBAL_FLAGS.short.get(name);
    i +=
      spec?.takesValue && !word.includes('=') && !(word.length > 2 && !word.startsWith('--'))
        ? 2
        : 1;
  }
  const first = words[i];
  if (first === undefined) return { ok: false, error: 'the command after `docker` is missing' };
  let typed = first;
  const second = words[i + 1];
  if (MANAGEMENT_GROUPS.has(first) && second !== undefined && !second.startsWith('-')) {
    typed = `${first} ${second}`;
    i += 2;
  } else i += 1;
  const command = canonicalCommand(typed) ?? typed;
  const spec = commandSpec(command) ?? unknownCommandSpec(command);
  const parsed = parseArgs(words.slice(i), spec);
  if (!parsed.ok) return parsed;
  return { ok: true, parsed: { command, typed, ...parsed.value } };
}

function parseArgs(
  words: readonly string[],
  spec: CommandSpec,
): { ok: true; value: { flags: FlagUse[]; args: string[] } } | { ok: false; error: string } {
  const flagUses: FlagUse[] = [];
  const args: string[] = [];
  let flagsDone = false;
  for (let i = 0; i < words.length; i++) {
    const word = words[i] as string;
    if (flagsDone || word === '-' || !word.startsWith('-')) {
      args.push(word);
      if (spec.stopAfterPositionals > 0 && args.length >= spec.stopAfterPositionals)
        flagsDone = true;
      continue;
    }
    if (word === '--') {
      flagsDone = true;
      continue;
    }
    if (word.startsWith('--')) {
      const eq = word.indexOf('=');
      const name = eq === -1 ? word.slice(2) : word.slice(2, eq);
      const inline = eq === -1 ? undefined : word.slice(eq + 1);
      const flag = spec.long.get(name);
      const display = `--${name}`;
      if (flag?.takesValue) {
        const value = inline ?? words[++i];
        if (value === undefined) return { ok: false, error: `\`${display}\` needs a value` };
        flagUses.push(use(flag, display, value));
      } else {
        const use = booleanUse(flag?.name ?? name, display, inline);
        if (use === 'bad')
          return {
            ok: false,
            error: `\`${display}\` is a switch: use it alone or with =true/=false`,
          };
        if (use) flagUses.push(use);
      }
      continue;
    }
    // A cluster of short flags: `-it`, `-p80:80`, `-itp 80:80`. The first letter that takes a
    // value swallows the rest of the word, or else the next word.
    for (let j = 1; j < word.length; j++) {
      const letter = word[j] as string;
      const flag = spec.short.get(letter);
      const display = `-${letter}`;
      if (flag?.takesValue) {
        const rest = word.slice(j + 1).replace(/^=/, '');
        const value = rest !== '' ? rest : words[++i];
        if (value === undefined) return { ok: false, error: `\`${display}\` needs a value` };
        flagUses.push(use(flag, display, value));
        break;
      }
      if (word[j + 1] === '=') {
        const result = booleanUse(flag?.name ?? display, display, word.slice(j + 2));
        if (result === 'bad')
          return {
            ok: false,
            error: `\`${display}\` is a switch: use it alone or with =true/=false`,
          };
        if (result) flagUses.push(result);
        break;
      }
      flagUses.push({ key: flag?.name ?? display, display, value: 'true', boolean: true });
    }
  }
  return { ok: true, value: { flags: flagUses, args } };
}

function use(flag: FlagSpec, display: string, value: string): FlagUse {
  return { key: flag.name, display, value: normaliseValue(flag.name, value), boolean: false };
}

/** `--rm`, `--rm=true` and `--rm=1` are the same; `--rm=false` is the same as leaving it out. */
/** Switches that are on unless turned off (`commit --pause`, `attach --sig-proxy`). */
const DEFAULT_ON = new Set(['pause', 'sig-proxy']);

function booleanUse(
  key: string,
  display: string,
  inline: string | undefined,
): FlagUse | undefined | 'bad' {
  const on = inline === undefined || inline === 'true' || inline === '1';
  const off = inline === 'false' || inline === '0';
  if (!on && !off) return 'bad';
  // Writing a switch at its default changes nothing, so it matches leaving it out.
  if (on === DEFAULT_ON.has(key)) return undefined;
  return { key, display, value: on ? 'true' : 'false', boolean: true };
}

function normaliseValue(key: string, value: string): string {
  // Go templates: `{{ .ID }}` and `{{.ID}}` print the same.
  if (key === 'format') return value.replace(/\{\{\s+/g, '{{').replace(/\s+\}\}/g, '}}');
  // A published port is TCP unless it says otherwise.
  if (key === 'publish') return value.replace(/\/tcp$/, '');
  // `--mount type=bind,source=a,target=b`: the order of the keys means nothing, and
  // `src`/`dst`/`destination` are aliases Docker accepts.
  if (key === 'mount') return normaliseMount(value);
  return value;
}

const MOUNT_KEY_ALIASES: Record<string, string> = {
  src: 'source',
  dst: 'target',
  destination: 'target',
};

function normaliseMount(value: string): string {
  return value
    .split(',')
    .map((part) => {
      const eq = part.indexOf('=');
      const key = eq === -1 ? part : part.slice(0, eq);
      return (MOUNT_KEY_ALIASES[key] ?? key) + (eq === -1 ? '' : part.slice(eq));
    })
    .sort()
    .join(',');
}

type Difference =
  | { kind: 'missing-flag'; flag: FlagUse }
  | { kind: 'extra-flag'; flag: FlagUse }
  | { kind: 'flag-value'; expected: FlagUse; actual: FlagUse }
  | { kind: 'missing-arg'; value: string }
  | { kind: 'extra-arg'; value: string }
  | { kind: 'arg-value'; index: number; expected: string; actual: string };

/** What must change in `actual` to make it `expected`; empty when they are the same command. */
export function commandDifferences(expected: ParsedCommand, actual: ParsedCommand): Difference[] {
  return [
    ...flagDifferences(expected.flags, actual.flags),
    ...argDifferences(expected.args, actual.args),
  ];
}

function flagDifferences(expected: readonly FlagUse[], actual: readonly FlagUse[]): Difference[] {
  const out: Difference[] = [];
  const keys = [...new Set([...expected.map((f) => f.key), ...actual.map((f) => f.key)])];
  for (const key of keys) {
    // Repeated flags (several -e) are a multiset: order does not matter, count does.
    const want = expected.filter((f) => f.key === key);
    const got = actual.filter((f) => f.key === key);
    const unmatchedGot = [...got];
    const missing: FlagUse[] = [];
    for (const flag of want) {
      const at = unmatchedGot.findIndex((g) => g.value === flag.value);
      if (at === -1) missing.push(flag);
      else unmatchedGot.splice(at, 1);
    }
    // Pair a missing value with an extra one as "should be X, not Y".
    while (missing.length > 0 && unmatchedGot.length > 0 && !(missing[0] as FlagUse).boolean) {
      out.push({
        kind: 'flag-value',
        expected: missing.shift() as FlagUse,
        actual: unmatchedGot.shift() as FlagUse,
      });
    }
    for (const flag of missing) out.push({ kind: 'missing-flag', flag });
    for (const flag of unmatchedGot) out.push({ kind: 'extra-flag', flag });
  }
  return out;
}

function argDifferences(expected: readonly string[], actual: readonly string[]): Difference[] {
  if (expected.length === actual.length) {
    return expected.flatMap((value, index): Difference[] =>
      value === actual[index]
        ? []
        : [{ kind: 'arg-value', index, expected: value, actual: actual[index] as string }],
    );
  }
  // Different counts: keep the longest common subsequence, report the rest.
  const keep = lcsMask(expected, actual);
  return [
    ...expected
      .filter((_, i) => !keep.expected[i])
      .map((value): Difference => ({ kind: 'missing-arg', value })),
    ...actual
      .filter((_, i) => !keep.actual[i])
      .map((value): Difference => ({ kind: 'extra-arg', value })),
  ];
}

function lcsMask(
  a: readonly string[],
  b: readonly string[],
): { expected: boolean[]; actual: boolean[] } {
  const table = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      const row = table[i] as number[];
      row[j] =
        a[i] === b[j]
          ? (table[i + 1] as number[])[j + 1]! + 1
          : Math.max((table[i + 1] as number[])[j]!, row[j + 1]!);
    }
  }
  const expected = new Array<boolean>(a.length).fill(false);
  const actual = new Array<boolean>(b.length).fill(false);
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      expected[i++] = true;
      actual[j++] = true;
    } else if ((table[i + 1] as number[])[j]! >= (table[i] as number[])[j + 1]!) i++;
    else j++;
  }
  return { expected, actual };
}

function showFlag(flag: FlagUse): string {
  return flag.boolean ? flag.display : `${flag.display} ${quoteWord(flag.value)}`;
}

export function describeDifference(d: Difference): string {
  switch (d.kind) {
    case 'missing-flag':
      return `you are missing \`${showFlag(d.flag)}\``;
    case 'extra-flag':
      return `unexpected flag \`${showFlag(d.flag)}\``;
    case 'flag-value':
      return `\`${d.expected.display}\` should be ${quoteWord(d.expected.value)}, not ${quoteWord(d.actual.value)}`;
    case 'missing-arg':
      return `you are missing the argument \`${quoteWord(d.value)}\``;
    case 'extra-arg':
      return `unexpected argument \`${quoteWord(d.value)}\``;
    case 'arg-value':
      return `argument ${d.index + 1} should be \`${quoteWord(d.expected)}\`, not \`${quoteWord(d.actual)}\``;
  }
}

interface Candidate {
  readonly result: MatchResult;
  readonly rank: number;
}

/**
 * Matches an answer against every accepted entry and reports the best: exact beats close
 * beats wrong, and among close ones the fewest differences wins.
 */
export function matchCommand(answer: string, accepted: readonly string[]): MatchResult {
  const typed = parseDockerCommand(answer);
  if (!typed.ok) return { match: 'wrong', message: `wrong: ${typed.error}` };
  let best: Candidate | undefined;
  for (const entry of accepted) {
    const candidate = compareWith(typed.parsed, entry);
    if (candidate && (!best || candidate.rank < best.rank)) best = candidate;
    if (best?.result.match === 'exact') break;
  }
  return (
    best?.result ?? {
      match: 'wrong',
      message: 'wrong: this question has no accepted answer to compare with',
    }
  );
}

function compareWith(actual: ParsedCommand, entry: string): Candidate | undefined {
  const parsedEntry = parseDockerCommand(entry);
  if (!parsedEntry.ok) return undefined; // lint reports broken Accept entries
  const expected = parsedEntry.parsed;
  if (!sameCommand(expected.command, actual.command)) {
    return {
      rank: 1000,
      result: {
        match: 'wrong',
        message: `wrong: \`docker ${actual.typed}\` is not the command this asks for`,
        against: entry,
      },
    };
  }
  const differences = commandDifferences(expected, actual);
  if (differences.length === 0) {
    return {
      rank: 0,
      result: { match: 'exact', message: 'exact: that is the command', against: entry },
    };
  }
  const described = differences.map(describeDifference).join('; ');
  if (differences.length <= CLOSE_LIMIT) {
    return {
      rank: differences.length,
      result: { match: 'close', message: `close: ${described}`, against: entry },
    };
  }
  return {
    rank: 100 + differences.length,
    result: {
      match: 'wrong',
      message: `wrong: the right command, but too much differs: ${described}`,
      against: entry,
    },
  };
}

/** For lint: why an Accept entry cannot be used (error) or may match poorly (warning). */
export function acceptEntryProblem(
  entry: string,
): { severity: 'error' | 'warning'; message: string } | undefined {
  const parsed = parseDockerCommand(entry);
  if (!parsed.ok) return { severity: 'error', message: parsed.error };
  if (!commandSpec(parsed.parsed.command)) {
    return {
      severity: 'warning',
      message: `dockdrill has no flag table for \`docker ${parsed.parsed.typed}\`, so its flags are compared as written`,
    };
  }
  return undefined;
}
