/**
 * Helpers for the fault suite: a docker executable whose behaviour a test can switch while
 * the app runs (real engine -> daemon down -> hanging), a journal written as if by a
 * dockdrill that has died, and a seeded random source for fuzz and monkey tests.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { JournalData } from '../../src/labs/journal.js';
import { makeTempDir } from '../helpers/home.js';

export type SwitchMode = 'real' | 'daemon-down' | 'permission-denied' | 'hang';

const REAL_DOCKER = (() => {
  const found = spawnSync('sh', ['-c', 'command -v docker'], { encoding: 'utf8' });
  return found.stdout.trim() || '/usr/bin/docker';
})();

/**
 * A `docker` script that reads its mode from a file on every call, so a test can make the
 * daemon "die" (or hang) in the middle of a lab without touching the shared engine.
 * The wording of each fault is the real CLI's (as in test/helpers/fake-docker.ts).
 */
export class SwitchableDocker {
  readonly bin: string;
  private readonly modeFile: string;

  constructor(initial: SwitchMode = 'real', realDocker = REAL_DOCKER) {
    const dir = makeTempDir('dockdrill-switch-docker-');
    this.bin = join(dir, 'docker');
    this.modeFile = join(dir, 'mode');
    writeFileSync(
      this.bin,
      `#!/bin/sh
mode=$(cat '${this.modeFile}')
case "$mode" in
  real) exec '${realDocker}' "$@" ;;
  daemon-down)
    echo "Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?" >&2
    exit 1 ;;
  permission-denied)
    echo "permission denied while trying to connect to the Docker daemon socket at unix:///var/run/docker.sock: dial unix /var/run/docker.sock: connect: permission denied" >&2
    exit 1 ;;
  hang) exec sleep 600 ;;
esac
exit 3
`,
    );
    chmodSync(this.bin, 0o755);
    this.set(initial);
  }

  set(mode: SwitchMode): void {
    writeFileSync(this.modeFile, mode);
  }
}

/** The path of a docker that does not exist (the CLI-absent fault, in process). */
export function absentDockerBin(): string {
  const dir = makeTempDir('dockdrill-no-docker-');
  mkdirSync(join(dir, 'bin'));
  return join(dir, 'bin', 'docker');
}

/** A pid that surely belongs to no running process: a child that has already exited. */
export function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {
    encoding: 'utf8',
  });
  return Number(child.stdout);
}

/** Writes a journal as a dockdrill that died mid-lab would have left it. */
export function writeDeadJournal(
  home: string,
  labId: string,
  entries: JournalData['entries'],
): string {
  const dir = join(home, 'labs', labId);
  mkdirSync(dir, { recursive: true });
  const path = join(dir, 'journal.json');
  const now = new Date().toISOString();
  const data: JournalData = {
    version: 1,
    labId,
    pid: deadPid(),
    startedAt: now,
    updatedAt: now,
    running: entries[entries.length - 1]?.step,
    entries,
  };
  writeFileSync(path, JSON.stringify(data, null, 2) + '\n');
  return path;
}

/** The seeded PRNG the quiz shuffles with: the same seed gives the same sequence. */
export { mulberry32 as seededRandom } from '../../src/quiz/random.js';

export function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}
