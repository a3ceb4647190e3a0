/**
 * Reads lab.md files: front matter, `## Task: id` sections with their ```check blocks,
 * `#### Hint` bullets and `#### Solution` (```sh docker lines and ```file PATH blocks).
 * Every problem comes back as file:line, with YAML errors at their real line.
 */
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { splitFrontMatter, parseYamlWithLines } from '../content/frontmatter.js';
import { problem, type ContentProblem } from '../content/problems.js';
import type { ContentRoot } from '../content/paths.js';
import { lessonLookup } from '../content/lessons.js';
import { qualify, resolveIn } from '../content/namespace.js';
import { DOMAIN_IDS } from '../content/domains.js';
import { LAB_CHECK_KINDS, LESSON_REF, checkSchema, type Check } from './checks/schema.js';
import { undeclaredNames, unknownRemovals } from './step-policy.js';
import { ArgvError, joinContinuations, parseDockerLine, stepArgvSchema } from './argv.js';
import type {
  CheckLocation,
  Lab,
  LabFrontMatter,
  LabSolution,
  LabSummary,
  LabTask,
  SolutionCommand,
  SolutionFile,
} from './types.js';
import { readContentText } from '../content/read-content.js';
import { PORT_REFERENCE, substitutePorts, type LabPorts } from './ports.js';
import { ID } from '../content/ids.js';

const names = z.array(z.string().min(1)).default([]);

export const labFrontMatterSchema = z.strictObject({
  id: z.string().regex(ID, 'id must be lowercase a-z, 0-9 and hyphens'),
  title: z.string().min(1),
  lesson: z.string().regex(ID, 'lesson must be a lesson id').optional(),
  domain: z.enum(DOMAIN_IDS as [string, ...string[]]).optional(),
  minutes: z.number().int().positive().optional(),
  images: names,
  ports: z
    .record(
      z.string().regex(ID, 'a port name is lowercase a-z, 0-9 and hyphens, e.g. registry'),
      z
        .number({ message: 'a port is a number from 1024 to 65535' })
        .int('a port is a number from 1024 to 65535')
        .min(1024, 'a port is a number from 1024 to 65535')
        .max(65535, 'a port is a number from 1024 to 65535'),
    )
    .default({}),
  resources: z
    .strictObject({ containers: names, images: names, volumes: names, networks: names })
    .default({ containers: [], images: [], volumes: [], networks: [] }),
  setup: z.array(stepArgvSchema).default([]),
});

export interface ParsedLab {
  /** Undefined when the front matter is unusable. */
  readonly lab: Lab | undefined;
  /** The front matter's id even when the rest is broken (for duplicate-id lint). */
  readonly id?: string;
  readonly problems: readonly ContentProblem[];
}

type Mode = 'intro' | 'prose' | 'hint' | 'solution' | 'other';

interface TaskDraft {
  id: string;
  line: number;
  prose: string[];
  checks: Check[];
  checkLocations: CheckLocation[];
  checkBlocks: number;
  hints: string[];
  files: SolutionFile[];
  commands: SolutionCommand[];
  hasSolution: boolean;
}

const FENCE_OPEN = /^(\s*)(`{3,}|~{3,})\s*([^`\s]*)\s*(.*)$/;

function zodProblems(
  file: string,
  issues: readonly z.core.$ZodIssue[],
  lineOf: (path: readonly (string | number)[]) => number,
  prefix: readonly (string | number)[],
  raw: unknown,
  what: string,
): ContentProblem[] {
  return issues.flatMap((issue) => {
    const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) =>
        problem(
          file,
          lineOf([...prefix, ...path, key]),
          'unknown-field',
          `${what}: unknown field "${[...path, key].join('.')}"`,
        ),
      );
    }
    let value: unknown = raw;
    for (const key of path)
      value =
        value && typeof value === 'object'
          ? (value as Record<string | number, unknown>)[key]
          : undefined;
    const where = path.length ? `"${path.join('.')}"` : '';
    const message =
      issue.code === 'invalid_type' && value === undefined && path.length
        ? `missing field ${where}`
        : `${where ? `${where}: ` : ''}${issue.message}`;
    return [
      problem(
        file,
        lineOf([...prefix, ...path]),
        issue.code === 'invalid_type' && value === undefined ? 'missing-field' : 'invalid-field',
        `${what}: ${message}`,
      ),
    ];
  });
}

