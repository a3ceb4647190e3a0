/**
 * `dockdrill lab [id]` opens the Labs list or one lab (interactive);
 * `dockdrill lab selftest [id|--all] [--json]` proves labs work (headless, CI runs it):
 * setup -> every check fails -> the solutions -> every check passes -> cleanup -> nothing
 * left. The registry marks `lab` as not interactive so the selftest is never blocked by
 * the TTY rule; this file refuses the interactive part itself when there is no terminal.
 */
import type { ParsedArgs } from '../cli/args.js';
import { formatProblem } from '../content/problems.js';
import { Docker, DockerError } from '../docker/index.js';
import { allLabs, loadLab, parseAllLabs } from '../labs/catalog.js';
import { selftest, type SelftestReport } from '../labs/engine.js';
import type { Lab } from '../labs/types.js';
import { checkJson, checkLines } from './check-report.js';
import type { CommandContext } from '../cli/context.js';
import { headlessApprovalProblem } from '../labs/approval.js';
import { readProgressOrEmpty } from '../progress/open-store.js';

export async function run(args: ParsedArgs, context: CommandContext): Promise<number> {
  if (args.positionals[0] === 'selftest') return runSelftest(args, context);
  const id = args.positionals[0];
  if (args.positionals.length > 1) {
    context.stderr.write(
      `dockdrill lab: too many arguments (${args.positionals.join(' ')}). Usage: dockdrill lab [id]\n`,
    );
    return 2;
  }
  if (id !== undefined) {
    const loaded = loadLab(context.roots, id);
    if (!loaded.ok) {
      if (loaded.problems.length)
        context.stderr.write(
          `dockdrill lab: lab "${id}" cannot be used:\n${loaded.problems.map(formatProblem).join('\n')}\n`,
        );
      else context.stderr.write(unknownLab(id, context));
      return 2;
    }
  }
  if (!context.interactive) {
    context.stderr.write(
      'dockdrill lab is interactive and needs a terminal (stdin and stdout must be a TTY).\n' +
        'Headless: `dockdrill check <lab> --json` checks a lab, `dockdrill lab selftest --all` tests them.\n',
    );
    return 2;
  }
  const { runApp } = await import('../ui/run-app.js');
  return runApp(context, id ? { name: 'lab', id } : { name: 'labs' });
}

function unknownLab(id: string, context: CommandContext): string {
  const ids = allLabs(context.roots).map((lab) => lab.id);
  return `dockdrill lab: no lab "${id}". Labs: ${ids.join(', ') || '(none)'}\n`;
}

interface SelftestEntry {
  readonly id: string;
  readonly file?: string;
  readonly report?: SelftestReport;
  /** Why it could not run at all (broken lab, docker down). */
  readonly error?: string;
}

