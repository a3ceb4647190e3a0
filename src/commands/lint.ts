import { isAbsolute, relative, resolve } from 'node:path';
import type { ParsedArgs } from '../cli/args.js';
import { lintCourse } from '../course/lint-course.js';
import { packProblem, packRoot } from '../content/paths.js';
import { formatProblem, type ContentProblem } from '../content/problems.js';
import type { CommandContext } from '../cli/context.js';
import type { LintReport } from '../course/lint-course.js';

/** Runs every Verify probe on the engine and adds what they contradict to the report. */
async function withVerify(report: LintReport, context: CommandContext): Promise<LintReport> {
  const { Docker } = await import('../docker/index.js');
  const { verifyQuestions } = await import('../quiz/verify-banks.js');
  const { problems, outcomes } = await verifyQuestions(new Docker(), report.questions, {
    onProbe: (outcome, index, total) =>
      context.stderr.write(
        `verify ${index + 1}/${total} ${outcome.passed ? '✓' : '✗'} ${outcome.question.id} (${outcome.ms} ms)\n`,
      ),
  });
  const all = [...report.problems, ...problems];
  return {
    ...report,
    problems: all,
    errors: all.filter((p) => p.severity === 'error').length,
    warnings: all.filter((p) => p.severity === 'warning').length,
    verified: { probes: outcomes.length, failed: outcomes.filter((o) => !o.passed).length },
  };
}

/**
 * Lints DIR (default: every loaded content root); exit 1 on any error. DIR is linted as the
 * pack it will be (named after its folder), and its refs may point at bundled lessons: they
 * resolve against the bundled course, just as when the pack is loaded with --content.
 */
export async function run(args: ParsedArgs, context: CommandContext): Promise<number> {
  const dir = args.positionals[0];
  const problem = dir ? packProblem(dir) : undefined;
  if (problem) {
    context.stderr.write(`dockdrill lint: ${problem}\n`);
    return 2;
  }
  const bundled = context.roots.filter((root) => !root.pack);
  const roots = dir
    ? [bundled.find((root) => root.dir === resolve(dir)) ?? packRoot(dir)]
    : context.roots;
  const reports = [];
  for (const root of roots) {
    const linted = lintCourse(root, root.pack ? bundled : []);
    // The parsed questions are only needed for --verify; they stay out of the output.
    const { questions: _questions, ...report } = args.flags.verify
      ? await withVerify(linted, context)
      : linted;
    reports.push({ root: root.dir, ...report });
  }
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
      `${report.root}: ${lessons} lessons, ${questions} questions, ${labs} labs` +
        (report.verified
          ? `, ${report.verified.probes} Verify probes run (${report.verified.failed} failed)`
          : '') +
        ` — ${report.errors} errors, ${report.warnings} warnings\n`,
    );
  }
  return errors === 0 ? 0 : 1;
}

/** Paths under the working directory are shown relative to it, as compilers do. */
function shortPath(problem: ContentProblem): ContentProblem {
  const rel = relative(process.cwd(), problem.file);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? { ...problem, file: rel } : problem;
}