function parseCheckBlock(
  text: string,
  file: string,
  firstLine: number,
  problems: ContentProblem[],
): { checks: Check[]; locations: CheckLocation[] } {
  const parsed = parseYamlWithLines(text, file, firstLine);
  problems.push(...parsed.problems);
  if (parsed.problems.length) return { checks: [], locations: [] };
  const data = parsed.data;
  if (data === undefined || data === null) {
    problems.push(problem(file, firstLine - 1, 'empty-check', 'empty ```check block'));
    return { checks: [], locations: [] };
  }
  const list = Array.isArray(data) ? data : [data];
  const prefix = (i: number): (string | number)[] => (Array.isArray(data) ? [i] : []);
  const checks: Check[] = [];
  const locations: CheckLocation[] = [];
  list.forEach((item, i) => {
    const line = parsed.lineOf(prefix(i));
    if (!item || typeof item !== 'object' || Array.isArray(item)) {
      problems.push(problem(file, line, 'invalid-check', 'a check must be a map with a "kind"'));
      return;
    }
    const kind = (item as Record<string, unknown>).kind;
    if (kind === undefined) {
      problems.push(
        problem(
          file,
          line,
          'missing-field',
          `check is missing "kind" (one of ${LAB_CHECK_KINDS.join(', ')})`,
        ),
      );
      return;
    }
    if (!(LAB_CHECK_KINDS as readonly unknown[]).includes(kind)) {
      const why =
        kind === 'output'
          ? '"output" checks read a named step of a quiz Verify block; a lab checks state'
          : `unknown check kind "${String(kind)}"`;
      problems.push(
        problem(
          file,
          parsed.lineOf([...prefix(i), 'kind']),
          'unknown-check-kind',
          `${why} (expected one of ${LAB_CHECK_KINDS.join(', ')})`,
        ),
      );
      return;
    }
    const result = checkSchema.safeParse(item);
    if (!result.success) {
      problems.push(
        ...zodProblems(
          file,
          result.error.issues,
          parsed.lineOf,
          prefix(i),
          item,
          `${String(kind)} check`,
        ),
      );
      return;
    }
    checks.push(result.data);
    const hasRef = typeof (item as Record<string, unknown>).ref === 'string';
    locations.push({ line, ...(hasRef ? { refLine: parsed.lineOf([...prefix(i), 'ref']) } : {}) });
  });
  return { checks, locations };
}

function parseSolutionCommands(
  body: { text: string; line: number }[],
  file: string,
  problems: ContentProblem[],
): SolutionCommand[] {
  const commands: SolutionCommand[] = [];
  const meaningful = body.filter(
    (entry) => entry.text.trim() !== '' && !entry.text.trim().startsWith('#'),
  );
  for (const entry of joinContinuations(meaningful)) {
    const text = entry.text.trim().replace(/^\$\s+/, '');
    try {
      commands.push({ argv: parseDockerLine(text), text, line: entry.line });
    } catch (error) {
      if (!(error instanceof ArgvError)) throw error;
      problems.push(
        problem(file, entry.line, 'solution-not-docker', `solution line: ${error.message}`),
      );
    }
  }
  return commands;
}

function validFilePath(path: string): boolean {
  return (
    path !== '' &&
    !path.startsWith('/') &&
    !/^[A-Za-z]:[\\/]/.test(path) &&
    !path.split(/[\\/]/).includes('..')
  );
}

export interface LabReadOptions {
  /** The ports chosen for this lab on this machine (see ports.ts); default: the wanted ones. */
  readonly ports?: LabPorts;
}

/** The `ports:` the front matter asks for, overridden by the chosen ones (known names only). */
function portsFor(text: string, file: string, chosen: LabPorts = {}): LabPorts {
  const data = splitFrontMatter(text, file).data as { ports?: unknown } | undefined;
  const wanted = data?.ports;
  if (!wanted || typeof wanted !== 'object' || Array.isArray(wanted)) return {};
  const out: Record<string, number> = {};
  for (const [name, port] of Object.entries(wanted as Record<string, unknown>))
    if (typeof port === 'number') out[name] = chosen[name] ?? port;
  return out;
}

