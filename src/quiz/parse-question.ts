/**
 * Parses one question section of a quiz bank (from its `### id` heading to the next) and
 * reports every problem with the line it is on. See docs/FORMATS.md for the format.
 */
import type { z } from 'zod';
import { isDomainId, type DomainId } from '../content/domains.js';
import { parseYamlWithLines } from '../content/frontmatter.js';
import { problem, type ContentProblem } from '../content/problems.js';
import {
  ID_PATTERN,
  REF_PATTERN,
  questionMetaSchema,
  verifySchema,
  type QuestionMeta,
} from './bank-schema.js';
import { acceptEntryProblem } from './command-match.js';
import { checkSchema, type Check } from '../labs/checks/schema.js';
import { unknownRemovals } from '../labs/step-policy.js';
import { parseFlatYaml } from './flat-yaml.js';
import { hashString } from './random.js';
import type {
  OrderStep,
  ProbeStep,
  Question,
  QuestionType,
  QuizOption,
  VerifyProbe,
} from './types.js';

export interface BankContext {
  readonly file: string;
  readonly lines: readonly string[];
  readonly fenced: Uint8Array;
  /** File line of `lines[0]`. */
  readonly firstLine: number;
  readonly lesson?: string;
  readonly domain?: DomainId;
  /** The front matter names a domain that does not exist (reported once, there). */
  readonly domainBroken: boolean;
  /** Read `#### Verify` probes (lint does; the app never runs them, see BankOptions). */
  readonly verify: boolean;
}

const YAML_OPEN = /^```ya?ml\s*$/;
const FENCE_CLOSE = /^```\s*$/;
const OPTION = /^[-*+][ \t]+\[([ xX])\][ \t]+(.*)$/;
const STEP = /^\d{1,3}[.)][ \t]+(.*)$/;
const SECTION = /^####[ \t]+(.*?)[ \t#]*$/;
const FEEDBACK = /^[ \t]+>[ \t]?(.*)$/;
const INDENTED = /^[ \t]+\S/;
const KNOWN_SECTIONS = ['explanation', 'hint', 'accept', 'verify'] as const;
type SectionName = (typeof KNOWN_SECTIONS)[number];

interface Section {
  readonly name: SectionName;
  readonly line: number;
  /** Indexes into ctx.lines, body only. */
  readonly from: number;
  readonly to: number;
}

/** A first line that is metadata written without its ```yaml fence. */
const UNFENCED_META = /^(type|difficulty|tags|ref|domain|lesson):\s/;

/**
 * `start` is the heading's index in ctx.lines, `end` the index of the next heading (or the
 * end). Returns the question when it has no errors, and the problems in either case.
 */
