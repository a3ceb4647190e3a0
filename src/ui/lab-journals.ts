/**
 * Which lab journals to offer for cleanup when the Labs screen opens: those whose process
 * is gone (Ctrl+C, SIGTERM, a crash) — but not the ones the learner chose to keep when
 * leaving a lab, which are marked with `kept.json` holding the journal's `updatedAt` then.
 * Any later change to the journal (a new session) makes it count again.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { labPaths, pendingJournals, readJournal, type PendingJournal } from '../labs/engine.js';

function keptPath(home: string, labId: string): string {
  return join(labPaths(home, labId).dir, 'kept.json');
}

/** Records that the learner kept the lab's objects on purpose. */
export function markKept(home: string, labId: string): void {
  const journal = readJournal(labPaths(home, labId).journal);
  if (!journal) return;
  writeFileSync(
    keptPath(home, labId),
    JSON.stringify({ journalUpdatedAt: journal.updatedAt }) + '\n',
  );
}

function keptOnPurpose(home: string, pending: PendingJournal): boolean {
  const file = keptPath(home, pending.labId);
  if (!existsSync(file)) return false;
  try {
    const kept = JSON.parse(readFileSync(file, 'utf8')) as { journalUpdatedAt?: string };
    return kept.journalUpdatedAt === pending.journal.updatedAt;
  } catch {
    return false;
  }
}

/** Journals left by a dockdrill that is no longer running, not kept on purpose. */
export function journalsToOffer(home: string): PendingJournal[] {
  return pendingJournals(home).filter((p) => !p.ownerAlive && !keptOnPurpose(home, p));
}
