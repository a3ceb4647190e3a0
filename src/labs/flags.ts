/**
 * Reading docker's command-line flags without running docker: the one scanner the step
 * policy and the journal (what a step creates) share.
 */
export interface Flag {
  readonly name: string;
  readonly value?: string;
}

export interface Scanned {
  readonly flags: readonly Flag[];
  readonly positionals: readonly string[];
}

export interface ScanOptions {
  /** Whether a flag is a switch (takes no value). */
  readonly isBoolean: (flag: string) => boolean;
  /** run, create, exec: the words after the first positional are the container's command. */
  readonly stopAtPositional: boolean;
  /**
   * false (the step policy): a word that starts with `-` is always read as a flag, even
   * where docker would take it as the previous flag's value; that can refuse a harmless
   * step, never let a flag through unseen. true (naming what a step creates): docker's own
   * reading, where a flag that takes a value takes the next word whatever it is.
   */
  readonly dashValues: boolean;
}

/**
 * Splits a docker subcommand's words into flags and positionals the way docker's flag
 * parser (pflag) does: `--flag=value`, `--flag value`, combined switches (`-dit`) and
 * short flags with an attached value (`-v./a:/b`, `-p=80`).
 */
export function scanFlags(args: readonly string[], options: ScanOptions): Scanned {
  const { isBoolean, stopAtPositional, dashValues } = options;
  const flags: Flag[] = [];
  const positionals: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const word = args[i]!;
    if (word === '--') {
      positionals.push(...args.slice(i + 1));
      break;
    }
    if (!word.startsWith('-') || word === '-') {
      positionals.push(word);
      if (stopAtPositional) {
        positionals.push(...args.slice(i + 1));
        break;
      }
      continue;
    }
    const next = args[i + 1];
    const takeNext = (): string | undefined => {
      if (next === undefined || (!dashValues && next.startsWith('-'))) return undefined;
      i++;
      return next;
    };
    if (word.startsWith('--')) {
      const eq = word.indexOf('=');
      if (eq !== -1) flags.push({ name: word.slice(0, eq), value: word.slice(eq + 1) });
      else if (isBoolean(word)) flags.push({ name: word });
      else {
        const value = takeNext();
        flags.push(value === undefined ? { name: word } : { name: word, value });
      }
      continue;
    }
    // Short flags, possibly combined or with an attached value.
    for (let c = 1; c < word.length; c++) {
      const name = `-${word[c]}`;
      if (isBoolean(name)) {
        flags.push({ name });
        continue;
      }
      let rest = word.slice(c + 1);
      if (rest.startsWith('=')) rest = rest.slice(1);
      if (rest) flags.push({ name, value: rest });
      else {
        const value = takeNext();
        flags.push(value === undefined ? { name } : { name, value });
      }
      break;
    }
  }
  return { flags, positionals };
}
