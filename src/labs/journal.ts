/**
 * The lab journal: every object a step is about to create is written to
 * `<dataDir>/labs/<lab-id>/journal.json` BEFORE the step runs and updated after it, with
 * synchronous writes and an atomic rename, so Ctrl+C, SIGTERM, SIGKILL or a crash in the
 * middle of a step still leaves a record the next start can clean up from.
 */
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { pathSegment } from '../content/namespace.js';
import type { ObjectKind } from './labels.js';

export interface JournalEntry {
  readonly kind: ObjectKind;
  /** The name the command gives it (container name, image tag, volume or network name). */
  name?: string;
  /** Filled in after the step when docker printed one. */
  id?: string;
  /** The step that creates it, as `docker ...` text. */
  readonly step: string;
  status: 'pending' | 'done' | 'failed';
}

export interface JournalData {
  readonly version: 1;
  readonly labId: string;
  /** The process that wrote it last (to tell a crashed run from a running one). */
  pid: number;
  readonly startedAt: string;
  updatedAt: string;
  /** The step running right now; set before it starts, cleared after it ends. */
  running?: string;
  readonly entries: JournalEntry[];
}

/** `<dataDir>/labs/<lab-id>`; a pack's `pack/id` becomes one folder, `pack__id`. */
export function labDir(dataDir: string, labId: string): string {
  return join(dataDir, 'labs', pathSegment(labId));
}

export function journalPath(dataDir: string, labId: string): string {
  return join(labDir(dataDir, labId), 'journal.json');
}

export function readJournal(path: string): JournalData | undefined {
  if (!existsSync(path)) return undefined;
  try {
    const data = JSON.parse(readFileSync(path, 'utf8')) as JournalData;
    return data && data.version === 1 && Array.isArray(data.entries) ? data : undefined;
  } catch {
    return undefined;
  }
}

function writeAtomically(path: string, data: JournalData): void {
  mkdirSync(dirname(path), { recursive: true });
  const temp = `${path}.${process.pid}.tmp`;
  writeFileSync(temp, JSON.stringify(data, null, 2) + '\n');
  renameSync(temp, path);
}

/** An open journal: load or create, then record steps as they run. */
export class Journal {
  private data: JournalData;

  constructor(
    readonly path: string,
    readonly labId: string,
  ) {
    const existing = readJournal(path);
    const now = new Date().toISOString();
    this.data = existing ?? {
      version: 1,
      labId,
      pid: process.pid,
      startedAt: now,
      updatedAt: now,
      entries: [],
    };
  }

  static open(dataDir: string, labId: string): Journal {
    return new Journal(journalPath(dataDir, labId), labId);
  }

  get entries(): readonly JournalEntry[] {
    return this.data.entries;
  }

  /** Records what `step` will create and marks it running; written before the step starts. */
  before(step: string, objects: readonly { kind: ObjectKind; name: string }[]): JournalEntry[] {
    const added = objects.map((object): JournalEntry => ({
      kind: object.kind,
      name: object.name,
      step,
      status: 'pending',
    }));
    this.data.entries.push(...added);
    this.data.running = step;
    this.save();
    return added;
  }

  /** Marks the step finished and records ids docker printed (or an unnamed object it made). */
  after(
    entries: readonly JournalEntry[],
    outcome: { ok: boolean; id?: string; unnamedKind?: ObjectKind; step: string },
  ): void {
    for (const entry of entries) {
      entry.status = outcome.ok ? 'done' : 'failed';
      if (outcome.id && entries.length === 1) entry.id = outcome.id;
    }
    if (outcome.ok && outcome.id && entries.length === 0 && outcome.unnamedKind) {
      this.data.entries.push({
        kind: outcome.unnamedKind,
        id: outcome.id,
        step: outcome.step,
        status: 'done',
      });
    }
    delete this.data.running;
    this.save();
  }

  /** Records images a finished step left behind by id (e.g. a build's earlier stages). */
  addImages(ids: readonly string[], step: string): void {
    if (ids.length === 0) return;
    for (const id of ids) this.data.entries.push({ kind: 'image', id, step, status: 'done' });
    this.save();
  }

  save(): void {
    this.data.pid = process.pid;
    this.data.updatedAt = new Date().toISOString();
    writeAtomically(this.path, this.data);
  }

  remove(): void {
    rmSync(this.path, { force: true });
  }
}

export interface PendingJournal {
  readonly labId: string;
  readonly path: string;
  readonly journal: JournalData;
  /** A step was running when it was last written: the process died mid-step. */
  readonly interrupted: boolean;
  /** The process that wrote it still runs (another dockdrill, or this one). */
  readonly ownerAlive: boolean;
}

function alive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Journals left in `<dataDir>/labs/*` (labs with objects that were never cleaned up). */
export function pendingJournals(dataDir: string): PendingJournal[] {
  const root = join(dataDir, 'labs');
  if (!existsSync(root)) return [];
  const out: PendingJournal[] = [];
  for (const entry of readdirSync(root, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const path = join(root, entry.name, 'journal.json');
    const journal = readJournal(path);
    if (!journal) continue;
    out.push({
      labId: journal.labId,
      path,
      journal,
      interrupted:
        journal.running !== undefined || journal.entries.some((e) => e.status === 'pending'),
      ownerAlive: alive(journal.pid),
    });
  }
  return out.sort((a, b) => a.labId.localeCompare(b.labId));
}
