import { isAbsolute, relative, resolve } from 'node:path';
import type { ParsedArgs } from '../cli/args.js';
import { lintCourse } from '../content/lint-course.js';
import { formatProblem, type ContentProblem } from '../content/problems.js';
import type { CommandContext } from './context.js';

/** Lints DIR (default: every loaded content root); exit 1 on any error. */
export async function run(args: ParsedArgs, context: CommandContext): Promise<number> {
  const dir = args.positionals[0];
  const roots = dir ? [{ dir: resolve(dir), pack: 'pack' }] : context.roots;
  const reports = roots.map((root) => ({ root: root.dir, ...lintCourse(root) }));
  const errors = reports.reduce((sum, report) => sum + report.errors, 0);
  if (args.flags.json) {
    context.stdout.write(JSON.stringify({ ok: errors === 0, roots: reports }, null, 2) + '\n');
    return errors === 0 ? 0 : 1;
  }
  for (const report of reports) {
    for (const problem of report.problems)
      context.stdout.write(formatProblem(shortPath(problem)) + '\n');
    const { lessons, questions, labs } = report.counted;
    context.stdout.write(
      `${report.root}: ${lessons} lessons, ${questions} questions, ${labs} labs — ${report.errors} errors, ${report.warnings} warnings\n`,
    );
  }
  return errors === 0 ? 0 : 1;
}

/** Paths under the working directory are shown relative to it, as compilers do. */
function shortPath(problem: ContentProblem): ContentProblem {
  const rel = relative(process.cwd(), problem.file);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? { ...problem, file: rel } : problem;
}