export function parseQuestion(
  ctx: BankContext,
  start: number,
  end: number,
  id: string,
): { question?: Question; problems: ContentProblem[] } {
  const problems: ContentProblem[] = [];
  const lineOf = (index: number) => ctx.firstLine + index;
  const report = (
    index: number,
    code: string,
    message: string,
    severity: 'error' | 'warning' = 'error',
  ) => problems.push(problem(ctx.file, lineOf(index), code, message, severity));
  const headingLine = lineOf(start);

  if (!ID_PATTERN.test(id))
    report(start, 'bad-id', `question id "${id}" must be lowercase letters, digits and hyphens`);

  // The optional YAML block right under the heading.
  let i = start + 1;
  while (i < end && (ctx.lines[i] as string).trim() === '') i++;
  let meta: QuestionMeta = {};
  let metaKeyLine: (key: string) => number = () => headingLine;
  if (i < end && YAML_OPEN.test(ctx.lines[i] as string)) {
    const open = i;
    let close = open + 1;
    while (close < end && !FENCE_CLOSE.test(ctx.lines[close] as string)) close++;
    if (close >= end) {
      report(open, 'bad-yaml', 'the ```yaml block under the heading is not closed');
      i = end;
    } else {
      const parsed = readMeta(ctx, open + 1, close);
      problems.push(...parsed.problems);
      meta = parsed.meta;
      metaKeyLine = parsed.keyLine;
      i = close + 1;
    }
  } else if (i < end && UNFENCED_META.test(ctx.lines[i] as string)) {
    // Without its fence the block would be read as the stem of a single-choice question,
    // and the lint would then complain about missing options: say what is really wrong.
    report(
      i,
      'meta-without-fence',
      `"${(ctx.lines[i] as string).trim()}" looks like question metadata: put the block in a \`\`\`yaml fence right under the heading`,
    );
    return { problems };
  }

  const type: QuestionType | undefined =
    meta.type ?? (problems.some((p) => p.code === 'unknown-type') ? undefined : 'single');

  // Split the rest into the main part (stem, options, steps) and `#### ` sections.
  const sections: Section[] = [];
  let mainEnd = end;
  for (let j = i; j < end; j++) {
    if (ctx.fenced[j]) continue;
    const heading = SECTION.exec(ctx.lines[j] as string);
    if (!heading) continue;
    if (mainEnd === end) mainEnd = j;
    const name = (heading[1] as string).toLowerCase();
    const last = sections[sections.length - 1];
    if (last) sections[sections.length - 1] = { ...last, to: j };
    if (!(KNOWN_SECTIONS as readonly string[]).includes(name)) {
      report(
        j,
        'unknown-section',
        `unknown section "#### ${heading[1]}"; use ${KNOWN_SECTIONS.map((s) => s[0]!.toUpperCase() + s.slice(1)).join(', ')}`,
        'warning',
      );
      // Its text is skipped: record it under a name nobody reads.
      sections.push({ name: 'unknown' as SectionName, line: lineOf(j), from: j + 1, to: end });
      continue;
    }
    if (sections.some((s) => s.name === name))
      report(j, 'duplicate-section', `"#### ${heading[1]}" appears twice in this question`);
    sections.push({ name: name as SectionName, line: lineOf(j), from: j + 1, to: end });
  }

  const main = readMain(ctx, i, mainEnd, type, report);
  const sectionText = (name: SectionName) => {
    const section = sections.find((s) => s.name === name);
    return section ? ctx.lines.slice(section.from, section.to).join('\n').trim() : undefined;
  };

  const explanation = sectionText('explanation');
  if (!explanation)
    report(start, 'missing-explanation', `question "${id}" needs a "#### Explanation" section`);
  const hint = sectionText('hint') || undefined;
  if (!main.stem) report(start, 'empty-stem', `question "${id}" has no question text`);

  // Keys per type.
  const keys = main.options.filter((o) => o.correct).length;
  if ((type === 'single' || type === 'multi') && main.options.length < 2) {
    report(start, 'too-few-options', `a ${type} question needs at least 2 options (- [x] / - [ ])`);
  }
  if ((type === 'single' || type === 'truefalse') && keys !== 1) {
    report(
      main.options[0] ? main.optionIndex[0]! : start,
      'wrong-key-count',
      `a ${type} question needs exactly one correct option (- [x]), found ${keys}`,
    );
  }
  if (type === 'multi' && keys === 0)
    report(
      main.options[0] ? main.optionIndex[0]! : start,
      'no-key',
      'a multi question needs at least one correct option (- [x])',
    );
  if (type === 'truefalse') {
    const texts = main.options.map((o) => o.text.toLowerCase().replace(/\.$/, '')).sort();
    if (texts.join(',') !== 'false,true')
      report(
        start,
        'bad-truefalse',
        'a truefalse question has exactly the options "True" and "False"',
      );
  }
  if ((type === 'command' || type === 'order') && main.options.length > 0) {
    report(main.optionIndex[0]!, 'unexpected-options', `a ${type} question has no - [x] options`);
  }
  if (type === 'order' && main.steps.length < 2)
    report(
      start,
      'too-few-steps',
      'an order question needs at least 2 numbered steps (1. ..., 2. ...)',
    );

  const accept = readAccept(
    ctx,
    sections.find((s) => s.name === 'accept'),
    type,
    report,
  );
  if (type === 'command' && accept.length === 0 && !problems.some((p) => p.code === 'bad-accept'))
    report(
      start,
      'missing-accept',
      'a command question needs a "#### Accept" list of commands in backticks',
    );

  const verifySection = sections.find((s) => s.name === 'verify');
  const verify = verifySection && ctx.verify ? readVerify(ctx, verifySection, problems) : undefined;

  // Domain, lesson and ref, with the bank's defaults.
  const domain = meta.domain ?? ctx.domain;
  if (
    domain === undefined &&
    !ctx.domainBroken &&
    !problems.some((p) => p.code === 'unknown-domain')
  ) {
    report(
      start,
      'missing-domain',
      `question "${id}" has no domain: set one in the front matter or the question's yaml block`,
    );
  }
  let ref = meta.ref;
  if (ref !== undefined) {
    const defaultLesson = meta.lesson ?? ctx.lesson;
    if (ref.startsWith('#') && defaultLesson) ref = `${defaultLesson}${ref}`;
    if (!REF_PATTERN.test(ref)) {
      problems.push(
        problem(
          ctx.file,
          metaKeyLine('ref'),
          'bad-ref',
          `ref "${meta.ref}" must look like lesson-id#section-slug`,
        ),
      );
    }
  }
  const lesson = meta.lesson ?? ctx.lesson ?? ref?.split('#')[0];

  if (
    problems.some((p) => p.severity === 'error') ||
    !type ||
    domain === undefined ||
    !isDomainId(domain)
  )
    return { problems };
  const question: Question = {
    id,
    type,
    stem: main.stem,
    options: main.options,
    steps: main.steps,
    accept,
    explanation: explanation ?? '',
    ...(hint ? { hint } : {}),
    difficulty: (meta.difficulty ?? 2) as 1 | 2 | 3,
    tags: meta.tags ?? [],
    ...(ref ? { ref } : {}),
    domain,
    ...(lesson ? { lesson } : {}),
    ...(verify ? { verify } : {}),
    file: ctx.file,
    line: headingLine,
  };
  return { question, problems };
}

