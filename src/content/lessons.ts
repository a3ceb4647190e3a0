/**
 * Finds and reads the course's lessons. Listing reads only each lesson's front matter
 * (fast, for the course map); the markdown body is lexed when a lesson is opened. A
 * broken lesson is still listed, carrying its problems, so one bad file never hides the
 * rest of the course.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Lexer, type Token, type Tokens } from 'marked';
import { z } from 'zod';
import { DOMAIN_IDS, type DomainId } from './domains.js';
import { splitFrontMatter } from './frontmatter.js';
import { qualify } from './namespace.js';
import type { ContentRoot } from './paths.js';
import { problem, type ContentProblem } from './problems.js';
import { Slugger, slugify } from './slug.js';
import { readContentText } from './read-content.js';
import { ID } from './ids.js';

/** Lesson ids follow the one id grammar (ids.ts). */
export const LESSON_ID_PATTERN = ID;
/** `lessons/NN-slug/`: NN orders the course map. */
const LESSON_DIR_PATTERN = /^(\d+)-([a-z0-9]+(?:-[a-z0-9]+)*)$/;

export interface LessonMeta {
  readonly id: string;
  readonly title: string;
  /** Undefined only for a broken lesson whose domain is missing or unknown. */
  readonly domain: DomainId | undefined;
  readonly minutes: number;
  readonly objectives: readonly string[];
  /** NN of the lesson's folder. */
  readonly order: number;
  /** Absolute folder of the lesson. */
  readonly dir: string;
  /** Absolute path of lesson.md. */
  readonly file: string;
  /** lab.md exists beside lesson.md. */
  readonly hasLab: boolean;
  /** Errors that make the lesson unusable as it stands (its front matter is wrong). */
  readonly broken?: readonly ContentProblem[];
}

export interface LessonIndex {
  readonly lessons: readonly LessonMeta[];
  /** Every problem found while listing (including each broken lesson's). */
  readonly problems: readonly ContentProblem[];
}

export interface LessonSection {
  readonly slug: string;
  readonly title: string;
  readonly depth: 2 | 3;
  /** 1-based line of the heading in lesson.md. */
  readonly line: number;
}

export interface Lesson {
  readonly meta: LessonMeta;
  /** The markdown after the front matter. */
  readonly body: string;
  /** 1-based line of the body's first line in lesson.md. */
  readonly bodyLine: number;
  /** The `##` and `###` headings, in order, with the slugs links use. */
  readonly sections: readonly LessonSection[];
  /** Problems found in the body (duplicate section slugs). */
  readonly problems: readonly ContentProblem[];
}

const LessonFrontMatter = z.strictObject({
  id: z.string().regex(LESSON_ID_PATTERN),
  title: z.string().trim().min(1),
  domain: z.enum(DOMAIN_IDS as [DomainId, ...DomainId[]]),
  minutes: z.number().int().positive(),
  objectives: z.array(z.string().trim().min(1)).min(1),
});

type FrontMatter = z.infer<typeof LessonFrontMatter>;

/** Lenient twin of the schema: used when the only complaint is an unknown key. */
const LenientFrontMatter = z.object(LessonFrontMatter.shape);

/**
 * Lists every `lessons/NN-slug/lesson.md` under the root, reading front matter only. A
 * pack root's ids come back qualified (`<pack>/<id>`, see namespace.ts).
 */
