/**
 * The learner's progress on disk, through conf (atomic writes, one JSON file). Every change
 * is a read-modify-write under a cross-process lock, so two dockdrill windows answering at
 * once lose nothing. A file that cannot be read is moved aside, never silently dropped.
 */
import Conf from 'conf';
import { existsSync, mkdirSync, readFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { withLock } from './lock.js';
import { FutureVersionError, migrate } from './migrations.js';
import { emptyProgress, progressSchema, type Progress } from './schema.js';

export interface StoreNotice {
  /** What happened, for the learner. */
  readonly message: string;
  /** Where the unreadable file was kept. */
  readonly backupPath: string;
}

export class ProgressStore {
  readonly dir: string;
  readonly path: string;
  private readonly conf: Conf<Progress>;
  private readonly lockPath: string;
  /** Set when the file was unreadable at some point and moved aside. */
  notice: StoreNotice | undefined;

  constructor(dir: string) {
    this.dir = dir;
    mkdirSync(dir, { recursive: true });
    this.path = join(dir, 'progress.json');
    this.lockPath = join(dir, 'progress.json.lock');
    // conf writes its defaults on construction: do that under the lock too.
    this.conf = withLock(this.lockPath, () => {
      this.repairIfNeeded();
      return new Conf<Progress>({
        projectName: 'dockdrill',
        cwd: dir,
        configName: 'progress',
        clearInvalidConfig: false,
        defaults: emptyProgress(),
      });
    });
  }

  /** The current progress, read from disk (another process may have written it). */
  read(): Progress {
    try {
      return this.parse(this.conf.store);
    } catch (error) {
      if (error instanceof FutureVersionError) throw error;
      return withLock(this.lockPath, () => {
        this.repairIfNeeded();
        return this.parse(this.conf.store);
      });
    }
  }

  /** Applies `change` to the freshest progress under the lock and writes it back. */
  update(change: (progress: Progress) => void): Progress {
    return withLock(this.lockPath, () => {
      this.repairIfNeeded();
      const progress = this.parse(this.conf.store);
      change(progress);
      const checked = progressSchema.parse(progress);
      this.conf.store = checked;
      return checked;
    });
  }

  private parse(data: unknown): Progress {
    return progressSchema.parse(migrate(data as Record<string, unknown>));
  }

  /** Moves an unreadable or invalid file aside (with a timestamp) and starts fresh. */
  private repairIfNeeded(): void {
    if (!existsSync(this.path)) return;
    let problem: string | undefined;
    try {
      const raw = JSON.parse(readFileSync(this.path, 'utf8')) as unknown;
      if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
        problem = 'it is not a JSON object';
      else {
        const migrated = migrate(raw as Record<string, unknown>);
        const result = progressSchema.safeParse(migrated);
        if (!result.success)
          problem = `it does not match the schema (${result.error.issues[0]?.path.join('.') || 'root'}: ${result.error.issues[0]?.message})`;
      }
    } catch (error) {
      if (error instanceof FutureVersionError) throw error;
      problem =
        error instanceof SyntaxError ? `it is not valid JSON (${error.message})` : String(error);
    }
    if (!problem) return;
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    const backupPath = join(this.dir, `progress.corrupt-${stamp}.json`);
    renameSync(this.path, backupPath);
    this.notice = {
      message: `Your progress file could not be read (${problem}). It was kept as ${backupPath} and a fresh one was started.`,
      backupPath,
    };
  }
}
