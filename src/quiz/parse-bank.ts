/**
 * Quiz banks: `quizzes/NN-slug.quiz.md`. Finds them, parses them into questions, and lints
 * them (every problem with file:line and a code). Parsing is a single pass over the lines,
 * so a bank with thousands of questions loads in a blink.
 */

import { quizFiles } from '../content/course-summary.js';
import { isDomainId } from '../content/domains.js';
import { splitFrontMatter } from '../content/frontmatter.js';
import { lessonLookup } from '../content/lessons.js';
import { qualify, resolveIn } from '../content/namespace.js';
import type { ContentRoot } from '../content/paths.js';
import { problem, type ContentProblem } from '../content/problems.js';
import { bankFrontMatterSchema } from './bank-schema.js';
import { countQuestions, fencedLines } from './markdown-lines.js';
import { parseQuestion, type BankContext } from './parse-question.js';
import type { Question, QuizBank } from './types.js';
import { readContentText } from '../content/read-content.js';

export { countQuestions };

export interface ParsedBank {
  readonly bank: QuizBank;
  readonly problems: ContentProblem[];
}

/** The bank files of a content root, sorted by name (so `NN-` orders them). */
export function listBanks(root: ContentRoot): string[] {
  return quizFiles(root.dir);
}

export interface BankOptions {
  /**
   * Read the `#### Verify` probes (default true). The app passes false: learners never run
   * probes, and their YAML is about four fifths of the time a bank takes to parse. Lint
   * reads them, so a broken probe is still an error there.
   */
  readonly verify?: boolean;
}

export function loadBank(file: string, options: BankOptions = {}): ParsedBank {
  return parseBank(readContentText(file), file, options);
}

/**
 * Every bank of a root as the app uses them: the one place question ids, lessons and refs
 * get the root's namespace (`<pack>/<id>`; the bundled course is returned as parsed). Lint
 * reads banks with loadBank instead, so authors see the ids they wrote.
 */
export function loadRootBanks(root: ContentRoot, options: BankOptions = {}): ParsedBank[] {
  const parsed = listBanks(root).map((file) => loadBank(file, options));
  if (!root.pack) return parsed;
  const hasLesson = lessonLookup(root);
  const local = (ref: string) => resolveIn(root, ref, hasLesson);
  return parsed.map(({ bank, problems }) => ({
    problems,
    bank: {
      ...bank,
      ...(bank.lesson ? { lesson: local(bank.lesson) } : {}),
      questions: bank.questions.map((question) => ({
        ...question,
        id: qualify(root, question.id),
        ...(question.lesson ? { lesson: local(question.lesson) } : {}),
        ...(question.ref ? { ref: local(question.ref) } : {}),
      })),
    },
  }));
}

const HEADING = /^###[ \t]+(.*?)[ \t#]*$/;
const FRONT_FENCE = /^---[ \t]*$/;

