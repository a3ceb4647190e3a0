/**
 * The learner's workspace: a copy of the lab's `files/` under
 * `<dataDir>/labs/<lab-id>/workspace`. Solutions and checks run there.
 */
import { cpSync, existsSync, lstatSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
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
  const files = join(lab.dir, 'files');
  // A symlink in a pack's files/ would be copied as a link to anywhere on the host, and a
  // solution file block would then write through it: refuse the lab instead.
  const link = existsSync(files) ? symlinksIn(files)[0] : undefined;
  if (link)
    throw new Error(
      `${join(lab.dir, 'files', link)} is a symlink: a lab's files/ may hold only files and folders`,
    );
  mkdirSync(workspace, { recursive: true });
  if (existsSync(files)) cpSync(files, workspace, { recursive: true });
  return workspace;
}

/** Paths (relative to `dir`) of every symlink below it. */
export function symlinksIn(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
    const full = join(dir, entry);
    if (lstatSync(full).isSymbolicLink()) out.push(relative(dir, full));
  }
  return out.sort();
}
