/**
 * A small argv parser: a command word (or two, like `lab selftest`), positionals, and
 * typed flags declared per command. Unknown commands and flags are usage errors (exit 2)
 * whose message names the bad value.
 */
export type FlagType = 'boolean' | 'string' | 'number';

export interface FlagSpec {
  readonly type: FlagType;
  /** One-letter alias, without the dash. */
  readonly short?: string;
  readonly description: string;
  /** Shown in --help, e.g. "N" for `--count N`. */
  readonly valueName?: string;
}

export type FlagSpecs = Readonly<Record<string, FlagSpec>>;

export type FlagValues = Record<string, string | number | boolean | undefined>;

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export interface ParsedArgs {
  readonly positionals: string[];
  readonly flags: FlagValues;
}

/** Flags every command accepts. */
export const GLOBAL_FLAGS: FlagSpecs = {
  help: { type: 'boolean', short: 'h', description: 'show help' },
  version: { type: 'boolean', short: 'v', description: 'print the version' },
  content: {
    type: 'string',
    valueName: 'DIR',
    description: 'load a course pack from DIR (or DOCKDRILL_CONTENT)',
  },
  profile: {
    type: 'string',
    valueName: 'NAME',
    description: 'keep progress under a separate profile',
  },
};

export function parseFlags(argv: readonly string[], specs: FlagSpecs, context: string): ParsedArgs {
  const all: FlagSpecs = { ...GLOBAL_FLAGS, ...specs };
  const byShort = new Map(
    Object.entries(all).flatMap(([name, spec]) =>
      spec.short ? [[spec.short, name] as const] : [],
    ),
  );
  const positionals: string[] = [];
  const flags: FlagValues = {};

  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith('-') || arg === '-') {
      positionals.push(arg);
      continue;
    }
    let name: string;
    let inline: string | undefined;
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      name = eq === -1 ? arg.slice(2) : arg.slice(2, eq);
      inline = eq === -1 ? undefined : arg.slice(eq + 1);
      if (
        name.startsWith('no-') &&
        all[name.slice(3)]?.type === 'boolean' &&
        inline === undefined
      ) {
        flags[name.slice(3)] = false;
        continue;
      }
    } else {
      const letter = arg.slice(1, 2);
      const mapped = byShort.get(letter);
      if (!mapped || arg.length > 2) throw new UsageError(`unknown option "${arg}" for ${context}`);
      name = mapped;
    }
    const spec = all[name];
    if (!spec) throw new UsageError(`unknown option "--${name}" for ${context}`);
    if (spec.type === 'boolean') {
      if (inline !== undefined && !['true', 'false'].includes(inline)) {
        throw new UsageError(`option "--${name}" takes no value (got "${inline}")`);
      }
      flags[name] = inline === undefined ? true : inline === 'true';
      continue;
    }
    const value = inline ?? argv[++i];
    if (value === undefined || (inline === undefined && value.startsWith('--'))) {
      throw new UsageError(
        `option "--${name}" needs a value${spec.valueName ? ` (${spec.valueName})` : ''}`,
      );
    }
    if (spec.type === 'number') {
      const number = Number(value);
      if (!Number.isFinite(number))
        throw new UsageError(`option "--${name}" needs a number, got "${value}"`);
      flags[name] = number;
    } else {
      flags[name] = value;
    }
  }
  return { positionals, flags };
}
