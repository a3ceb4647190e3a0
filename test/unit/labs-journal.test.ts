import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Journal, journalPath, pendingJournals } from '../../src/labs/journal.js';
import { useTempHome } from '../helpers/home.js';

describe('lab journal', () => {
  const home = useTempHome();

  it('is on disk before the step runs and updated after it', () => {
    const journal = Journal.open(home(), 'lab-a');
    const entries = journal.before('docker run --name web busybox', [
      { kind: 'container', name: 'web' },
    ]);
    const onDisk = JSON.parse(readFileSync(journalPath(home(), 'lab-a'), 'utf8'));
    expect(onDisk.running).toBe('docker run --name web busybox');
    expect(onDisk.entries).toEqual([
      { kind: 'container', name: 'web', step: 'docker run --name web busybox', status: 'pending' },
    ]);
    journal.after(entries, { ok: true, id: 'f'.repeat(64), step: 'docker run --name web busybox' });
    const after = JSON.parse(readFileSync(journalPath(home(), 'lab-a'), 'utf8'));
    expect(after.running).toBeUndefined();
    expect(after.entries[0]).toMatchObject({ status: 'done', id: 'f'.repeat(64) });
  });

  it('records unnamed objects by the id docker printed', () => {
    const journal = Journal.open(home(), 'lab-b');
    const entries = journal.before('docker run -d busybox', []);
    journal.after(entries, {
      ok: true,
      id: 'a'.repeat(64),
      unnamedKind: 'container',
      step: 'docker run -d busybox',
    });
    expect(Journal.open(home(), 'lab-b').entries).toEqual([
      { kind: 'container', id: 'a'.repeat(64), step: 'docker run -d busybox', status: 'done' },
    ]);
  });

  it('lists journals left over, telling interrupted ones apart', () => {
    const done = Journal.open(home(), 'lab-done');
    done.after(done.before('docker volume create v', [{ kind: 'volume', name: 'v' }]), {
      ok: true,
      step: 'x',
    });
    Journal.open(home(), 'lab-crashed').before('docker build -t x .', [
      { kind: 'image', name: 'x' },
    ]);
    const pending = pendingJournals(home());
    expect(pending.map((p) => [p.labId, p.interrupted, p.ownerAlive])).toEqual([
      ['lab-crashed', true, true],
      ['lab-done', false, true],
    ]);
    Journal.open(home(), 'lab-done').remove();
    expect(existsSync(journalPath(home(), 'lab-done'))).toBe(false);
    expect(pendingJournals(home()).map((p) => p.labId)).toEqual(['lab-crashed']);
  });
});
