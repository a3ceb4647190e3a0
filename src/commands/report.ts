/**
 * `dockdrill report [--format md|json|junit] [--student NAME] [--output FILE]`: a learner's
 * progress, exams and live lab state for handing in; `report merge <files...>`: the class
 * summary an instructor builds from the students' JSON reports.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import type { ParsedArgs } from '../cli/args.js';
import { Docker } from '../docker/index.js';
import { openStore } from '../progress/open-store.js';
import { buildReport, REPORT_FORMAT, type LearnerReport } from '../report/build-report.js';
import { reportJunit, reportMarkdown } from '../report/format-report.js';
import { classMarkdown, mergeReports } from '../report/merge-reports.js';
import type { CommandContext } from '../cli/context.js';
import { cleanDeep } from '../terminal/sanitize.js';

const FORMATS = ['md', 'json', 'junit'] as const;

export async function run(args: ParsedArgs, context: CommandContext): Promise<number> {
  const format = (args.flags.format as string | undefined) ?? 'md';
  if (!(FORMATS as readonly string[]).includes(format)) {
    context.stderr.write(`dockdrill report: unknown --format "${format}": use md, json or junit\n`);
    return 2;
  }
  const out = (text: string) => {
    const file = args.flags.output as string | undefined;
    if (file) {
      writeFileSync(file, text);
      context.stderr.write(`report written to ${file}\n`);
    } else context.stdout.write(text);
  };

  if (args.positionals[0] === 'merge') {
    const files = args.positionals.slice(1);
    if (files.length === 0) {
      context.stderr.write(
        'dockdrill report merge: give the JSON reports to merge: dockdrill report merge a.json b.json ...\n',
      );
      return 2;
    }
    const reports: LearnerReport[] = [];
    for (const file of files) {
      try {
        // Another learner's file: every string in it is untrusted (names, answers, messages).
        const report = cleanDeep(JSON.parse(readFileSync(file, 'utf8'))) as LearnerReport;
        if (report.format !== REPORT_FORMAT)
          throw new Error(
            `not a dockdrill JSON report (format is ${JSON.stringify(report.format)})`,
          );
        reports.push(report);
      } catch (error) {
        context.stderr.write(
          `dockdrill report merge: cannot read ${file}: ${(error as Error).message}\n`,
        );
        return 1;
      }
    }
    const summary = mergeReports(reports);
    out(format === 'json' ? JSON.stringify(summary, null, 2) + '\n' : classMarkdown(summary));
    return 0;
  }
  if (args.positionals.length > 0) {
    context.stderr.write(
      `dockdrill report: unknown argument "${args.positionals[0]}" (did you mean \`report merge\`?)\n`,
    );
    return 2;
  }

  const { store, home } = openStore(context);
  const report = await buildReport({
    student: (args.flags.student as string | undefined) ?? context.profile ?? userInfo().username,
    roots: context.roots,
    progress: store.read(),
    home,
    docker: new Docker(),
    onLab: (id) => context.stderr.write(`checking lab ${id}…\n`),
    trustPack: Boolean(args.flags['trust-pack']),
  });
  out(
    format === 'json'
      ? JSON.stringify(report, null, 2) + '\n'
      : format === 'junit'
        ? reportJunit(report)
        : reportMarkdown(report),
  );
  return 0;
}
