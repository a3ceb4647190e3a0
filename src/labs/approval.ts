/**
 * Asking before a course pack's lab runs docker on the learner's engine. Bundled labs are
 * dockdrill's own and never ask; a pack lab asks before its first run and again whenever
 * anything in its folder changes (the approval remembers a hash of the whole folder:
 * lab.md, files/, the lesson). Headless commands (`check`, `report`, `lab selftest`) do not
 * ask: they refuse an unapproved pack lab unless run with `--trust-pack` (graders' CI).
 */
import { createHash } from 'node:crypto';
import { lstatSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';
import { packOf } from '../content/namespace.js';
import type { Progress } from '../progress/schema.js';
import type { ProgressStore } from '../progress/store.js';
import { cleanLine } from '../terminal/sanitize.js';
import { dockerLine } from './argv.js';
import { injectLabel, LAB_LABEL, labLabel } from './labels.js';
import type { Lab } from './types.js';

/** Every file below `dir` (relative, sorted), symlinks as themselves. */
function filesBelow(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((path) => !lstatSync(join(dir, path)).isDirectory())
    .sort();
}

/** sha256 over the lab's whole folder as it is on disk now: every path and its content. */
export function labHash(lab: Pick<Lab, 'dir'>): string {
  const hash = createHash('sha256');
  for (const path of filesBelow(lab.dir)) {
    const full = join(lab.dir, path);
    const link = lstatSync(full).isSymbolicLink();
    hash.update(`${link ? 'link' : 'file'} ${path}\0`);
    hash.update(link ? readlinkSync(full) : readFileSync(full));
    hash.update('\0');
  }
  return hash.digest('hex');
}

/** Whether the lab comes from a pack and this version of it was not approved yet. */
export function needsApproval(lab: Pick<Lab, 'id' | 'dir'>, progress: Progress): boolean {
  if (!packOf(lab.id)) return false;
  return progress.approvedLabs?.[lab.id]?.hash !== labHash(lab);
}

/** Remembers that the learner agreed to run this version of the lab. */
export function approveLab(store: ProgressStore, lab: Pick<Lab, 'id' | 'dir'>): void {
  const hash = labHash(lab);
  store.update((progress) => {
    progress.approvedLabs = {
      ...progress.approvedLabs,
      [lab.id]: { hash, approvedAt: new Date().toISOString() },
    };
  });
}

/**
 * Why a headless command will not run this lab, or undefined: a pack lab the learner has
 * not approved (in the app) runs only with `--trust-pack`.
 */
export function headlessApprovalProblem(
  lab: Pick<Lab, 'id' | 'dir'>,
  progress: Progress,
  trusted: boolean,
): string | undefined {
  if (trusted || !needsApproval(lab, progress)) return undefined;
  return (
    `lab "${lab.id}" comes from the course pack "${packOf(lab.id)}" and this version of it ` +
    `has not been approved here. Open it once in the app (\`dockdrill lab ${lab.id} --content DIR\`) ` +
    'to read everything it runs and approve it, or pass --trust-pack to run it anyway (for a ' +
    "grader's CI that vetted the pack)."
  );
}

/**
 * Everything the lab will do, for the learner to read before saying yes: the images it may
 * pull, the files it copies into the workspace, every setup step, every check container,
 * each task's solution (commands and files it writes), and what cleanup removes. Lines
 * are complete (the screen wraps and scrolls them, never cuts them) and escape-free.
 */
export function labRunPreview(lab: Lab): string[] {
  const lines: string[] = [];
  const section = (title: string) => lines.push(title);
  const item = (text: string) => lines.push(`  ${text}`);
  section(
    lab.images.length
      ? `Images it needs (pulled if missing): ${lab.images.map(cleanLine).join(', ')}`
      : 'Images it needs: none',
  );
  const files = filesIn(join(lab.dir, 'files'));
  section(
    files.length ? 'Files copied into the workspace:' : 'Files copied into the workspace: none',
  );
  for (const path of files) item(path);
  // Lines as they run: with the lab label dockdrill adds. (login, logout, push and pull
  // also get a private --config folder of dockdrill's, beside the workspace.)
  const label = labLabel(lab.id);
  section(lab.setup.length ? 'Setup runs now:' : 'Setup: nothing to run.');
  for (const argv of lab.setup) item(dockerLine(injectLabel(argv, lab.id)));
  const checks = lab.tasks.flatMap((task) => task.checks);
  section(`Checks: ${checks.length}, read-only except these throwaway containers:`);
  for (const check of checks)
    if (check.kind === 'run')
      item(
        dockerLine([
          'run',
          '--rm',
          '--pull',
          'never',
          '--label',
          label,
          ...(check.flags ?? []),
          check.image,
          ...(check.args ?? []),
        ]),
      );
  const solutions = lab.tasks.filter(
    (task) => task.solution.commands.length || task.solution.files.length,
  );
  if (solutions.length) section('Solutions (run only if you apply one with a):');
  for (const task of solutions) {
    for (const file of task.solution.files)
      item(`${cleanLine(task.id)}: writes ${cleanLine(file.path)} in the workspace`);
    for (const command of task.solution.commands)
      item(`${cleanLine(task.id)}: ${dockerLine(injectLabel(command.argv, lab.id))}`);
  }
  const { containers, images, volumes, networks } = lab.resources;
  section(`Cleanup removes what is labelled ${LAB_LABEL}=${cleanLine(lab.id)} and these names:`);
  const names = [
    ['containers', containers],
    ['images', images],
    ['volumes', volumes],
    ['networks', networks],
  ] as const;
  for (const [kind, list] of names)
    if (list.length) item(`${kind}: ${list.map(cleanLine).join(', ')}`);
  return lines;
}

function filesIn(dir: string): string[] {
  try {
    return filesBelow(dir).map(cleanLine);
  } catch {
    return [];
  }
}
