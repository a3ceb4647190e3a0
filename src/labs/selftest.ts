/**
 * Self-test of a lab (CI runs it for every lab): setup (twice, to prove it is idempotent)
 * -> every check of every task FAILS -> each task's solution makes that task's checks pass
 * -> cleanup -> nothing labelled or declared is left. Also flags objects a solution names
 * that `resources` does not declare (a learner's unlabelled copy would never be cleaned).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runChecks, describeCheck, type CheckResult } from './checks/run-checks.js';
import {
  cleanup,
  foreignObjects,
  foreignObjectsMessage,
  leftovers,
  planCleanup,
  type CleanupReport,
} from './cleanup.js';
import { ensureImages } from './images.js';
import { choosePorts, movedPortsMessage, type LabPorts } from './ports.js';
import { undeclaredNames } from './step-policy.js';
import { applySolution, runSetup } from './solution.js';
import type { StepDocker } from './steps.js';
import { prepareWorkspace } from './workspace.js';
import type { Lab } from './types.js';
import type { Docker } from '../docker/index.js';

export interface SelftestTaskReport {
  readonly task: string;
  /** Checks evaluated right after setup: all must fail. */
  readonly before: readonly CheckResult[];
  /** Checks after this task's solution: all must pass. */
  readonly after: readonly CheckResult[];
  readonly solutionError?: string;
}

export interface SelftestReport {
  readonly labId: string;
  readonly ok: boolean;
  /** Each problem in one line, e.g. `task run-always: container web passes before the solution`. */
  readonly problems: readonly string[];
  readonly setupError?: string;
  readonly tasks: readonly SelftestTaskReport[];
  readonly cleanup?: CleanupReport;
  /** What the first cleanup removed: leftovers of an earlier run (all labelled or journalled). */
  readonly earlierLeftovers?: CleanupReport;
  /** Objects still there after cleanup (must be empty). */
  readonly leftovers: readonly string[];
  readonly durationMs: number;
}

export interface SelftestOptions {
  /** Where the workspace and journal go; default a temporary folder, removed afterwards. */
  readonly dataDir?: string;
  readonly signal?: AbortSignal;
  readonly onProgress?: (message: string) => void;
  /** Pause between re-polls of `within` checks (ms). */
  readonly pollMs?: number;
  /**
   * The lab read again with other ports, for a lab whose wanted port is taken here (the
   * caller knows where the lab came from). Without it such a lab fails at setup.
   */
  readonly reload?: (ports: LabPorts) => Lab | undefined;
}

type SelftestDocker = StepDocker & Pick<Docker, 'stream'>;

function undeclared(lab: Lab): string[] {
  return lab.tasks.flatMap((task) =>
    undeclaredNames(task.solution.commands, lab.resources).map(
      (found) => `task ${task.id}: ${found.message}`,
    ),
  );
}

