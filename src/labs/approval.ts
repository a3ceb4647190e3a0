/**
 * Asking before a course pack's lab runs docker on the learner's engine. Bundled labs are
 * dockdrill's own and never ask; a pack lab asks before its first run and again whenever its
 * lab.md changes (the approval remembers a hash of the file). `lab selftest` never asks: it
 * is the instructor checking their own pack.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { packOf } from '../content/namespace.js';
import type { Progress } from '../progress/schema.js';
import type { ProgressStore } from '../progress/store.js';
import type { Lab } from './types.js';

/** sha256 of the lab.md as it is on disk now. */
export function labHash(lab: Pick<Lab, 'file'>): string {
  return createHash('sha256').update(readFileSync(lab.file)).digest('hex');
}

/** Whether the lab comes from a pack and this version of it was not approved yet. */
export function needsApproval(lab: Pick<Lab, 'id' | 'file'>, progress: Progress): boolean {
  if (!packOf(lab.id)) return false;
  return progress.approvedLabs?.[lab.id]?.hash !== labHash(lab);
}

/** Remembers that the learner agreed to run this version of the lab. */
export function approveLab(store: ProgressStore, lab: Pick<Lab, 'id' | 'file'>): void {
  const hash = labHash(lab);
  store.update((progress) => {
    progress.approvedLabs = {
      ...progress.approvedLabs,
      [lab.id]: { hash, approvedAt: new Date().toISOString() },
    };
  });
}

/**
 * What the lab will run, for the learner to read before saying yes: the images it may pull,
 * every setup step as a `docker ...` line, what the checks start, and each task's solution
 * commands (run only when the learner applies one).
 */
export function labRunPreview(lab: Lab): string[] {
  const lines: string[] = [];
  if (lab.images.length) lines.push(`Images (pulled if missing): ${lab.images.join(', ')}`);
  if (lab.setup.length) {
    lines.push(`Setup runs now (each object labelled dockdrill.lab=${lab.id}):`);
    for (const argv of lab.setup) lines.push(`  docker ${argv.join(' ')}`);
  } else lines.push('Setup: nothing to run.');
  const checks = lab.tasks.flatMap((task) => task.checks);
  const runImages = [
    ...new Set(checks.flatMap((check) => (check.kind === 'run' ? [check.image] : []))),
  ];
  lines.push(
    `Checks: ${checks.length}, read-only` +
      (runImages.length
        ? `; run checks start throwaway --rm containers from ${runImages.join(', ')}`
        : ''),
  );
  const solutions = lab.tasks.filter((task) => task.solution.commands.length);
  if (solutions.length) {
    lines.push('Solutions (run only if you apply one with a):');
    for (const task of solutions)
      for (const command of task.solution.commands)
        lines.push(`  ${task.id}: docker ${command.argv.join(' ')}`);
  }
  return lines;
}
