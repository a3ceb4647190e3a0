/**
 * A real daemon that dies in the middle of a lab's setup. The shared engine is never
 * stopped: this test starts a PRIVATE dockerd (its own data-root, exec-root, socket and
 * managed containerd, no bridge, no iptables), loads busybox into it, points the Lab screen
 * at it, and SIGKILLs it while a setup step runs. Then: a clear daemon-unreachable
 * message, q gets out, the journal lists what was created, progress is intact. The daemon
 * is started again and cleanup from the journal removes everything; finally it is stopped
 * and its folders unmounted and removed.
 *
 * Needs root and dockerd; skips with the reason otherwise, or fails when
 * DOCKDRILL_REQUIRE_DOCKER=1.
 */
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
  chmodSync,
} from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Docker } from '../../src/docker/index.js';
import { cleanup, journalPath, planCleanup, readJournal } from '../../src/labs/engine.js';
import { recordTask } from '../../src/progress/records.js';
import { ProgressStore } from '../../src/progress/store.js';
import { Lab } from '../../src/ui/screens/Lab.js';
import { BUSYBOX, engineStatus } from '../helpers/docker.js';
import { makeTempDir } from '../helpers/home.js';
import {
  makeServices,
  recordingNavigation,
  renderWith,
  tick,
  waitForFrame,
} from '../ui/render-app.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function whyNot(): string | undefined {
  if (process.getuid?.() !== 0) return 'a private dockerd needs root';
  if (spawnSync('sh', ['-c', 'command -v dockerd']).status !== 0) return 'dockerd is not installed';
  if (spawnSync('sh', ['-c', 'command -v unshare']).status !== 0) return 'unshare is not installed';
  const engine = engineStatus();
  if (!engine.ok) return `the main engine is needed to copy ${BUSYBOX} from: ${engine.reason}`;
  return undefined;
}

/** One private dockerd in its own temporary folder. */
class PrivateDaemon {
  readonly dir: string;
  readonly socket: string;
  readonly host: string;
  private child: ChildProcess | undefined;

  constructor() {
    // Short path: the unix sockets under it (containerd's too) must stay under 108 bytes.
    this.dir = mkdtempSync('/tmp/ddpd-');
    for (const sub of ['data', 'exec']) mkdirSync(join(this.dir, sub));
    writeFileSync(join(this.dir, 'daemon.json'), '{}\n');
    this.socket = join(this.dir, 'd.sock');
    this.host = `unix://${this.socket}`;
  }

  get pid(): number | undefined {
    const file = join(this.dir, 'd.pid');
    return existsSync(file) ? Number(readFileSync(file, 'utf8').trim()) : undefined;
  }

  docker(args: readonly string[]) {
    return spawnSync('docker', ['--host', this.host, ...args], {
      encoding: 'utf8',
      timeout: 30_000,
    });
  }

  async start(): Promise<void> {
    rmSync(join(this.dir, 'd.pid'), { force: true });
    const log = openSync(join(this.dir, 'dockerd.log'), 'a');
    // In a network namespace of its own: a dockerd with `--bridge none` deletes the host's
    // docker0 at start, which would cut every container of the shared engine off its network.
    this.child = spawn(
      'unshare',
      [
        '--net',
        '--',
        'dockerd',
        '--config-file',
        join(this.dir, 'daemon.json'),
        '--data-root',
        join(this.dir, 'data'),
        '--exec-root',
        join(this.dir, 'exec'),
        '--pidfile',
        join(this.dir, 'd.pid'),
        '--host',
        this.host,
        '--bridge',
        'none',
        '--iptables=false',
        '--ip-masq=false',
        '--ip-forward=false',
      ],
      { stdio: ['ignore', log, log], detached: false },
    );
    this.child.on('error', () => {});
    const deadline = Date.now() + 45_000;
    while (Date.now() < deadline) {
      if (this.docker(['version', '--format', '{{.Server.Version}}']).status === 0) return;
      await sleep(250);
    }
    throw new Error(`the private dockerd did not come up:\n${this.log().slice(-2000)}`);
  }

  log(): string {
    const file = join(this.dir, 'dockerd.log');
    return existsSync(file) ? readFileSync(file, 'utf8') : '';
  }