export function listLessons(root: ContentRoot): LessonIndex {
  const lessonsDir = join(root.dir, 'lessons');
  const problems: ContentProblem[] = [];
  const lessons: LessonMeta[] = [];
  if (!existsSync(lessonsDir)) return { lessons, problems };
  const entries = readdirSync(lessonsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  const firstFileOfId = new Map<string, string>();
  for (const name of entries) {
    const dir = join(lessonsDir, name);
    const file = join(dir, 'lesson.md');
    const match = LESSON_DIR_PATTERN.exec(name);
    if (!match) {
      problems.push(
        problem(
          dir,
          1,
          'bad-lesson-folder',
          `lesson folder "${name}" must be named NN-slug (e.g. 03-restart-policies)`,
        ),
      );
      continue;
    }
    if (!existsSync(file) || !statSync(file).isFile()) {
      problems.push(problem(file, 1, 'missing-lesson', `lesson folder "${name}" has no lesson.md`));
      continue;
    }
    const read = readLessonMeta(file, dir, Number(match[1]), match[2] ?? name);
    const { idLine, warnings } = read;
    // The one place lesson ids get their pack's namespace (bundled ids stay as written).
    const meta = root.pack ? { ...read.meta, id: qualify(root, read.meta.id) } : read.meta;
    problems.push(...warnings);
    if (meta.broken) {
      problems.push(...meta.broken);
      lessons.push(meta);
      continue;
    }
    const first = firstFileOfId.get(meta.id);
    if (first !== undefined) {
      const duplicate = problem(
        file,
        idLine,
        'duplicate-id',
        `lesson id "${meta.id}" is already used by ${first}; ids must be unique`,
      );
      problems.push(duplicate);
      lessons.push({ ...meta, broken: [duplicate] });
      continue;
    }
    firstFileOfId.set(meta.id, file);
    lessons.push(meta);
  }
  lessons.sort((a, b) => a.order - b.order || a.dir.localeCompare(b.dir));
  return { lessons, problems };
}

/** Answers "does this root have lesson <qualified id>?" for resolveIn (front matter only). */
export function lessonLookup(root: ContentRoot): (id: string) => boolean {
  if (!root.pack) return () => false; // the bundled course never qualifies a ref
  const ids = new Set(listLessons(root).lessons.map((meta) => meta.id));
  return (id) => ids.has(id);
}

interface ReadMeta {
  readonly meta: LessonMeta;
  /** Line of the `id:` key, where a duplicate id is reported. */
  readonly idLine: number;
  /** Problems that do not break the lesson (an unknown key). */
  readonly warnings: readonly ContentProblem[];
}

function readLessonMeta(file: string, dir: string, order: number, dirSlug: string): ReadMeta {
  const text = readContentText(file);
  const front = splitFrontMatter(text, file);
  const hasLab = existsSync(join(dir, 'lab.md'));
  const idLine = front.lineOf(['id']);
  const problems: ContentProblem[] = [...front.problems];
  const isMap = typeof front.data === 'object' && front.data !== null && !Array.isArray(front.data);
  const raw = (isMap ? front.data : {}) as Record<string, unknown>;
  let data: FrontMatter | undefined;
  if (problems.length === 0 && !isMap) {
    problems.push(
      problem(
        file,
        2,
        'bad-front-matter',
        'front matter must be a YAML map of id, title, domain, minutes, objectives',
      ),
    );
  } else if (problems.length === 0) {
    const parsed = LessonFrontMatter.safeParse(raw);
    if (parsed.success) data = parsed.data;
    else {
      problems.push(
        ...parsed.error.issues.flatMap((issue) => issueProblems(issue, raw, file, front.lineOf)),
      );
      const lenient = LenientFrontMatter.safeParse(raw);
      if (lenient.success) data = lenient.data;
    }
  }
  const errors = problems.filter((p) => p.severity === 'error');
  const warnings = problems.filter((p) => p.severity !== 'error');
  if (data && errors.length === 0) {
    const { id, title, domain, minutes, objectives } = data;
    return {
      meta: { id, title, domain, minutes, objectives, order, dir, file, hasLab },
      idLine,
      warnings,
    };
  }
  // Broken: list it anyway with the best values we have, so the course map can show it.
  const id = typeof raw.id === 'string' && LESSON_ID_PATTERN.test(raw.id) ? raw.id : dirSlug;
  const meta: LessonMeta = {
    id,
    title: typeof raw.title === 'string' && raw.title.trim() ? raw.title.trim() : id,
    domain: DOMAIN_IDS.includes(raw.domain as DomainId) ? (raw.domain as DomainId) : undefined,
    minutes: typeof raw.minutes === 'number' && raw.minutes > 0 ? raw.minutes : 0,
    objectives: Array.isArray(raw.objectives)
      ? raw.objectives.filter((o): o is string => typeof o === 'string')
      : [],
    order,
    dir,
    file,
    hasLab,
    broken: errors,
  };
  return { meta, idLine, warnings };
}

const FIELD_HELP: Readonly<Record<string, string>> = {
  id: 'lowercase letters, digits and single hyphens (e.g. restart-policies)',
  title: 'a non-empty string',
  domain: `one of ${DOMAIN_IDS.join(', ')}`,
  minutes: 'a positive whole number of minutes',
  objectives: 'a non-empty list of strings',
};

/** Turns one zod issue into file:line problems in words an author can act on. */
function issueProblems(
  issue: z.core.$ZodIssue,
  raw: Record<string, unknown>,
  file: string,
  lineOf: (path: readonly (string | number)[]) => number,
): ContentProblem[] {
  const path = issue.path.filter((key): key is string | number => typeof key !== 'symbol');
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) =>
      problem(
        file,
        lineOf([key]),
        'unknown-key',
        `unknown front matter key "${key}" (a typo?)`,
        'warning',
      ),
    );
  }
  const field = String(path[0] ?? '');
  const line = lineOf(path);
  const help = FIELD_HELP[field] ?? 'a valid value';
  if (path.length === 1 && raw[field] === undefined) {
    return [problem(file, line, 'missing-field', `front matter is missing "${field}": ${help}`)];
  }
  if (field === 'domain') {
    return [
      problem(file, line, 'unknown-domain', `unknown domain "${String(raw.domain)}": use ${help}`),
    ];
  }
  if (field === 'id') {
    return [problem(file, line, 'bad-id', `invalid id "${String(raw.id)}": use ${help}`)];
  }
  if (field === 'title') return [problem(file, line, 'missing-field', `"title" must be ${help}`)];
  if (path.length > 1) {
    const where = `${field}[${path.slice(1).join('.')}]`;
    return [
      problem(
        file,
        line,
        'bad-field',
        `"${where}" must be a non-empty string (in ${field}: ${help})`,
      ),
    ];
  }
  return [problem(file, line, 'bad-field', `"${field}" must be ${help}`)];
}

