/**
 * `dockdrill check <lab> [--task t] [--json] [--workspace DIR]`: runs a lab's checks once,
 * headless, against the engine as it is (read-only: no setup, no cleanup). Exit 0 when
 * every check passes, 1 when one fails or the engine cannot be asked, 2 for usage errors.
 * Graders and CI autograding use the JSON: every check with expected and actual values.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { ParsedArgs } from '../cli/args.js';
import { DockerError, Docker } from '../docker/index.js';
import { allLabs, loadLab } from '../labs/catalog.js';
import { checkTasks } from '../labs/check-round.js';
import { labPaths } from '../labs/engine.js';
import { readChosenPorts } from '../labs/ports.js';
import { dockdrillHome } from '../progress/home.js';
import { checkJson, checkLines } from './check-report.js';
import { labJunit } from '../report/junit.js';
import type { CommandContext } from '../cli/context.js';
import { formatProblem } from '../content/problems.js';
import { headlessApprovalProblem } from '../labs/approval.js';
import { readProgressOrEmpty } from '../progress/open-store.js';

export async function run(args: ParsedArgs, context: CommandContext): Promise<number> {
  const id = args.positionals[0];
  const ids = allLabs(context.roots).map((lab) => lab.id);
  if (!id) {
    context.stderr.write(
      `dockdrill check: which lab? Usage: dockdrill check <lab> [--task t] [--json]\nLabs: ${ids.join(', ') || '(none)'}\n`,
    );
    return 2;
  }
  const home = dockdrillHome(context.env, context.profile);
  // The ports the app chose when the learner started the lab here (see labs/ports.ts).
  const loaded = loadLab(context.roots, id, { ports: readChosenPorts(home, id) ?? {} });
  if (!loaded.ok) {
    if (loaded.problems.length) {
      context.stderr.write(
        `dockdrill check: lab "${id}" has errors:\n${loaded.problems.map(formatProblem).join('\n')}\n`,
      );
    } else {
      context.stderr.write(
        `dockdrill check: no lab "${id}". Labs: ${ids.join(', ') || '(none)'}\n`,
      );
    }
    return 2;
  }
  const lab = loaded.lab;
  const unapproved = headlessApprovalProblem(
    lab,
    readProgressOrEmpty(context),
    Boolean(args.flags['trust-pack']),
  );
  if (unapproved) {
    context.stderr.write(`dockdrill check: ${unapproved}\n`);
    return 2;
  }
  const taskId = args.flags.task as string | undefined;
  const tasks = taskId ? lab.tasks.filter((task) => task.id === taskId) : lab.tasks;
  if (taskId && tasks.length === 0) {
    context.stderr.write(
      `dockdrill check: lab "${id}" has no task "${taskId}". Tasks: ${lab.tasks.map((t) => t.id).join(', ')}\n`,
    );
    return 2;
  }
  const workspaceFlag = args.flags.workspace as string | undefined;
  const workspace = workspaceFlag ? resolve(workspaceFlag) : labPaths(home, lab.id).workspace;
  if (workspaceFlag && !existsSync(workspace)) {
    context.stderr.write(`dockdrill check: no folder ${workspace}\n`);
    return 2;
  }

  let byTask;
  try {
    byTask = await checkTasks(new Docker(), lab, tasks, workspace);
  } catch (error) {
    const fix = error instanceof DockerError ? `\n${error.fix}` : '';
    context.stderr.write(`dockdrill check: ${(error as Error).message}${fix}\n`);
    return 1;
  }
  const results = byTask.flatMap((t) => t.results);
  const passed = results.filter((r) => r.passed).length;
  const ok = passed === results.length;

  if (args.flags.junit) {
    context.stdout.write(labJunit(lab, byTask));
    return ok ? 0 : 1;
  }
  if (args.flags.json) {
    const json = {
      lab: lab.id,
      title: lab.title,
      workspace,
      passed: ok,
      checks: results.length,
      checksPassed: passed,
      tasks: byTask.map((t) => ({
        id: t.task.id,
        passed: t.passed,
        checks: t.results.map(checkJson),
      })),
    };
    context.stdout.write(JSON.stringify(json, null, 2) + '\n');
    return ok ? 0 : 1;
  }
  const lines = [`${lab.title} (${lab.id})`];
  for (const t of byTask) {
    lines.push(`${t.passed ? '✓' : '✗'} task ${t.task.id}`);
    for (const r of t.results) lines.push(...checkLines(r, '  '));
  }
  lines.push(
    `${passed}/${results.length} checks passed${ok ? '' : `; ${byTask.filter((t) => !t.passed).length} of ${byTask.length} tasks still to do`}`,
  );
  context.stdout.write(lines.join('\n') + '\n');
  return ok ? 0 : 1;
}