  /** SIGKILLs dockerd, then its managed containerd if that outlived it (it holds the DB). */
  async kill(): Promise<void> {
    const pid = this.pid;
    if (pid) process.kill(pid, 'SIGKILL');
    await this.waitGone();
    const toml = join(this.dir, 'exec', 'containerd', 'containerd.toml');
    const deadline = Date.now() + 3000;
    while (processesMentioning(toml).length && Date.now() < deadline) await sleep(100);
    for (const stray of processesMentioning(toml)) killQuietly(stray);
    // A killed containerd may linger as a zombie until init reaps it; dockerd would take its
    // pid file for a live containerd and wait for it forever. Wait for it, then drop the file.
    const pidFile = join(this.dir, 'exec', 'containerd', 'containerd.pid');
    const containerd = existsSync(pidFile) ? Number(readFileSync(pidFile, 'utf8').trim()) : 0;
    while (containerd && !deadOrZombie(containerd) && Date.now() < deadline + 5000)
      await sleep(100);
    rmSync(pidFile, { force: true });
  }

  async waitGone(timeoutMs = 15_000): Promise<boolean> {
    const pid = this.pid ?? this.child?.pid;
    const deadline = Date.now() + timeoutMs;
    while (pid && Date.now() < deadline) {
      try {
        process.kill(pid, 0);
      } catch {
        return true;
      }
      await sleep(100);
    }
    return !pid;
  }

  /** Removes every container, stops the daemon, ends its leftovers, unmounts, removes. */
  async destroy(): Promise<void> {
    const ids = this.docker(['ps', '-aq']).stdout?.split('\n').filter(Boolean) ?? [];
    if (ids.length) this.docker(['rm', '-f', '-v', ...ids]);
    const pid = this.pid ?? this.child?.pid;
    if (pid) {
      try {
        process.kill(pid, 'SIGTERM');
      } catch {
        // already gone
      }
      if (!(await this.waitGone(20_000))) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          // gone now
        }
        await this.waitGone(5_000);
      }
    }
    // Shims and containerd of THIS daemon only: their command lines name our folder.
    for (const pid of processesMentioning(this.dir)) killQuietly(pid);
    await sleep(300);
    const mounts = readFileSync('/proc/mounts', 'utf8')
      .split('\n')
      .map((line) => line.split(' ')[1] ?? '')
      .filter((point) => point.startsWith(this.dir))
      .sort((a, b) => b.length - a.length);
    for (const point of mounts) spawnSync('umount', ['-l', point]);
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** Pids whose command line contains `text` (never this process). */
function processesMentioning(text: string): number[] {
  const out: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      if (readFileSync(`/proc/${entry}/cmdline`, 'utf8').replace(/\0/g, ' ').includes(text))
        out.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return out;
}

function deadOrZombie(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z');
  } catch {
    return true;
  }
}

