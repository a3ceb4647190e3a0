/**
 * Small, line-based syntax colouring for the languages lessons use: dockerfile,
 * sh/bash/shell, console (a `$ ` command prompt versus output), yaml and json. It only
 * needs to make examples easier to read, so it is a set of regular expressions, not a
 * parser; unknown languages come back unstyled.
 */
import type { Segment, SegmentStyle } from './types.js';

export const CODE_STYLES = {
  comment: { color: 'gray', italic: true },
  string: { color: 'green' },
  number: { color: 'yellow' },
  constant: { color: 'magenta' },
  keyword: { color: 'magenta' },
  instruction: { color: 'blue', bold: true },
  variable: { color: 'yellow' },
  flag: { color: 'cyan' },
  key: { color: 'cyan' },
  command: { color: 'blue' },
  punctuation: { dim: true },
  prompt: { color: 'green', bold: true },
  /** Added to every part of a console command line, so commands stand out from output. */
  commandLine: { bold: true },
} as const satisfies Record<string, SegmentStyle>;

interface Rule {
  /** Sticky (`y`) expression tried at the current position. */
  readonly re: RegExp;
  readonly style: SegmentStyle;
  /** Only try the rule at the start of a line or after whitespace / an operator. */
  readonly atWordStart?: boolean;
}

const WORD_START = /[\s|&;(=]/;

function scan(
  line: string,
  rules: readonly Rule[],
  base?: SegmentStyle,
  wordStart: RegExp = WORD_START,
): Segment[] {
  const out: Segment[] = [];
  let plain = '';
  const flush = (): void => {
    if (plain) out.push(base ? { text: plain, style: base } : { text: plain });
    plain = '';
  };
  let pos = 0;
  outer: while (pos < line.length) {
    const atWordStart = pos === 0 || wordStart.test(line[pos - 1] ?? '');
    for (const rule of rules) {
      if (rule.atWordStart && !atWordStart) continue;
      rule.re.lastIndex = pos;
      const match = rule.re.exec(line);
      if (match && match[0].length > 0) {
        flush();
        out.push({ text: match[0], style: base ? { ...rule.style, ...base } : rule.style });
        pos += match[0].length;
        continue outer;
      }
    }
    plain += line[pos];
    pos++;
  }
  flush();
  return out;
}

const SH_KEYWORDS =
  /(?:if|then|else|elif|fi|for|while|until|do|done|case|esac|in|function|return|export|local|set|exit)(?![\w-])/y;

const SHELL_RULES: readonly Rule[] = [
  { re: /#.*/y, style: CODE_STYLES.comment, atWordStart: true },
  { re: /"(?:\\.|[^"\\])*"?/y, style: CODE_STYLES.string },
  { re: /'[^']*'?/y, style: CODE_STYLES.string },
  { re: /\$\{[^}]*\}?|\$[A-Za-z_]\w*|\$[0-9@#?$!*-]/y, style: CODE_STYLES.variable },
  { re: /--?[A-Za-z0-9][\w-]*/y, style: CODE_STYLES.flag, atWordStart: true },
  { re: SH_KEYWORDS, style: CODE_STYLES.keyword, atWordStart: true },
  { re: /\d+(?:\.\d+)?(?![\w.:/-])/y, style: CODE_STYLES.number, atWordStart: true },
];

/** Colours a shell command line: the first word of each command is the command. */
function shellLine(line: string, base?: SegmentStyle): Segment[] {
  const segments = scan(line, SHELL_RULES, base);
  // Colour the command word: the first plain word, and the first after | && || ;
  const out: Segment[] = [];
  let expectCommand = true;
  for (const segment of segments) {
    if (segment.style && segment.style !== base) {
      out.push(segment);
      if (segment.style.color !== CODE_STYLES.variable.color) expectCommand = false;
      continue;
    }
    const parts = segment.text.split(/(\s+|&&|\|\||[|;])/);
    for (const part of parts) {
      if (part === '') continue;
      if (/^(?:&&|\|\||[|;])$/.test(part)) {
        out.push({
          text: part,
          style: base ? { ...CODE_STYLES.punctuation, ...base } : CODE_STYLES.punctuation,
        });
        expectCommand = true;
      } else if (/^\s+$/.test(part) || !expectCommand || part.includes('=')) {
        out.push(base ? { text: part, style: base } : { text: part });
      } else {
        out.push({
          text: part,
          style: base ? { ...CODE_STYLES.command, ...base } : CODE_STYLES.command,
        });
        expectCommand = false;
      }
    }
  }
  return out;
}

const DOCKERFILE_INSTRUCTIONS = new Set([
  'FROM',
  'RUN',
  'CMD',
  'LABEL',
  'MAINTAINER',
  'EXPOSE',
  'ENV',
  'ADD',
  'COPY',
  'ENTRYPOINT',
  'VOLUME',
  'USER',
  'WORKDIR',
  'ARG',
  'ONBUILD',
  'STOPSIGNAL',
  'HEALTHCHECK',
  'SHELL',
  'AS',
]);

const DOCKERFILE_REST_RULES: readonly Rule[] = [
  { re: /"(?:\\.|[^"\\])*"?/y, style: CODE_STYLES.string },
  { re: /'[^']*'?/y, style: CODE_STYLES.string },
  { re: /\$\{[^}]*\}?|\$[A-Za-z_]\w*/y, style: CODE_STYLES.variable },
  { re: /--[A-Za-z][\w-]*/y, style: CODE_STYLES.flag, atWordStart: true },
  { re: /\b(?:AS|as)\b(?=\s)/y, style: CODE_STYLES.instruction, atWordStart: true },
];