function readMeta(
  ctx: BankContext,
  from: number,
  to: number,
): { meta: QuestionMeta; keyLine: (key: string) => number; problems: ContentProblem[] } {
  const blockLines = ctx.lines.slice(from, to);
  const firstLine = ctx.firstLine + from;
  const flat = parseFlatYaml(blockLines);
  let data: unknown;
  let keyLine: (key: string) => number;
  const problems: ContentProblem[] = [];
  if (flat) {
    data = flat.data;
    keyLine = (key) => firstLine + (flat.keyLines[key] ?? 0);
  } else {
    const parsed = parseYamlWithLines(blockLines.join('\n'), ctx.file, firstLine);
    problems.push(...parsed.problems);
    data = parsed.data;
    keyLine = (key) => parsed.lineOf([key]);
  }
  if (problems.length > 0) return { meta: {}, keyLine, problems };
  if (data === null || data === undefined) return { meta: {}, keyLine, problems };
  const result = questionMetaSchema.safeParse(data);
  if (result.success) return { meta: result.data, keyLine, problems };
  for (const issue of result.error.issues)
    problems.push(metaIssue(ctx.file, issue, keyLine, firstLine));
  // Keep the parts that were fine, so one bad key does not hide the others' problems.
  const partial: Record<string, unknown> = {};
  const bad = new Set(result.error.issues.map((issue) => String(issue.path[0])));
  if (typeof data === 'object' && !Array.isArray(data)) {
    for (const [key, value] of Object.entries(data as Record<string, unknown>))
      if (!bad.has(key)) partial[key] = value;
  }
  const retry = questionMetaSchema.safeParse(partial);
  return { meta: retry.success ? retry.data : {}, keyLine, problems };
}

const META_CODES: Record<string, string> = {
  type: 'unknown-type',
  difficulty: 'bad-difficulty',
  domain: 'unknown-domain',
  ref: 'bad-ref',
};

function metaIssue(
  file: string,
  issue: z.core.$ZodIssue,
  keyLine: (key: string) => number,
  firstLine: number,
): ContentProblem {
  if (issue.code === 'unrecognized_keys') {
    const key = issue.keys[0] ?? '';
    return problem(
      file,
      keyLine(key),
      'unknown-key',
      `unknown key "${issue.keys.join('", "')}"; use type, difficulty, tags, ref, domain, lesson`,
    );
  }
  const key = issue.path.length ? String(issue.path[0]) : '';
  if (!key)
    return problem(
      file,
      firstLine,
      'bad-meta',
      'the yaml block under the heading must be a map of keys (type, difficulty, ...)',
    );
  return problem(file, keyLine(key), META_CODES[key] ?? 'bad-meta', `${key}: ${issue.message}`);
}

interface MainPart {
  readonly stem: string;
  readonly options: QuizOption[];
  readonly optionIndex: number[];
  readonly steps: OrderStep[];
}

