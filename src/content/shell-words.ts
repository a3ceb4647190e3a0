/**
 * Splits a typed command into words the way a POSIX shell would (quotes, backslashes),
 * without ever running anything. Answers are compared word by word after this.
 */
export type ShellWords =
  { readonly ok: true; readonly words: string[] } | { readonly ok: false; readonly error: string };

/** Characters that would make the shell run more than one command or redirect output. */
const OPERATORS = new Set(['|', ';', '&', '<', '>']);

export function splitShellWords(text: string): ShellWords {
  const words: string[] = [];
  let current = '';
  let inWord = false;
  let quote: "'" | '"' | undefined;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (quote === "'") {
      if (ch === "'") quote = undefined;
      else current += ch;
      continue;
    }
    if (quote === '"') {
      if (ch === '"') quote = undefined;
      else if (ch === '\\' && i + 1 < text.length && '"\\$`\n'.includes(text[i + 1] as string)) {
        current += text[++i];
      } else current += ch;
      continue;
    }
    if (ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r') {
      if (inWord) words.push(current);
      current = '';
      inWord = false;
    } else if (ch === "'" || ch === '"') {
      quote = ch;
      inWord = true;
    } else if (ch === '\\') {
      const next = text[i + 1];
      i++;
      if (next === undefined || next === '\n') continue; // line continuation
      current += next;
      inWord = true;
    } else if (OPERATORS.has(ch)) {
      return { ok: false, error: `only one docker command is expected, without \`${ch}\`` };
    } else if (ch === '#' && !inWord) {
      break; // a shell comment
    } else {
      current += ch;
      inWord = true;
    }
  }
  if (quote)
    return { ok: false, error: `a ${quote === "'" ? 'single' : 'double'} quote is not closed` };
  if (inWord) words.push(current);
  return { ok: true, words };
}

/** Quotes a word for display only when it needs it. */
export function quoteWord(word: string): string {
  if (word !== '' && /^[\w@%+=:,./{}-]+$/.test(word)) return word;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}
