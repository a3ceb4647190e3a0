/**
 * Splits a markdown file into YAML front matter and body, keeping line numbers so that
 * every error points at the right line of the original file.
 */
import { LineCounter, parseDocument } from 'yaml';
import { cleanDeep } from '../terminal/sanitize.js';
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

/** More YAML errors than this in one snippet are summed up in one line. */
const MAX_YAML_ERRORS = 20;
/** Longer YAML lines are refused before parsing (see parseYamlWithLines). */
const MAX_YAML_LINE = 10_000;

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
  // Fault suite (content fuzz): the yaml parser builds one Error per bad token, so a huge
  // garbage line took seconds. No YAML in a course needs a line this long.
  const longLine = yamlText.split('\n').findIndex((line) => line.length > MAX_YAML_LINE);
  if (longLine !== -1) {
    return {
      data: undefined,
      lineOf: () => firstLine + longLine,
      problems: [
        problem(
          file,
          firstLine + longLine,
          'bad-yaml',
          `invalid YAML: a line of more than ${MAX_YAML_LINE} characters; shorten it`,
        ),
      ],
    };
  }
  const counter = new LineCounter();
  let doc: ReturnType<typeof parseDocument>;
  try {
    doc = parseDocument(yamlText, {
      lineCounter: counter,
      prettyErrors: false,
      uniqueKeys: true,
    });
  } catch (error) {
    // Fault suite (content fuzz): the yaml parser recurses per nesting level, so a line of
    // thousands of "- - - ..." overflows the stack. Report it at the snippet, never throw.
    if (!(error instanceof RangeError)) throw error;
    return {
      data: undefined,
      lineOf: () => firstLine,
      problems: [problem(file, firstLine, 'bad-yaml', 'invalid YAML: nested too deeply to read')],
    };
  }
  // Fault suite (content fuzz): a huge garbage line gives one error per character, and
  // callers spread the list into push(...), which overflows the stack. The first few do.
  const problems: ContentProblem[] = doc.errors.slice(0, MAX_YAML_ERRORS).map((error) => {
    const offset = error.pos[0];
    const line = counter.linePos(offset).line + firstLine - 1;
    return problem(file, line, 'bad-yaml', `invalid YAML: ${error.message.split('\n')[0]}`);
  });
  if (doc.errors.length > MAX_YAML_ERRORS)
    problems.push(
      problem(
        file,
        problems[problems.length - 1]?.line ?? firstLine,
        'bad-yaml',
        `invalid YAML: ${doc.errors.length - MAX_YAML_ERRORS} more errors after these`,
      ),
    );
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
  let data: unknown;
  try {
    // YAML's double-quoted escapes (\e, \a, \x1b, \u009b) make control characters the
    // file itself did not hold: clean every string the document gives.
    data = problems.length ? undefined : cleanDeep(doc.toJS());
  } catch (error) {
    // The same for a document that parses but is too deep (or has too many aliases) to build.
    if (!(error instanceof RangeError || error instanceof ReferenceError)) throw error;
    problems.push(problem(file, firstLine, 'bad-yaml', `invalid YAML: ${error.message}`));
  }
  return { data, lineOf, problems };
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