/** Plain text of inline tokens (a heading's text as GitHub slugs it). */
export function inlinePlainText(tokens: readonly Token[] | undefined): string {
  if (!tokens) return '';
  let text = '';
  for (const token of tokens) {
    switch (token.type) {
      case 'text':
      case 'escape':
      case 'codespan': {
        const t = token as Tokens.Text;
        text += t.tokens ? inlinePlainText(t.tokens) : decodeBasicEntities(t.text);
        break;
      }
      case 'html':
      case 'br':
      case 'checkbox':
        break;
      case 'image':
        text += (token as Tokens.Image).text;
        break;
      default: {
        const nested = (token as { tokens?: Token[] }).tokens;
        if (nested) text += inlinePlainText(nested);
        else if (typeof (token as { text?: unknown }).text === 'string')
          text += (token as { text: string }).text;
      }
    }
  }
  return text;
}

function decodeBasicEntities(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|#39);/g, (_, name: string) =>
    name === 'amp' ? '&' : name === 'lt' ? '<' : name === 'gt' ? '>' : name === 'quot' ? '"' : "'",
  );
}

/** A heading anywhere in the body, with its slug and line. */
export interface BodyHeading {
  readonly slug: string;
  readonly title: string;
  readonly depth: number;
  readonly line: number;
}

/** A top-level block of the body with its 1-based line in the file. */
export interface PositionedToken {
  readonly token: Token;
  readonly line: number;
}

/** Lexes the body and gives every top-level token the line it starts on. */
export function positionedTokens(body: string, bodyLine: number): PositionedToken[] {
  const source = body.replace(/\r\n|\r/g, '\n');
  const tokens = Lexer.lex(source);
  const out: PositionedToken[] = [];
  let offset = 0;
  let line = bodyLine;
  for (const token of tokens) {
    // marked's raw text is normally the next slice of the source; search forward when
    // it is not (link definitions folded into a paragraph), never backwards.
    const found = token.raw ? source.indexOf(token.raw, offset) : -1;
    const start = found === -1 ? offset : found;
    line += countNewlines(source, offset, start);
    out.push({ token, line });
    const end = found === -1 ? offset : start + token.raw.length;
    line += countNewlines(source, start, end);
    offset = end;
  }
  return out;
}

function countNewlines(text: string, from: number, to: number): number {
  let count = 0;
  for (let i = text.indexOf('\n', from); i !== -1 && i < to; i = text.indexOf('\n', i + 1)) count++;
  return count;
}

/**
 * Line of `needle` inside a top-level token that starts at `line`, searching its raw text
 * from `fromIndex`. Used for headings and links nested in lists and quotes.
 */