function readMain(
  ctx: BankContext,
  from: number,
  to: number,
  type: QuestionType | undefined,
  report: (index: number, code: string, message: string, severity?: 'error' | 'warning') => void,
): MainPart {
  const stemLines: string[] = [];
  type Item = {
    kind: 'option' | 'step';
    index: number;
    text: string[];
    correct: boolean;
    feedback: string[];
  };
  const items: Item[] = [];
  let current: Item | undefined;
  let strayReported = false;
  for (let j = from; j < to; j++) {
    const line = ctx.lines[j] as string;
    if (!ctx.fenced[j]) {
      const option = OPTION.exec(line);
      if (option) {
        current = {
          kind: 'option',
          index: j,
          text: [option[2] as string],
          correct: option[1] !== ' ',
          feedback: [],
        };
        items.push(current);
        continue;
      }
      const step = type === 'order' ? STEP.exec(line) : null;
      if (step) {
        current = {
          kind: 'step',
          index: j,
          text: [step[1] as string],
          correct: true,
          feedback: [],
        };
        items.push(current);
        continue;
      }
    }
    if (!current) {
      stemLines.push(line);
      continue;
    }
    if (line.trim() === '') continue;
    const feedback = current.kind === 'option' ? FEEDBACK.exec(line) : null;
    if (feedback) current.feedback.push(feedback[1] as string);
    else if (INDENTED.test(line))
      (current.feedback.length ? current.feedback : current.text).push(line.trim());
    else if (!strayReported) {
      strayReported = true;
      report(
        j,
        'stray-text',
        'text after the options is not shown; indent it under an option, or move it above them',
        'warning',
      );
    }
  }
  const options: QuizOption[] = [];
  const optionIndex: number[] = [];
  const steps: OrderStep[] = [];
  const seen = new Set<string>();
  for (const item of items) {
    const text = item.text.join(' ').trim();
    let id = `${item.kind === 'option' ? 'o' : 's'}${hashString(text.replace(/\s+/g, ' ')).toString(36)}`;
    if (seen.has(id)) {
      report(item.index, 'duplicate-option', `"${text}" is listed twice`);
      let n = 2;
      while (seen.has(`${id}-${n}`)) n++;
      id = `${id}-${n}`;
    }
    seen.add(id);
    if (item.kind === 'option') {
      const feedback = item.feedback.join('\n').trim();
      options.push({
        id,
        text,
        correct: item.correct,
        ...(feedback ? { feedback } : {}),
        line: ctx.firstLine + item.index,
      });
      optionIndex.push(item.index);
    } else steps.push({ id, text, line: ctx.firstLine + item.index });
  }
  return { stem: stemLines.join('\n').trim(), options, optionIndex, steps };
}

const ACCEPT_ITEM = /^[-*+][ \t]+(.*?)\s*$/;

function readAccept(
  ctx: BankContext,
  section: Section | undefined,
  type: QuestionType | undefined,
  report: (index: number, code: string, message: string, severity?: 'error' | 'warning') => void,
): string[] {
  if (!section) return [];
  if (type !== undefined && type !== 'command') {
    report(
      section.from - 1,
      'unexpected-accept',
      `"#### Accept" is only read for command questions, not ${type}`,
      'warning',
    );
  }
  const accept: string[] = [];
  for (let j = section.from; j < section.to; j++) {
    const item = ACCEPT_ITEM.exec(ctx.lines[j] as string);
    if (!item) continue;
    const raw = item[1] as string;
    // `cmd` or ``cmd with a ` in it``.
    const code = /^(`+)\s?(.*?)\s?\1$/.exec(raw);
    const command = code ? (code[2] as string) : raw;
    if (!code) report(j, 'accept-not-code', 'write each accepted command in backticks', 'warning');
    const trouble = acceptEntryProblem(command);
    if (trouble)
      report(
        j,
        trouble.severity === 'error' ? 'bad-accept' : 'unknown-command',
        `accepted answer \`${command}\`: ${trouble.message}`,
        trouble.severity,
      );
    if (trouble?.severity !== 'error') accept.push(command);
  }
  return accept;
}