interface LineState {
  /** The previous line ended with a backslash: this one continues it. */
  continued: boolean;
}

function endsWithBackslash(line: string): boolean {
  return /\\\s*$/.test(line);
}

function dockerfileLine(line: string, state: LineState): Segment[] {
  const continued = state.continued;
  state.continued = endsWithBackslash(line) && !/^\s*#/.test(line);
  if (!continued) {
    if (/^\s*#/.test(line)) return [{ text: line, style: CODE_STYLES.comment }];
    const match = /^(\s*)([A-Za-z]+)(?=\s|$)/.exec(line);
    if (match && DOCKERFILE_INSTRUCTIONS.has((match[2] ?? '').toUpperCase())) {
      const indent = match[1] ?? '';
      const out: Segment[] = indent ? [{ text: indent }] : [];
      out.push({ text: match[2] ?? '', style: CODE_STYLES.instruction });
      // Loop, not push(...spread): a huge line's segments overflow the stack (fault suite fuzz).
      for (const s of scan(line.slice(match[0].length), DOCKERFILE_REST_RULES)) out.push(s);
      return out;
    }
  } else if (/^\s*#/.test(line)) {
    // Comment lines inside a continued RUN are allowed and do not end it.
    state.continued = true;
    return [{ text: line, style: CODE_STYLES.comment }];
  }
  return scan(line, DOCKERFILE_REST_RULES);
}

function consoleLine(line: string, state: LineState): Segment[] {
  const prompt = /^(\s*)\$ /.exec(line);
  if (prompt || state.continued) {
    state.continued = endsWithBackslash(line);
    const out: Segment[] = [];
    let command = line;
    if (prompt) {
      if (prompt[1]) out.push({ text: prompt[1] });
      out.push({ text: '$', style: CODE_STYLES.prompt });
      out.push({ text: ' ', style: CODE_STYLES.commandLine });
      command = line.slice(prompt[0].length);
    }
    // Loop, not push(...spread): a huge line's segments overflow the stack (fault suite fuzz).
    for (const s of shellLine(command, CODE_STYLES.commandLine)) out.push(s);
    return out;
  }
  state.continued = false;
  return line ? [{ text: line }] : [];
}

const YAML_VALUE_RULES: readonly Rule[] = [
  { re: /#.*/y, style: CODE_STYLES.comment, atWordStart: true },
  { re: /"(?:\\.|[^"\\])*"?/y, style: CODE_STYLES.string },
  { re: /'(?:''|[^'])*'?/y, style: CODE_STYLES.string },
  {
    re: /(?:true|false|null|yes|no|on|off|~)(?=\s*(?:#|,|\]|$))/y,
    style: CODE_STYLES.constant,
    atWordStart: true,
  },
  { re: /-?\d+(?:\.\d+)?(?=\s*(?:#|,|\]|$))/y, style: CODE_STYLES.number, atWordStart: true },
  { re: /[&*][\w-]+|!!?[\w-]+/y, style: CODE_STYLES.flag, atWordStart: true },
];
const WORD_START_YAML = /[\s[,]/;

function yamlLine(line: string): Segment[] {
  if (/^\s*#/.test(line)) return [{ text: line, style: CODE_STYLES.comment }];
  if (/^(?:---|\.\.\.)\s*$/.test(line)) return [{ text: line, style: CODE_STYLES.punctuation }];
  const match = /^(\s*)((?:- +)*)(?:("[^"]*"|'[^']*'|[^\s#'"[{][^:#]*?)(\s*:)(?=\s|$))?/.exec(line);
  const out: Segment[] = [];
  let rest = line;
  if (match) {
    if (match[1]) out.push({ text: match[1] });
    if (match[2]) out.push({ text: match[2], style: CODE_STYLES.punctuation });
    if (match[3]) out.push({ text: match[3], style: CODE_STYLES.key });
    if (match[4]) out.push({ text: match[4] });
    rest = line.slice(match[0].length);
  }
  // `[` and `,` start a word too in YAML (flow sequences such as `[a, 1]`).
  // Loop, not push(...spread): a huge line's segments overflow the stack (fault suite fuzz).
  for (const s of scan(rest, YAML_VALUE_RULES, undefined, WORD_START_YAML)) out.push(s);
  return out;
}

const JSON_RULES: readonly Rule[] = [
  { re: /"(?:\\.|[^"\\])*"(?=\s*:)/y, style: CODE_STYLES.key },
  { re: /"(?:\\.|[^"\\])*"?/y, style: CODE_STYLES.string },
  { re: /-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/y, style: CODE_STYLES.number },
  { re: /(?:true|false|null)\b/y, style: CODE_STYLES.constant },
  { re: /[{}[\],:]/y, style: CODE_STYLES.punctuation },
];

export type CodeLanguage = 'dockerfile' | 'shell' | 'console' | 'yaml' | 'json' | 'plain';

export function codeLanguage(info: string | undefined): CodeLanguage {
  const lang = (info ?? '').trim().split(/\s+/)[0]?.toLowerCase() ?? '';
  if (lang === 'dockerfile' || lang === 'docker' || lang === 'containerfile') return 'dockerfile';
  if (['sh', 'bash', 'shell', 'zsh'].includes(lang)) return 'shell';
  if (lang === 'console' || lang === 'shell-session' || lang === 'terminal') return 'console';
  if (lang === 'yaml' || lang === 'yml') return 'yaml';
  if (lang === 'json' || lang === 'jsonc') return 'json';
  return 'plain';
}

/** Colours every line of a code block; returns one segment list per source line. */
export function highlightCode(lines: readonly string[], language: CodeLanguage): Segment[][] {
  const state: LineState = { continued: false };
  return lines.map((line) => {
    switch (language) {
      case 'dockerfile':
        return dockerfileLine(line, state);
      case 'shell':
        return shellLine(line);
      case 'console':
        return consoleLine(line, state);
      case 'yaml':
        return yamlLine(line);
      case 'json':
        return scan(line, JSON_RULES);
      default:
        return line ? [{ text: line }] : [];
    }
  });
}