function portsField(declared: LabPorts, chosen: LabPorts): { ports: LabPorts } {
  return { ports: { ...declared, ...chosen } };
}

export function parseLab(text: string, file: string, options: LabReadOptions = {}): ParsedLab {
  const problems: ContentProblem[] = [];
  // `${port.name}` becomes the lab's port before anything else reads the text, so checks,
  // steps and resources validate and run with real numbers.
  const ports = text.includes('${port.') ? portsFor(text, file, options.ports) : {};
  text = substitutePorts(text, ports);
  text.split('\n').forEach((line, index) => {
    for (const match of line.matchAll(PORT_REFERENCE))
      problems.push(
        problem(
          file,
          index + 1,
          'unknown-port',
          `"\${port.${match[1]}}" names no port: declare it under ports: in the front matter, e.g. ports: { ${match[1]}: 5000 }`,
        ),
      );
  });
  const fm = splitFrontMatter(text, file);
  problems.push(...fm.problems);
  let front: LabFrontMatter | undefined;
  if (fm.data !== undefined) {
    const result = labFrontMatterSchema.safeParse(fm.data);
    // `ports:` itself holds the wanted numbers; the lab runs with the chosen ones.
    if (result.success)
      front = { ...(result.data as LabFrontMatter), ...portsField(result.data.ports, ports) };
    else
      problems.push(
        ...zodProblems(file, result.error.issues, fm.lineOf, [], fm.data, 'front matter'),
      );
  }

  const lines = fm.body.split(/\r?\n/);
  const intro: string[] = [];
  const tasks: TaskDraft[] = [];
  let task: TaskDraft | undefined;
  let mode: Mode = 'intro';
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!;
    const lineNo = fm.bodyLine + i;
    const fence = FENCE_OPEN.exec(raw);
    if (fence) {
      // Collect the whole fenced block.
      const marker = fence[2]!;
      const info = fence[3] ?? '';
      const rest = (fence[4] ?? '').trim();
      const closer = new RegExp(`^\\s*${marker[0] === '`' ? '`' : '~'}{${marker.length},}\\s*$`);
      const body: { text: string; line: number }[] = [];
      let j = i + 1;
      while (j < lines.length && !closer.test(lines[j]!)) {
        body.push({ text: lines[j]!, line: fm.bodyLine + j });
        j++;
      }
      if (j >= lines.length)
        problems.push(problem(file, lineNo, 'unclosed-fence', 'code block is not closed'));
      const blockLines = lines.slice(i, Math.min(j + 1, lines.length));
      i = j;
      if (info === 'check') {
        if (!task || mode === 'solution' || mode === 'hint') {
          problems.push(
            problem(
              file,
              lineNo,
              'misplaced-check',
              task
                ? '```check belongs in the task text, before #### Hint and #### Solution'
                : '```check outside a "## Task:" section',
            ),
          );
          continue;
        }
        const parsed = parseCheckBlock(
          body.map((b) => b.text).join('\n'),
          file,
          lineNo + 1,
          problems,
        );
        task.checks.push(...parsed.checks);
        task.checkLocations.push(...parsed.locations);
        task.checkBlocks++;
        continue;
      }
      if (task && mode === 'solution') {
        if (info === 'sh' || info === 'bash' || info === 'shell' || info === 'console') {
          task.commands.push(...parseSolutionCommands(body, file, problems));
        } else if (info === 'file') {
          if (!rest || !validFilePath(rest))
            problems.push(
              problem(
                file,
                lineNo,
                'bad-file-path',
                '```file needs a workspace-relative path without "..", e.g. ```file Dockerfile',
              ),
            );
          else
            task.files.push({
              path: rest,
              content: body.map((b) => b.text).join('\n') + '\n',
              line: lineNo,
            });
        } else {
          problems.push(
            problem(
              file,
              lineNo,
              'solution-block',
              `a solution holds \`\`\`sh and \`\`\`file PATH blocks, not \`\`\`${info || '(no language)'}`,
            ),
          );
        }
        continue;
      }
      if (mode === 'intro') intro.push(...blockLines);
      else if (task && mode === 'prose') task.prose.push(...blockLines);
      continue;
    }

    const h2 = /^##\s+(.*?)\s*#*\s*$/.exec(raw);
    if (h2 && !raw.startsWith('###')) {
      const taskMatch = /^Task:\s*(.*)$/i.exec(h2[1]!);
      if (taskMatch) {
        const id = taskMatch[1]!.trim();
        if (!ID.test(id))
          problems.push(
            problem(
              file,
              lineNo,
              'bad-task-id',
              `task id "${id}" must be lowercase a-z, 0-9 and hyphens`,
            ),
          );
        task = {
          id,
          line: lineNo,
          prose: [],
          checks: [],
          checkLocations: [],
          checkBlocks: 0,
          hints: [],
          files: [],
          commands: [],
          hasSolution: false,
        };
        tasks.push(task);
        mode = 'prose';
      } else {
        task = undefined;
        mode = 'other';
      }
      continue;
    }
    const h4 = /^#{3,6}\s+(.*?)\s*$/.exec(raw);
    if (h4 && task) {
      const title = h4[1]!.toLowerCase();
      if (title === 'hint' || title === 'hints') mode = 'hint';
      else if (title === 'solution') {
        mode = 'solution';
        task.hasSolution = true;
      } else {
        mode = 'prose';
        task.prose.push(raw);
      }
      continue;
    }
    if (mode === 'intro') intro.push(raw);
    else if (task && mode === 'prose') task.prose.push(raw);
    else if (task && mode === 'hint') {
      const bullet = /^\s*[-*+]\s+(.*)$/.exec(raw);
      if (bullet) task.hints.push(bullet[1]!.trim());
      else if (raw.trim() && task.hints.length)
        task.hints[task.hints.length - 1] += ` ${raw.trim()}`;
      else if (raw.trim()) task.hints.push(raw.trim());
    }
  }

  const seen = new Map<string, number>();
  for (const t of tasks) {
    const first = seen.get(t.id);
    if (first !== undefined)
      problems.push(
        problem(
          file,
          t.line,
          'duplicate-task-id',
          `task id "${t.id}" is already used on line ${first}`,
        ),
      );
    else seen.set(t.id, t.line);
    if (t.checks.length === 0 && t.checkBlocks === 0)
      problems.push(
        problem(file, t.line, 'task-without-checks', `task "${t.id}" has no \`\`\`check block`),
      );
    if (!t.hasSolution)
      problems.push(
        problem(
          file,
          t.line,
          'task-without-solution',
          `task "${t.id}" has no #### Solution (self-test and skip need one)`,
        ),
      );
    else if (t.commands.length === 0 && t.files.length === 0)
      problems.push(
        problem(
          file,
          t.line,
          'empty-solution',
          `task "${t.id}": #### Solution has no \`\`\`sh or \`\`\`file block`,
        ),
      );
  }
  if (tasks.length === 0)
    problems.push(
      problem(file, fm.bodyLine, 'no-tasks', 'a lab needs at least one "## Task: id" section'),
    );

  if (front) {
    const { containers, images, volumes, networks } = front.resources;
    const steps = [
      ...front.setup.map((argv, i) => ({ argv, line: fm.lineOf(['setup', i]) })),
      ...tasks.flatMap((t) => t.commands.map((c) => ({ argv: c.argv, line: c.line }))),
    ];
    for (const found of undeclaredNames(
      tasks.flatMap((t) => t.commands),
      front.resources,
    ))
      problems.push(problem(file, found.line, 'undeclared-name', found.message));
    for (const found of unknownRemovals(steps, [...containers, ...images, ...volumes, ...networks]))
      problems.push(problem(file, found.line, 'step-policy', found.message));
  }

  const lab: Lab | undefined = front && {
    ...front,
    file,
    dir: dirname(file),
    intro: intro.join('\n').trim(),
    tasks: tasks.map((t): LabTask => ({
      id: t.id,
      line: t.line,
      prose: t.prose.join('\n').trim(),
      checks: t.checks,
      checkLocations: t.checkLocations,
      hints: t.hints,
      solution: { files: t.files, commands: t.commands } satisfies LabSolution,
    })),
  };
  const rawId = (fm.data as { id?: unknown } | undefined)?.id;
  problems.sort((a, b) => a.line - b.line);
  return { lab, problems, ...(typeof rawId === 'string' ? { id: rawId } : {}) };
}