function readVerify(
  ctx: BankContext,
  section: Section,
  problems: ContentProblem[],
): VerifyProbe | undefined {
  let open = section.from;
  while (open < section.to && (ctx.lines[open] as string).trim() === '') open++;
  if (open >= section.to || !YAML_OPEN.test(ctx.lines[open] as string)) {
    problems.push(
      problem(
        ctx.file,
        section.line,
        'bad-verify',
        '"#### Verify" needs a ```yaml block with steps and checks',
      ),
    );
    return undefined;
  }
  let close = open + 1;
  while (close < section.to && !FENCE_CLOSE.test(ctx.lines[close] as string)) close++;
  if (close >= section.to) {
    problems.push(
      problem(
        ctx.file,
        ctx.firstLine + open,
        'bad-yaml',
        'the ```yaml block under "#### Verify" is not closed',
      ),
    );
    return undefined;
  }
  const firstLine = ctx.firstLine + open + 1;
  const parsed = parseYamlWithLines(
    ctx.lines.slice(open + 1, close).join('\n'),
    ctx.file,
    firstLine,
  );
  if (parsed.problems.length) {
    problems.push(...parsed.problems);
    return undefined;
  }
  const result = verifySchema.safeParse(parsed.data ?? {});
  if (!result.success) {
    for (const issue of result.error.issues) {
      const where =
        issue.code === 'unrecognized_keys'
          ? [issue.keys[0] ?? '']
          : issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p));
      const what =
        issue.code === 'unrecognized_keys'
          ? `unknown key "${issue.keys.join('", "')}"; use files, steps, checks`
          : issue.message;
      const path = issue.path.length ? `${issue.path.map(String).join('.')}: ` : '';
      problems.push(
        problem(
          ctx.file,
          parsed.data == null ? firstLine : parsed.lineOf(where),
          'bad-verify',
          `Verify ${path}${what}`,
        ),
      );
    }
    return undefined;
  }
  // Each check must also be a valid lab check (fields per kind, matchers, refs).
  const checks: Check[] = [];
  let checksOk = true;
  result.data.checks.forEach((raw, index) => {
    const check = checkSchema.safeParse(raw);
    if (check.success) {
      checks.push(check.data);
      return;
    }
    checksOk = false;
    for (const issue of check.error.issues) {
      const inner =
        issue.code === 'unrecognized_keys'
          ? [issue.keys[0] ?? '']
          : issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p));
      const what =
        issue.code === 'unrecognized_keys'
          ? `unknown key "${issue.keys.join('", "')}"`
          : issue.message;
      const path = ['checks', index, ...issue.path.map(String)].join('.');
      problems.push(
        problem(
          ctx.file,
          parsed.lineOf(['checks', index, ...inner]),
          'bad-verify',
          `Verify ${path}: ${what}`,
        ),
      );
    }
  });
  if (!checksOk) return undefined;
  const { files } = result.data;
  const steps: ProbeStep[] = result.data.steps.map((step) =>
    Array.isArray(step) ? { argv: step } : { argv: step.argv, as: step.as },
  );
  if (!namedStepsResolve(steps, checks, parsed.lineOf, ctx.file, problems)) return undefined;
  const removals = unknownRemovals(
    steps.map((step, index) => ({ argv: step.argv, line: parsed.lineOf(['steps', index]) })),
  );
  for (const found of removals)
    problems.push(problem(ctx.file, found.line, 'bad-verify', `Verify: ${found.message}`));
  if (removals.length) return undefined;
  return { ...(files ? { files } : {}), steps, checks, line: section.line };
}

/** Step names are unique, and every `output` check reads a step that exists. */
function namedStepsResolve(
  steps: readonly ProbeStep[],
  checks: readonly Check[],
  lineOf: (path: readonly (string | number)[]) => number,
  file: string,
  problems: ContentProblem[],
): boolean {
  let ok = true;
  const names = new Set<string>();
  steps.forEach((step, index) => {
    if (step.as === undefined) return;
    if (names.has(step.as)) {
      ok = false;
      problems.push(
        problem(
          file,
          lineOf(['steps', index, 'as']),
          'bad-verify',
          `Verify steps.${index}.as: "${step.as}" names two steps`,
        ),
      );
    }
    names.add(step.as);
  });
  checks.forEach((check, index) => {
    if (check.kind !== 'output' || names.has(check.step)) return;
    ok = false;
    const known = names.size ? `named steps: ${[...names].join(', ')}` : 'no step has an as: name';
    problems.push(
      problem(
        file,
        lineOf(['checks', index, 'step']),
        'bad-verify',
        `Verify checks.${index}.step: no step is named "${check.step}" (${known})`,
      ),
    );
  });
  return ok;
}
