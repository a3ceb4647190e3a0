/**
 * The headless commands under each docker fault (fake docker on PATH): `check`, `check
 * --json`, `lab selftest` and `doctor` say what is wrong and how to fix it, exit 1 (never a
 * stack trace, never 0), finish quickly even when docker hangs, and leave the learner's
 * progress and lab journals exactly as they were.
 */
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { recordTask } from '../../src/progress/records.js';
import { ProgressStore } from '../../src/progress/store.js';
import { runCli } from '../helpers/cli.js';
import { fakeDockerEnv, type Fault } from '../helpers/fake-docker.js';
import { makeTempDir } from '../helpers/home.js';
import { describeTmux } from '../helpers/tmux.js';
import { writeDeadJournal } from './fault-helpers.js';

const LAB = 'restart-policies-lab';

const MESSAGE: Record<Fault, RegExp> = {
  absent: /The docker CLI was not found/,
  'daemon-down': /no Docker daemon answers/,
  'permission-denied': /Permission denied on the Docker socket/,
  hang: /did not finish within 800 ms/,
};
const FIX: Record<Fault, RegExp> = {
  absent: /Install Docker/,
  'daemon-down': /Start Docker/,
  'permission-denied': /docker group/,
  hang: /restart Docker/,
};

const homes: string[] = [];
afterAll(() => {
  for (const home of homes) rmSync(home, { recursive: true, force: true });
});

function seededHome() {
  const home = makeTempDir('dockdrill-cmd-fault-');
  homes.push(home);
  const store = new ProgressStore(home);
  recordTask(store, LAB, 'run-always', (t) => {
    t.attempts = 3;
    t.passedAt = '2026-01-02T03:04:05.000Z';
  });
  const journal = writeDeadJournal(home, LAB, [
    {
      kind: 'container',
      name: 'web',
      id: 'a'.repeat(64),
      step: 'docker run -d --name web',
      status: 'done',
    },
  ]);
  const files = [store.path, journal];
  const before = files.map((f) => readFileSync(f, 'utf8'));
  return {
    home,
    unchanged: () => expect(files.map((f) => readFileSync(f, 'utf8'))).toEqual(before),
  };
}

// The commands run the built CLI: without it there is nothing to test (like the tmux tests).
describeTmux('headless commands under docker faults', () => {
  describe.each(['absent', 'daemon-down', 'permission-denied', 'hang'] as Fault[])(
    '%s',
    (fault) => {
      const env = (home: string) => ({
        ...fakeDockerEnv(fault),
        DOCKDRILL_HOME: home,
        DOCKDRILL_DOCKER_TIMEOUT_MS: '800',
      });

      it('check: the message and its fix on stderr, exit 1, quickly', () => {
        const seeded = seededHome();
        const started = Date.now();
        const human = runCli(['check', LAB], env(seeded.home));
        expect(Date.now() - started).toBeLessThan(15_000);
        expect(human.status).toBe(1);
        expect(human.stderr).toMatch(MESSAGE[fault]);
        expect(human.stderr).toMatch(FIX[fault]);
        expect(human.stderr).not.toMatch(/unexpected error|\n\s+at /);
        const json = runCli(['check', LAB, '--json'], env(seeded.home));
        expect(json.status).toBe(1);
        expect(json.stderr).toMatch(MESSAGE[fault]);
        expect(json.stdout).toBe(''); // no half-written JSON for a grader to misread
        seeded.unchanged();
      });

      it('lab selftest: the lab fails with the message, exit 1, the learner’s files untouched', () => {
        const seeded = seededHome();
        const result = runCli(['lab', 'selftest', LAB], env(seeded.home));
        expect(result.status).toBe(1);
        expect(result.stdout.replace(/\s+/g, ' ')).toMatch(MESSAGE[fault]);
        expect(result.stdout).toContain('1 lab: 0 passed, 1 failed');
        expect(result.stderr).not.toMatch(/unexpected error/);
        seeded.unchanged();
      });

      it('doctor: fails the right check, exit 1, in human and JSON form', () => {
        const seeded = seededHome();
        const human = runCli(['doctor'], env(seeded.home));
        expect(human.status).toBe(1);
        expect(human.stdout.replace(/\s+/g, ' ')).toMatch(FIX[fault]);
        expect(human.stdout).toContain('Labs cannot run until the problems marked ✗ are fixed.');
        const json = runCli(['doctor', '--json'], env(seeded.home));
        expect(json.status).toBe(1);
        expect((JSON.parse(json.stdout) as { canRunLabs: boolean }).canRunLabs).toBe(false);
        seeded.unchanged();
      });
    },
  );

  it('lab selftest --all with the daemon down: every lab fails fast and clearly', () => {
    const seeded = seededHome();
    const started = Date.now();
    const result = runCli(['lab', 'selftest', '--all', '--json'], {
      ...fakeDockerEnv('daemon-down'),
      DOCKDRILL_HOME: seeded.home,
    });
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(result.status).toBe(1);
    const report = JSON.parse(result.stdout) as {
      ok: boolean;
      labs: { ok: boolean; error?: string }[];
    };
    expect(report.ok).toBe(false);
    expect(report.labs.length).toBeGreaterThan(3);
    for (const lab of report.labs) {
      expect(lab.ok).toBe(false);
      expect(lab.error).toMatch(MESSAGE['daemon-down']);
    }
    seeded.unchanged();
    expect(readFileSync(join(seeded.home, 'labs', LAB, 'journal.json'), 'utf8')).toContain('"web"');
  });
});