function killQuietly(pid: number): void {
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

function writeLab(prefix: string): { dir: string; id: string } {
  const dir = makeTempDir('dockdrill-dies-');
  const lessonDir = join(dir, 'lessons', '01-dies');
  mkdirSync(join(lessonDir, 'files'), { recursive: true });
  const id = `${prefix}-lab`;
  writeFileSync(
    join(lessonDir, 'lab.md'),
    `---
id: ${id}
title: Daemon dies lab
minutes: 5
images: [busybox:1.36]
resources:
  containers: [${prefix}-web]
setup:
  - [run, -d, --name, ${prefix}-first, busybox:1.36, sleep, "600"]
  - [run, --name, ${prefix}-slow, busybox:1.36, sleep, "45"]
---

The second setup step runs in the foreground for 45 seconds: the daemon dies during it.

## Task: run-web
Run \`${prefix}-web\`.

\`\`\`check
- kind: container
  name: ${prefix}-web
  expect:
    State.Running: true
\`\`\`

#### Hint
- \`docker run -d\`

#### Solution
\`\`\`sh
docker run -d --name ${prefix}-web busybox:1.36 sleep 600
\`\`\`
`,
  );
  return { dir, id };
}

const reason = whyNot();
if (reason) {
  describe('a real daemon dies mid-lab (private dockerd)', () => {
    if (process.env.DOCKDRILL_REQUIRE_DOCKER === '1')
      it('needs root, dockerd and the main engine (DOCKDRILL_REQUIRE_DOCKER=1)', () => {
        throw new Error(reason);
      });
    else it.skipIf(true)(`skipped: ${reason}`, () => {});
  });
} else {
  describe('a real daemon dies mid-lab (private dockerd)', () => {
    let daemon: PrivateDaemon;
    let wrapper: string;
    const prefix = `dddie${process.pid}${Math.random().toString(36).slice(2, 6)}`;
    let lab: { dir: string; id: string };

    // The shared engine's bridge: the private daemon must leave it exactly as it was.
    const bridge = () =>
      spawnSync('ip', ['-o', 'link', 'show', 'docker0'], { encoding: 'utf8' }).stdout.split(
        ':',
      )[0] ?? '';
    let bridgeBefore = '';

    beforeAll(async () => {
      bridgeBefore = bridge();
      daemon = new PrivateDaemon();
      await daemon.start();
      // Copy busybox from the main engine: nothing can be pulled here.
      execFileSync('sh', ['-c', `docker save ${BUSYBOX} | docker --host "$PRIVATE" load`], {
        env: { ...process.env, PRIVATE: daemon.host },
        stdio: 'pipe',
        timeout: 60_000,
      });
      // The app runs `docker`; this one talks to the private daemon (DOCKER_HOST).
      const bin = makeTempDir('dockdrill-dies-bin-');
      wrapper = join(bin, 'docker');
      writeFileSync(wrapper, `#!/bin/sh\nDOCKER_HOST='${daemon.host}' exec docker "$@"\n`);
      chmodSync(wrapper, 0o755);
      lab = writeLab(prefix);
    }, 120_000);

    afterAll(async () => {
      await daemon?.destroy();
      if (lab) rmSync(lab.dir, { recursive: true, force: true });
      expect(existsSync(daemon.dir)).toBe(false);
      expect(bridge(), 'the host docker0 bridge changed').toBe(bridgeBefore);
    }, 60_000);

    it(
      'says the daemon is unreachable, keeps the journal and progress; cleanup works once it is back',
      { timeout: 150_000 },
      async () => {
        const home = makeTempDir('dockdrill-dies-home-');
        const store = new ProgressStore(home);
        recordTask(store, lab.id, 'run-web', (t) => {
          t.attempts = 4;
          t.hintsUsed = 1;
        });
        const progressBefore = readFileSync(store.path, 'utf8');
        const docker = new Docker({ bin: wrapper });
        const nav = recordingNavigation();
        const view = renderWith(
          <Lab id={lab.id} />,
          makeServices({ docker, home, store, roots: [{ dir: lab.dir, pack: '' }] }),
          nav,
        );
        try {
          // Wait for the foreground step to be running (journalled and its container up).
          const journalFile = journalPath(home, lab.id);
          const deadline = Date.now() + 60_000;
          for (;;) {
            const journal = readJournal(journalFile);
            const up = daemon
              .docker(['ps', '-q', '--filter', `name=^${prefix}-slow$`])
              .stdout?.trim();
            if (journal?.running?.includes(`${prefix}-slow`) && up) break;
            if (Date.now() > deadline)
              throw new Error(`setup never reached the slow step; screen:\n${view.lastFrame()}`);
            await sleep(150);
          }
          expect(view.lastFrame()).toContain('Setting up the lab');

          await daemon.kill();

          const frame = (await waitForFrame(view.lastFrame, 'r retry', 30_000)).replace(
            /\s+/g,
            ' ',
          );
          expect(frame).toContain('The lab could not be set up');
          expect(frame).toMatch(/no Docker daemon answers/);
          expect(frame).toMatch(/Start Docker/);

          // r retries against the dead daemon: the same clear message, no crash.
          view.stdin.write('r');
          await tick(100);
          expect(
            (await waitForFrame(view.lastFrame, 'r retry', 30_000)).replace(/\s+/g, ' '),
          ).toMatch(/no Docker daemon answers/);
          view.stdin.write('q');
          await tick(100);
          expect(nav.backs).toBe(1);
        } finally {
          view.unmount();
        }

        // The journal lists both setup containers; the interrupted one is not "done".
        const journal = readJournal(journalPath(home, lab.id));
        const byName = new Map(journal?.entries.map((e) => [e.name, e]) ?? []);
        expect(byName.get(`${prefix}-first`)?.status).toBe('done');
        expect(byName.get(`${prefix}-first`)?.id).toMatch(/^[0-9a-f]{64}$/);
        expect(byName.get(`${prefix}-slow`)?.status).not.toBe('done');
        expect(readFileSync(store.path, 'utf8')).toBe(progressBefore);

        // The daemon is back: cleanup from the journal (and labels) removes both.
        await daemon.start();
        const plan = await planCleanup(docker, { labId: lab.id, dataDir: home });
        const names = plan.items.map((i) => `${i.kind} ${i.name}`).sort();
        expect(names).toEqual([`container ${prefix}-first`, `container ${prefix}-slow`]);
        for (const item of plan.items) expect(item.reasons).toContain('journal');
        const report = await cleanup(docker, plan);
        expect(report.failed).toEqual([]);
        expect(daemon.docker(['ps', '-aq']).stdout.trim()).toBe('');
        expect(existsSync(journalPath(home, lab.id))).toBe(false);
        rmSync(home, { recursive: true, force: true });
      },
    );
  });
}