async function runSelftest(args: ParsedArgs, context: CommandContext): Promise<number> {
  const json = Boolean(args.flags.json);
  const id = args.positionals[1];
  if (args.positionals.length > 2 || (id && args.flags.all) || (!id && !args.flags.all)) {
    context.stderr.write('Usage: dockdrill lab selftest <id> | --all [--json]\n');
    return 2;
  }
  // Which labs: one by id, or every lab.md of the loaded roots (broken ones fail the run).
  const targets: { id: string; file?: string; lab?: Lab; error?: string }[] = [];
  if (id) {
    const loaded = loadLab(context.roots, id);
    if (!loaded.ok) {
      if (!loaded.problems.length) {
        context.stderr.write(unknownLab(id, context));
        return 2;
      }
      targets.push({ id, error: loaded.problems.map(formatProblem).join('\n') });
    } else targets.push({ id, file: loaded.lab.file, lab: loaded.lab });
  } else {
    for (const parsed of parseAllLabs(context.roots)) {
      const errors = parsed.problems.filter((p) => p.severity === 'error');
      if (!parsed.lab || errors.length)
        targets.push({
          id: parsed.lab?.id ?? parsed.file,
          file: parsed.file,
          error: errors.map(formatProblem).join('\n') || 'the lab cannot be parsed',
        });
      else targets.push({ id: parsed.lab.id, file: parsed.file, lab: parsed.lab });
    }
  }
  // A pack lab runs its steps only once the learner approved it, or with --trust-pack.
  const stored = readProgressOrEmpty(context);
  for (const target of targets) {
    const why = target.lab
      ? headlessApprovalProblem(target.lab, stored, Boolean(args.flags['trust-pack']))
      : undefined;
    if (why) {
      delete target.lab;
      target.error = why;
    }
  }
  // Progress goes to stderr with --json so stdout stays one JSON document.
  const progress = json ? context.stderr : context.stdout;
  const docker = new Docker();
  const entries: SelftestEntry[] = [];
  for (const [index, target] of targets.entries()) {
    progress.write(`[${index + 1}/${targets.length}] ${target.id}\n`);
    if (!target.lab) {
      progress.write(`  ✗ ${target.error}\n`);
      entries.push({
        id: target.id,
        ...(target.file ? { file: target.file } : {}),
        error: target.error!,
      });
      continue;
    }
    try {
      const labId = target.lab.id;
      const report = await selftest(docker, target.lab, {
        onProgress: (message) => progress.write(`  · ${message}\n`),
        reload: (ports) => {
          const again = loadLab(context.roots, labId, { ports });
          return again.ok ? again.lab : undefined;
        },
      });
      entries.push({ id: target.id, file: target.lab.file, report });
      if (!json) context.stdout.write(reportLines(report).join('\n') + '\n');
      else progress.write(`  ${report.ok ? 'PASS' : 'FAIL'} in ${seconds(report.durationMs)}\n`);
    } catch (error) {
      const message =
        error instanceof DockerError ? `${error.message} ${error.fix}` : (error as Error).message;
      progress.write(`  ✗ ${message}\n`);
      entries.push({ id: target.id, file: target.lab.file, error: message });
    }
  }
  const passed = entries.filter((e) => e.report?.ok).length;
  const ok = passed === entries.length;
  if (json) {
    context.stdout.write(JSON.stringify({ ok, labs: entries.map(entryJson) }, null, 2) + '\n');
  } else {
    context.stdout.write(
      `${entries.length} lab${entries.length === 1 ? '' : 's'}: ${passed} passed, ${entries.length - passed} failed\n`,
    );
  }
  return ok ? 0 : 1;
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

function reportLines(report: SelftestReport): string[] {
  const lines: string[] = [];
  for (const task of report.tasks) {
    const failedBefore = task.before.filter((r) => !r.passed).length;
    const passedAfter = task.after.filter((r) => r.passed).length;
    const good =
      failedBefore === task.before.length &&
      passedAfter === task.after.length &&
      !task.solutionError;
    lines.push(
      `  ${good ? '✓' : '✗'} task ${task.task}: ${failedBefore}/${task.before.length} checks failed before the solution, ${passedAfter}/${task.after.length} passed after`,
    );
    if (!good) {
      for (const r of task.before.filter((r) => r.passed))
        lines.push(`      passes too early: ${r.message}`);
      for (const r of task.after.filter((r) => !r.passed)) lines.push(...checkLines(r, '      '));
      if (task.solutionError) lines.push(`      solution failed: ${task.solutionError}`);
    }
  }
  // Every object the self-test removes is named: the learner sees exactly what went.
  const named = (items: readonly { kind: string; name: string }[]) =>
    items.map((item) => `${item.kind} ${item.name}`).join(', ');
  if (report.earlierLeftovers?.removed.length)
    lines.push(`  removed leftovers of an earlier run: ${named(report.earlierLeftovers.removed)}`);
  const removed = report.cleanup?.removed ?? [];
  lines.push(
    `  cleanup: removed ${removed.length} object${removed.length === 1 ? '' : 's'}${removed.length ? ` (${named(removed)})` : ''}; ${report.leftovers.length ? `LEFT: ${report.leftovers.join(', ')}` : 'nothing left'}`,
  );
  for (const problem of report.problems) lines.push(`  problem: ${problem}`);
  lines.push(`  ${report.ok ? 'PASS' : 'FAIL'} ${report.labId} in ${seconds(report.durationMs)}`);
  return lines;
}

function entryJson(entry: SelftestEntry) {
  const report = entry.report;
  return {
    id: entry.id,
    ...(entry.file ? { file: entry.file } : {}),
    ok: report?.ok ?? false,
    ...(entry.error ? { error: entry.error } : {}),
    ...(report
      ? {
          durationMs: report.durationMs,
          problems: report.problems,
          ...(report.setupError ? { setupError: report.setupError } : {}),
          tasks: report.tasks.map((task) => ({
            id: task.task,
            before: task.before.map(checkJson),
            after: task.after.map(checkJson),
            ...(task.solutionError ? { solutionError: task.solutionError } : {}),
          })),
          earlierLeftovers:
            report.earlierLeftovers?.removed.map((i) => `${i.kind} ${i.name}`) ?? [],
          cleanup: {
            removed: report.cleanup?.removed.map((i) => `${i.kind} ${i.name}`) ?? [],
            failed:
              report.cleanup?.failed.map((f) => `${f.item.kind} ${f.item.name}: ${f.error}`) ?? [],
          },
          leftovers: report.leftovers,
        }
      : {}),
  };
}