export function readLab(file: string, options: LabReadOptions = {}): ParsedLab {
  return parseLab(readContentText(file), file, options);
}

/** lab.md files under `<root>/lessons/*`, in lesson order. */
export function labFiles(root: ContentRoot): string[] {
  const lessons = join(root.dir, 'lessons');
  if (!existsSync(lessons)) return [];
  return readdirSync(lessons, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => join(lessons, entry.name, 'lab.md'))
    .filter((file) => existsSync(file))
    .sort();
}

/**
 * A lab of `root` as the app uses it: the one place its id, lesson and check refs get the
 * root's namespace (`<pack>/<id>`; bundled labs are returned as parsed). Lint reads labs
 * with readLab instead, so authors see the ids they wrote.
 */
export function readRootLab(
  root: ContentRoot,
  file: string,
  hasLesson: (id: string) => boolean = lessonLookup(root),
  options: LabReadOptions = {},
): ParsedLab {
  const parsed = readLab(file, options);
  if (!root.pack) return parsed;
  const local = (ref: string) => resolveIn(root, ref, hasLesson);
  const lab = parsed.lab && {
    ...parsed.lab,
    id: qualify(root, parsed.lab.id),
    ...(parsed.lab.lesson ? { lesson: local(parsed.lab.lesson) } : {}),
    tasks: parsed.lab.tasks.map((task) => ({
      ...task,
      checks: task.checks.map((check) => (check.ref ? { ...check, ref: local(check.ref) } : check)),
    })),
  };
  return {
    ...parsed,
    lab,
    ...(parsed.id !== undefined ? { id: qualify(root, parsed.id) } : {}),
  };
}

