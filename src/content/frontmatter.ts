/**
 * Splits a markdown file into YAML front matter and body, keeping line numbers so that
 * every error points at the right line of the original file.
 */
import { LineCounter, parseDocument } from 'yaml';
import { problem, type ContentProblem } from './problems.js';

export interface FrontMatterResult {
  /** The parsed YAML (undefined when there is none or it is broken). */
  readonly data: unknown;
  /** The markdown after the closing `---`. */
  readonly body: string;
  /** 1-based line of the first body line in the file. */
  readonly bodyLine: number;
  /** Maps a dotted key path (`objectives.1`) to its 1-based line, for schema errors. */
  readonly lineOf: (path: readonly (string | number)[]) => number;
  readonly problems: readonly ContentProblem[];
}

const FENCE = /^---\s*$/;

export function splitFrontMatter(text: string, file: string): FrontMatterResult {
  const lines = text.split(/\r?\n/);
  if (!FENCE.test(lines[0] ?? '')) {
    return {
      data: undefined,
      body: text,
      bodyLine: 1,
      lineOf: () => 1,
      problems: [
        problem(
          file,
          1,
          'no-front-matter',
          'missing YAML front matter: the file must start with a line "---"',
        ),
      ],
    };
  }
  const end = lines.findIndex((line, index) => index > 0 && FENCE.test(line));
  if (end === -1) {
    return {
      data: undefined,
      body: '',
      bodyLine: lines.length + 1,
      lineOf: () => 1,
      problems: [
        problem(
          file,
          1,
          'unclosed-front-matter',
          'front matter is not closed: add a line "---" after it',
        ),
      ],
    };
  }
  const yamlText = lines.slice(1, end).join('\n');
  const parsed = parseYamlWithLines(yamlText, file, 2);
  return {
    data: parsed.data,
    body: lines.slice(end + 1).join('\n'),
    bodyLine: end + 2,
    lineOf: parsed.lineOf,
    problems: parsed.problems,
  };
}

export interface YamlWithLines {
  readonly data: unknown;
  readonly lineOf: (path: readonly (string | number)[]) => number;
  readonly problems: readonly ContentProblem[];
}

/**
 * Parses a YAML snippet that starts at `firstLine` of `file` (front matter, or a fenced
 * block inside a quiz or lab), reporting syntax errors at their real line.
 */
export function parseYamlWithLines(
  yamlText: string,
  file: string,
  firstLine: number,
): YamlWithLines {
  const counter = new LineCounter();
  const doc = parseDocument(yamlText, {
    lineCounter: counter,
    prettyErrors: false,
    uniqueKeys: true,
  });
  const problems: ContentProblem[] = doc.errors.map((error) => {
    const offset = error.pos[0];
    const line = counter.linePos(offset).line + firstLine - 1;
    return problem(file, line, 'bad-yaml', `invalid YAML: ${error.message.split('\n')[0]}`);
  });
  const lineOf = (path: readonly (string | number)[]): number => {
    for (let depth = path.length; depth > 0; depth--) {
      const node = doc.getIn(path.slice(0, depth), true) as
        { range?: [number, number, number] } | undefined;
      if (node && typeof node === 'object' && node.range)
        return counter.linePos(node.range[0]).line + firstLine - 1;
      const pair = findKeyNode(doc, path.slice(0, depth));
      if (pair !== undefined) return counter.linePos(pair).line + firstLine - 1;
    }
    return firstLine;
  };
  return { data: problems.length ? undefined : doc.toJS(), lineOf, problems };
}

/** Offset of a key in a map, for paths whose value is a scalar without its own node range. */
function findKeyNode(
  doc: ReturnType<typeof parseDocument>,
  path: readonly (string | number)[],
): number | undefined {
  const parentPath = path.slice(0, -1);
  const key = path[path.length - 1];
  const parent = (parentPath.length ? doc.getIn(parentPath, true) : doc.contents) as
    { items?: { key?: { value?: unknown; range?: [number, number, number] } }[] } | undefined;
  const item = parent?.items?.find((entry) => entry.key?.value === key);
  return item?.key?.range?.[0];
}
