/**
 * Setup and solutions: docker argv steps run labelled, journaled, in the workspace.
 * A solution first writes its ```file blocks, then runs its commands in order.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { Journal } from './journal.js';
import { runStep, type StepDocker, type StepOutcome } from './steps.js';
import { workspaceFile } from './checks/run-checks.js';
import type { Lab, LabResources, LabTask } from './types.js';

/** Every name a lab declares: its steps may remove or join these. */
function declaredNames(resources: LabResources | undefined): Set<string> {
  if (!resources) return new Set();
  return new Set([
    ...resources.containers,
    ...resources.images,
    ...resources.volumes,
    ...resources.networks,
  ]);
}

export interface RunStepsOptions {
  readonly dataDir: string;
  readonly workspace: string;
  readonly signal?: AbortSignal;
  /** Called before each step with its argv (without `docker`). */
  readonly onStep?: (argv: readonly string[]) => void;
}

/** Runs the lab's setup steps; safe to run again (objects already made by the lab are kept). */
export async function runSetup(
  docker: StepDocker,
  lab: Pick<Lab, 'id' | 'setup'> & Partial<Pick<Lab, 'resources'>>,
  options: RunStepsOptions,
): Promise<StepOutcome[]> {
  const journal = Journal.open(options.dataDir, lab.id);
  const out: StepOutcome[] = [];
  if (lab.setup.length) journal.save();
  for (const argv of lab.setup) {
    options.onStep?.(argv);
    out.push(
      await runStep(docker, argv, {
        labId: lab.id,
        cwd: options.workspace,
        journal,
        onExisting: 'skip',
        owned: declaredNames(lab.resources),
        ...(options.signal ? { signal: options.signal } : {}),
      }),
    );
  }
  return out;
}

/** Writes a task's solution files and runs its commands (used by "skip" and self-test). */
export async function applySolution(
  docker: StepDocker,
  lab: Pick<Lab, 'id' | 'resources'>,
  task: Pick<LabTask, 'solution'>,
  options: RunStepsOptions,
): Promise<StepOutcome[]> {
  for (const file of task.solution.files) {
    const full = workspaceFile(options.workspace, file.path);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, file.content);
  }
  const journal = Journal.open(options.dataDir, lab.id);
  const declared = new Set([...lab.resources.containers, ...lab.resources.networks]);
  const out: StepOutcome[] = [];
  for (const command of task.solution.commands) {
    options.onStep?.(command.argv);
    out.push(
      await runStep(docker, command.argv, {
        labId: lab.id,
        cwd: options.workspace,
        journal,
        onExisting: 'replace',
        declared,
        owned: declaredNames(lab.resources),
        ...(options.signal ? { signal: options.signal } : {}),
      }),
    );
  }
  return out;
}