export function parseBank(text: string, file: string, options: BankOptions = {}): ParsedBank {
  const problems: ContentProblem[] = [];
  let lines = text.split(/\r?\n/);
  let bodyLine = 1;
  let lesson: string | undefined;
  let domain: QuizBank['domain'];
  let domainBroken = false;
  // Front matter is optional for a bank: questions may carry their own domain. Only the
  // front matter goes through splitFrontMatter, so a big bank is not split twice.
  if (FRONT_FENCE.test(lines[0] ?? '')) {
    let end = 1;
    while (end < lines.length && !FRONT_FENCE.test(lines[end] as string)) end++;
    const front = splitFrontMatter(lines.slice(0, end + 1).join('\n'), file);
    problems.push(...front.problems);
    // Fault suite (content fuzz): with no closing fence, end + 2 pointed past the file.
    bodyLine = Math.min(end + 2, lines.length);
    lines = end < lines.length ? lines.slice(end + 1) : [];
    if (front.data !== undefined && front.data !== null) {
      const result = bankFrontMatterSchema.safeParse(front.data);
      if (result.success) {
        lesson = result.data.lesson;
        domain = isDomainId(result.data.domain) ? result.data.domain : undefined;
      } else {
        for (const issue of result.error.issues) {
          const key =
            issue.code === 'unrecognized_keys'
              ? (issue.keys[0] ?? '')
              : String(issue.path[0] ?? '');
          const code = key === 'domain' ? 'unknown-domain' : 'bad-front-matter';
          const message =
            issue.code === 'unrecognized_keys'
              ? `unknown front matter key "${issue.keys.join('", "')}"; use lesson, domain, title`
              : `${key}: ${issue.message}`;
          problems.push(problem(file, front.lineOf([key]), code, message));
        }
        const data = front.data as Record<string, unknown>;
        if (
          typeof data.lesson === 'string' &&
          !result.error.issues.some((i) => i.path[0] === 'lesson')
        )
          lesson = data.lesson;
        if (isDomainId(data.domain)) domain = data.domain;
        else if (data.domain !== undefined) domainBroken = true;
      }
    }
  }

  const fenced = fencedLines(lines);
  const headings: number[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    if (line.charCodeAt(0) === 35 /* # */ && fenced[i] === 0 && HEADING.test(line))
      headings.push(i);
  }
  const ctx: BankContext = {
    file,
    lines,
    fenced,
    firstLine: bodyLine,
    ...(lesson ? { lesson } : {}),
    ...(domain ? { domain } : {}),
    domainBroken,
    verify: options.verify ?? true,
  };
  const questions: Question[] = [];
  const seen = new Map<string, number>();
  for (let h = 0; h < headings.length; h++) {
    const start = headings[h] as number;
    const end = headings[h + 1] ?? lines.length;
    const id = (HEADING.exec(lines[start] as string)?.[1] ?? '').trim();
    const parsed = parseQuestion(ctx, start, end, id);
    problems.push(...parsed.problems);
    const firstAt = seen.get(id);
    if (firstAt !== undefined) {
      problems.push(
        problem(
          file,
          bodyLine + start,
          'duplicate-id',
          `question id "${id}" is already used at line ${firstAt}`,
        ),
      );
      continue;
    }
    seen.set(id, bodyLine + start);
    if (parsed.question) questions.push(parsed.question);
  }
  if (headings.length === 0)
    problems.push(
      problem(
        file,
        bodyLine,
        'no-questions',
        'this bank has no questions ("### question-id" headings)',
        'warning',
      ),
    );
  // Reading order: a problem list that follows the file is easier to work through.
  problems.sort((a, b) => a.line - b.line);
  return {
    bank: { file, ...(lesson ? { lesson } : {}), ...(domain ? { domain } : {}), questions },
    problems,
  };
}

export interface LintedBanks {
  readonly banks: QuizBank[];
  readonly problems: ContentProblem[];
}

/**
 * Parses every bank of a root and adds the checks that need them all: ids unique across
 * banks, and (when the lesson index is available) refs that point at a real section.
 */
export function lintBanks(root: ContentRoot, resolveRef?: (ref: string) => boolean): LintedBanks {
  return lintParsedBanks(
    listBanks(root).map((file) => loadBank(file)),
    resolveRef,
  );
}

/** The cross-bank part of lint, for banks already parsed (tests, or a loader with a cache). */
export function lintParsedBanks(
  parsed: readonly ParsedBank[],
  resolveRef?: (ref: string) => boolean,
): LintedBanks {
  const problems: ContentProblem[] = [];
  const banks: QuizBank[] = [];
  const firstSeen = new Map<string, Question>();
  for (const { bank, problems: own } of parsed) {
    problems.push(...own);
    const kept: Question[] = [];
    for (const question of bank.questions) {
      const first = firstSeen.get(question.id);
      if (first) {
        problems.push(
          problem(
            question.file,
            question.line,
            'duplicate-id',
            `question id "${question.id}" is already used at ${first.file}:${first.line}`,
          ),
        );
        continue;
      }
      firstSeen.set(question.id, question);
      if (question.ref && resolveRef && !resolveRef(question.ref)) {
        problems.push(
          problem(
            question.file,
            question.line,
            'unknown-ref',
            `ref "${question.ref}" does not name a lesson section`,
          ),
        );
      }
      kept.push(question);
    }
    banks.push({ ...bank, questions: kept });
  }
  return { banks, problems };
}