function lineWithin(
  raw: string,
  line: number,
  needle: string,
  fromIndex: number,
): { line: number; index: number } {
  const index = raw.indexOf(needle, fromIndex);
  if (index === -1) return { line, index: fromIndex };
  return { line: line + countNewlines(raw, 0, index), index: index + needle.length };
}

/** Calls `visit` for every token in document order, depth first. */
export function walkTokens(tokens: readonly Token[], visit: (token: Token) => void): void {
  for (const token of tokens) {
    visit(token);
    if (token.type === 'list') walkTokens((token as Tokens.List).items, visit);
    else if (token.type === 'table') {
      const table = token as Tokens.Table;
      for (const cell of table.header) walkTokens(cell.tokens, visit);
      for (const row of table.rows) for (const cell of row) walkTokens(cell.tokens, visit);
    } else {
      const nested = (token as { tokens?: Token[] }).tokens;
      if (nested) walkTokens(nested, visit);
    }
  }
}

/** Every heading of the body, slugged in document order as GitHub does. */
export function bodyHeadings(blocks: readonly PositionedToken[]): BodyHeading[] {
  const slugger = new Slugger();
  const headings: BodyHeading[] = [];
  for (const { token, line } of blocks) {
    let cursor = 0;
    walkTokens([token], (inner) => {
      if (inner.type !== 'heading') return;
      const heading = inner as Tokens.Heading;
      const title = inlinePlainText(heading.tokens);
      const at =
        inner === token ? { line, index: 0 } : lineWithin(token.raw, line, heading.text, cursor);
      cursor = at.index;
      headings.push({ slug: slugger.slug(title), title, depth: heading.depth, line: at.line });
    });
  }
  return headings;
}

/** Parses a listed lesson's body: its sections (## and ###) and their slugs. */
export function loadLesson(meta: LessonMeta): Lesson {
  const text = readContentText(meta.file);
  const front = splitFrontMatter(text, meta.file);
  const blocks = positionedTokens(front.body, front.bodyLine);
  const problems: ContentProblem[] = [];
  const sections: LessonSection[] = [];
  const firstAt = new Map<string, number>();
  for (const heading of bodyHeadings(blocks)) {
    if (heading.depth !== 2 && heading.depth !== 3) continue;
    const base = slugify(heading.title);
    if (base === '') {
      problems.push(
        problem(
          meta.file,
          heading.line,
          'empty-slug',
          `heading "${heading.title}" has no letters or digits to link to`,
        ),
      );
    }
    const previous = firstAt.get(base);
    if (previous !== undefined) {
      problems.push(
        problem(
          meta.file,
          heading.line,
          'duplicate-slug',
          `heading "${heading.title}" has the same slug "${base}" as the heading on line ${previous}; links would need "${heading.slug}", so rename one of them`,
        ),
      );
    } else firstAt.set(base, heading.line);
    sections.push({
      slug: heading.slug,
      title: heading.title,
      depth: heading.depth,
      line: heading.line,
    });
  }
  return { meta, body: front.body, bodyLine: front.bodyLine, sections, problems };
}

const lessonCache = new WeakMap<LessonMeta, Lesson>();

function cachedLesson(meta: LessonMeta): Lesson {
  let lesson = lessonCache.get(meta);
  if (!lesson) {
    lesson = loadLesson(meta);
    lessonCache.set(meta, lesson);
  }
  return lesson;
}

export interface LessonRef {
  readonly lesson: LessonMeta;
  readonly section?: LessonSection;
}

/**
 * Resolves `lesson-id#section-slug` (or `lesson-id`, with or without a `lesson:` prefix)
 * against the index; undefined when the lesson or the section does not exist.
 */
export function resolveLessonRef(index: LessonIndex, ref: string): LessonRef | undefined {
  const bare = ref.startsWith('lesson:') ? ref.slice('lesson:'.length) : ref;
  const hash = bare.indexOf('#');
  const id = hash === -1 ? bare : bare.slice(0, hash);
  const slug = hash === -1 ? '' : bare.slice(hash + 1);
  const lesson = index.lessons.find((meta) => meta.id === id);
  if (!lesson) return undefined;
  if (!slug) return { lesson };
  let section: LessonSection | undefined;
  try {
    section = cachedLesson(lesson).sections.find((s) => s.slug === slug);
  } catch {
    return undefined; // the file vanished since listing
  }
  return section ? { lesson, section } : undefined;
}
