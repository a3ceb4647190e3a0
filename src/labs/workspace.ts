/**
 * The learner's workspace: a copy of the lab's `files/` under
 * `<dataDir>/labs/<lab-id>/workspace`. Solutions and checks run there.
 */
import { cpSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { journalPath, labDir } from './journal.js';

export interface LabPaths {
  readonly dir: string;
  readonly workspace: string;
  readonly journal: string;
}

export function labPaths(dataDir: string, labId: string): LabPaths {
  const dir = labDir(dataDir, labId);
  return { dir, workspace: join(dir, 'workspace'), journal: journalPath(dataDir, labId) };
}

/**
 * Creates the workspace from `<labDir>/files` when it does not exist yet (a learner's work
 * is kept between sessions); `reset: true` starts over from the lab's files.
 */
export function prepareWorkspace(
  lab: { id: string; dir: string },
  dataDir: string,
  options: { reset?: boolean } = {},
): string {
  const { workspace } = labPaths(dataDir, lab.id);
  if (options.reset) rmSync(workspace, { recursive: true, force: true });
  if (existsSync(workspace)) return workspace;
  mkdirSync(workspace, { recursive: true });
  const files = join(lab.dir, 'files');
  if (existsSync(files)) cpSync(files, workspace, { recursive: true });
  return workspace;
}