export async function selftest(
  docker: SelftestDocker,
  wantedLab: Lab,
  options: SelftestOptions = {},
): Promise<SelftestReport> {
  const started = Date.now();
  const say = options.onProgress ?? (() => {});
  // Ports the lab wants that are taken here move to free ones, as in the app.
  let lab = wantedLab;
  if (Object.keys(lab.ports).length && options.reload) {
    const choice = await choosePorts(lab.ports);
    if (choice.moved.length) {
      say(movedPortsMessage(choice.moved));
      lab = options.reload(choice.ports) ?? lab;
    }
  }
  const tempDir = options.dataDir ? undefined : mkdtempSync(join(tmpdir(), 'dockdrill-selftest-'));
  const dataDir = options.dataDir ?? tempDir!;
  const signal = options.signal;
  const problems: string[] = [...undeclared(lab)];
  const tasks: SelftestTaskReport[] = [];
  const target = { labId: lab.id, resources: lab.resources, dataDir };
  let setupError: string | undefined;
  let cleanupReport: CleanupReport | undefined;
  let left: string[] = [];
  // The learner's own objects with the lab's names stop the self-test before it touches
  // anything: cleanup would take them (a container with its volumes).
  say("checking that the lab's names are free");
  const foreign = await foreignObjects(docker, lab.id, lab.resources, signal ? { signal } : {});
  if (foreign.length) {
    if (tempDir) rmSync(tempDir, { recursive: true, force: true });
    const setupError = foreignObjectsMessage(lab.id, foreign);
    return {
      labId: lab.id,
      ok: false,
      problems: [...problems, `setup: ${setupError}`],
      setupError,
      tasks,
      leftovers: [],
      durationMs: Date.now() - started,
    };
  }
  let earlier: CleanupReport | undefined;
  try {
    say('cleaning up leftovers of earlier runs');
    earlier = await cleanup(docker, await planCleanup(docker, target));
    const workspace = prepareWorkspace(lab, dataDir, { reset: true });
    const stepOptions = { dataDir, workspace, ...(signal ? { signal } : {}) };
    const checkCtx = {
      workspace,
      labId: lab.id,
      owned: new Set(lab.resources.containers),
      ...(signal ? { signal } : {}),
      ...(options.pollMs ? { pollMs: options.pollMs } : {}),
    };
    say(`images: ${lab.images.join(', ') || 'none'}`);
    await ensureImages(docker, lab.images, signal ? { signal } : {});
    try {
      say('setup');
      await runSetup(docker, lab, stepOptions);
      await runSetup(docker, lab, stepOptions); // idempotent: the second run must not fail
    } catch (error) {
      setupError = (error as Error).message;
      problems.push(`setup: ${setupError}`);
    }
    if (setupError === undefined) {
      say('every check must fail before the solutions');
      const all = lab.tasks.flatMap((task) => task.checks);
      const before = await runChecks(docker, all, { ...checkCtx, wait: false });
      let offset = 0;
      const beforeByTask = lab.tasks.map((task) => {
        const slice = before.slice(offset, offset + task.checks.length);
        offset += task.checks.length;
        return slice;
      });
      for (const [index, task] of lab.tasks.entries()) {
        for (const r of beforeByTask[index]!)
          if (r.passed)
            problems.push(
              `task ${task.id}: ${describeCheck(r.check)} already passes before the solution`,
            );
      }
      for (const [index, task] of lab.tasks.entries()) {
        say(`task ${task.id}: applying the solution`);
        let solutionError: string | undefined;
        let after: CheckResult[] = [];
        try {
          await applySolution(docker, lab, task, stepOptions);
          after = await runChecks(docker, task.checks, checkCtx);
          for (const r of after)
            if (!r.passed)
              problems.push(
                `task ${task.id}: ${describeCheck(r.check)} still fails after the solution: ${r.message}`,
              );
        } catch (error) {
          solutionError = (error as Error).message;
          problems.push(`task ${task.id}: solution failed: ${solutionError}`);
        }
        tasks.push({
          task: task.id,
          before: beforeByTask[index]!,
          after,
          ...(solutionError ? { solutionError } : {}),
        });
        if (solutionError) break;
      }
    }
  } finally {
    say('cleanup');
    cleanupReport = await cleanup(docker, await planCleanup(docker, target));
    for (const f of cleanupReport.failed)
      problems.push(`cleanup: could not remove ${f.item.kind} ${f.item.name}: ${f.error}`);
    left = await leftovers(docker, target);
    for (const item of left) problems.push(`left after cleanup: ${item}`);
    if (tempDir) rmSync(tempDir, { recursive: true, force: true });
  }
  return {
    labId: lab.id,
    ok: problems.length === 0,
    problems,
    ...(setupError !== undefined ? { setupError } : {}),
    tasks,
    ...(earlier?.removed.length ? { earlierLeftovers: earlier } : {}),
    cleanup: cleanupReport,
    leftovers: left,
    durationMs: Date.now() - started,
  };
}
