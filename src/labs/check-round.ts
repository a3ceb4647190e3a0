/**
 * One batched check round over some tasks of a lab, results grouped per task: what
 * `dockdrill check`, `dockdrill report` and graders use. Read-only.
 */
import { existsSync } from 'node:fs';
import type { Docker } from '../docker/index.js';
import { runChecks, type CheckResult } from './checks/run-checks.js';
import type { Lab, LabTask } from './types.js';

export interface TaskRound {
  readonly task: LabTask;
  readonly results: readonly CheckResult[];
  readonly passed: boolean;
}

export async function checkTasks(
  docker: Docker,
  lab: Lab,
  tasks: readonly LabTask[],
  workspace: string,
  options: { signal?: AbortSignal; wait?: boolean } = {},
): Promise<TaskRound[]> {
  // One round for all tasks, so inspects are batched across the whole lab.
  const results = await runChecks(
    docker,
    tasks.flatMap((task) => task.checks),
    // `run` checks use the workspace as cwd: fall back to here when it was never made.
    {
      workspace: existsSync(workspace) ? workspace : process.cwd(),
      labId: lab.id,
      owned: new Set(lab.resources?.containers ?? []),
      ...(options.signal ? { signal: options.signal } : {}),
      // false: the state as it is now, without re-polling `within` checks.
      ...(options.wait === false ? { wait: false } : {}),
    },
  );
  let offset = 0;
  return tasks.map((task) => {
    const slice = results.slice(offset, offset + task.checks.length);
    offset += task.checks.length;
    return { task, results: slice, passed: slice.every((r) => r.passed) };
  });
}