/**
 * The lab index: front matter only, so listing stays cheap. Broken labs are left out. Ids
 * and lessons are namespaced as readRootLab does.
 */
export function listLabs(root: ContentRoot): LabSummary[] {
  const out: LabSummary[] = [];
  const hasLesson = root.pack ? lessonLookup(root) : () => false;
  for (const file of labFiles(root)) {
    const fm = splitFrontMatter(readContentText(file), file);
    const parsed = labFrontMatterSchema.safeParse(fm.data);
    if (!parsed.success) continue;
    const { id, title, lesson, domain, minutes } = parsed.data;
    out.push({
      id: qualify(root, id),
      title,
      file,
      dir: dirname(file),
      ...(lesson ? { lesson: resolveIn(root, lesson, hasLesson) } : {}),
      ...(domain ? { domain: domain as LabSummary['domain'] } : {}),
      ...(minutes ? { minutes } : {}),
    });
  }
  return out;
}

/**
 * Answers whether `lesson-id#section` (or a bare `lesson-id`) exists: true, false, or a
 * message saying what is wrong.
 */
export type RefResolver = (ref: string) => boolean | string;

/**
 * Lints every lab of a content root: parse problems, duplicate lab ids, and (with a
 * resolver) lesson refs that point nowhere.
 */
export function lintLabs(root: ContentRoot, resolveRef?: RefResolver): ContentProblem[] {
  const problems: ContentProblem[] = [];
  const ids = new Map<string, string>();
  for (const file of labFiles(root)) {
    const { lab, id, problems: found } = readLab(file);
    problems.push(...found);
    if (id !== undefined) {
      const other = ids.get(id);
      if (other)
        problems.push(
          problem(file, 2, 'duplicate-lab-id', `lab id "${id}" is also used by ${other}`),
        );
      else ids.set(id, file);
    }
    if (!lab) continue;
    if (resolveRef) {
      if (lab.lesson) {
        // A bare lesson id (no #section): resolvers answer for those too.
        const answer = resolveRef(lab.lesson);
        if (answer !== true) {
          problems.push(
            problem(
              file,
              2,
              'unknown-lesson',
              typeof answer === 'string' ? answer : `lesson "${lab.lesson}" does not exist`,
            ),
          );
        }
      }
      for (const task of lab.tasks) {
        task.checks.forEach((check, index) => {
          if (!check.ref) return;
          const answer = resolveRef(check.ref);
          if (answer === true) return;
          const line = task.checkLocations[index]?.refLine ?? task.line;
          problems.push(
            problem(
              file,
              line,
              'unknown-ref',
              typeof answer === 'string'
                ? answer
                : `ref "${check.ref}" points at no lesson section`,
            ),
          );
        });
      }
    }
  }
  return problems;
}

export { LESSON_REF };
