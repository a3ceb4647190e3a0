/**
 * A PRIVATE dockerd for tests that must stop, kill or reconfigure a daemon. The shared
 * engine is never touched: this one has its own data-root, exec-root, socket, pid file,
 * daemon.json and managed containerd, all under one temporary folder, and runs in a
 * network namespace of its own (`unshare --net`) with no bridge and no iptables rules.
 *
 * The namespace is not optional: a second dockerd in the host's namespace started with
 * `--bridge none` DELETES the host's docker0 at start, cutting every container of the
 * shared engine off its network. `hostBridge()` lets a test check docker0 is untouched.
 *
 * Needs root, dockerd, unshare and the main engine (busybox is copied from it with
 * `docker save | docker load`, nothing can be pulled). `describePrivateDaemon` skips with
 * the reason when one is missing, or fails when DOCKDRILL_REQUIRE_DOCKER=1.
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
} from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { BUSYBOX, describeUnavailable, engineStatus } from './docker.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Why a private daemon cannot run here, or undefined when it can. */
export function privateDaemonUnavailable(): string | undefined {
  if (process.getuid?.() !== 0) return 'a private dockerd needs root';
  if (spawnSync('sh', ['-c', 'command -v dockerd']).status !== 0) return 'dockerd is not installed';
  if (spawnSync('sh', ['-c', 'command -v unshare']).status !== 0) return 'unshare is not installed';
  const engine = engineStatus();
  if (!engine.ok) return `the main engine is needed to copy ${BUSYBOX} from: ${engine.reason}`;
  return undefined;
}

/** A describe block that runs only where a private daemon can (see the file comment). */
export function describePrivateDaemon(name: string, body: () => void): void {
  const reason = privateDaemonUnavailable();
  if (reason) describeUnavailable(name, reason, 'needs root, dockerd and the main engine');
  else describe(name, body);
}

/**
 * The host's docker0 as "ifindex: name" ('' when there is none). A deleted and re-created
 * bridge gets a new index, so comparing before/after catches both.
 */
export function hostBridge(): string {
  const out = spawnSync('ip', ['-o', 'link', 'show', 'docker0'], { encoding: 'utf8' }).stdout;
  return (out ?? '').split(':').slice(0, 2).join(':').trim();
}

/** How one start of the daemon is configured. */
export interface DaemonStartOptions {
  /** Written to its daemon.json before the start (e.g. `{'storage-driver': 'vfs'}`). */
  config?: Record<string, unknown>;
  /** Extra dockerd flags, e.g. `['--storage-driver', 'overlay2']`. */
  args?: readonly string[];
  /**
   * Let the daemon make its default bridge (docker0 inside its own network namespace, not
   * the host's). Off by default: most tests need no network.
   */
  bridge?: boolean;
}

/** One private dockerd in its own temporary folder. */
export class PrivateDaemon {
  readonly dir: string;
  readonly dataRoot: string;
  readonly socket: string;
  readonly host: string;
  private child: ChildProcess | undefined;

  constructor() {
    // Short path: the unix sockets under it (containerd's too) must stay under 108 bytes.
    this.dir = mkdtempSync('/tmp/ddpd-');
    this.dataRoot = join(this.dir, 'data');
    for (const sub of ['data', 'exec']) mkdirSync(join(this.dir, sub));
    writeFileSync(join(this.dir, 'daemon.json'), '{}\n');
    this.socket = join(this.dir, 'd.sock');
    this.host = `unix://${this.socket}`;
  }

  get pid(): number | undefined {
    const file = join(this.dir, 'd.pid');
    return existsSync(file) ? Number(readFileSync(file, 'utf8').trim()) : undefined;
  }

  /** Runs the docker CLI against this daemon. */
  docker(args: readonly string[]) {
    return spawnSync('docker', ['--host', this.host, ...args], {
      encoding: 'utf8',
      timeout: 30_000,
    });
  }

  /** Runs docker against this daemon and returns its trimmed stdout; throws when it fails. */
  out(args: readonly string[]): string {
    const r = this.docker(args);
    if (r.status !== 0)
      throw new Error(`docker ${args.join(' ')} failed (${r.status}): ${r.stderr?.trim()}`);
    return r.stdout.trim();
  }

  /** Starts dockerd and waits until it answers. Each start may set its own configuration. */
  async start(options: DaemonStartOptions = {}): Promise<void> {
    rmSync(join(this.dir, 'd.pid'), { force: true });
    writeFileSync(join(this.dir, 'daemon.json'), `${JSON.stringify(options.config ?? {})}\n`);
    const log = openSync(join(this.dir, 'dockerd.log'), 'a');
    // In a network namespace of its own: a dockerd with `--bridge none` deletes the host's
    // docker0 at start, which would cut every container of the shared engine off its network.
    const child = spawn(
      'unshare',
      [
        '--net',
        '--',
        'dockerd',
        '--config-file',
        join(this.dir, 'daemon.json'),
        '--data-root',
        this.dataRoot,
        '--exec-root',
        join(this.dir, 'exec'),
        '--pidfile',
        join(this.dir, 'd.pid'),
        '--host',
        this.host,
        ...(options.bridge ? [] : ['--bridge', 'none']),
        '--iptables=false',
        '--ip-masq=false',
        '--ip-forward=false',
        ...(options.args ?? []),
      ],
      { stdio: ['ignore', log, log], detached: false },
    );
    this.child = child;
    child.on('error', () => {});
    let exited = false;
    child.on('exit', () => {
      exited = true;
    });
    const deadline = Date.now() + 45_000;
    while (Date.now() < deadline && !exited) {
      if (this.docker(['version', '--format', '{{.Server.Version}}']).status === 0) return;
      await sleep(200);
    }
    throw new Error(
      `the private dockerd did not come up${exited ? ' (it exited)' : ''}:\n${this.log().slice(-2000)}`,
    );
  }

  /** The argv prefix that runs a host command inside this daemon's network namespace. */
  inNamespace(): string[] {
    const pid = this.pid;
    if (!pid) throw new Error('the private dockerd is not running');
    return ['nsenter', `--net=/proc/${pid}/ns/net`];
  }

  log(): string {
    const file = join(this.dir, 'dockerd.log');
    return existsSync(file) ? readFileSync(file, 'utf8') : '';
  }

  /** The storage driver the running daemon uses (`docker info`). */
  driver(): string {
    return this.out(['info', '--format', '{{.Driver}}']);
  }

  /** Copies an image from the main engine into this daemon (nothing can be pulled here). */
  loadFromMainEngine(image: string = BUSYBOX): void {
    execFileSync('sh', ['-c', 'docker save "$IMAGE" | docker --host "$PRIVATE" load'], {
      env: { ...process.env, PRIVATE: this.host, IMAGE: image },
      stdio: 'pipe',
      timeout: 60_000,
    });
  }

  /**
   * Stops dockerd the way a service manager does: SIGTERM, then wait. The daemon stops its
   * containers itself (each gets its stop signal, then SIGKILL after its stop timeout) and
   * then its managed containerd. Throws if it is still there after `timeoutMs`.
   */
  async stop(timeoutMs = 30_000): Promise<void> {
    const pid = this.pid ?? this.child?.pid;
    if (!pid) return;
    try {
      process.kill(pid, 'SIGTERM');
    } catch {
      return; // already gone
    }
    if (!(await this.waitGone(timeoutMs)))
      throw new Error(`the private dockerd (pid ${pid}) did not stop after SIGTERM`);
    await this.waitContainerdGone(5_000);
  }

  /** A graceful stop, then a start with `options`. */
  async restart(options: DaemonStartOptions = {}): Promise<void> {
    await this.stop();
    await this.start(options);
  }

  /** SIGKILLs dockerd, then its managed containerd if that outlived it (it holds the DB). */
  async kill(): Promise<void> {
    const pid = this.pid;
    if (pid) killQuietly(pid);
    await this.waitGone();
    const toml = join(this.dir, 'exec', 'containerd', 'containerd.toml');
    const deadline = Date.now() + 3000;
    while (processesMentioning(toml).length && Date.now() < deadline) await sleep(100);
    for (const stray of processesMentioning(toml)) killQuietly(stray);
    await this.waitContainerdGone(8_000);
  }

  /**
   * A dead containerd may linger as a zombie until init reaps it; dockerd would take its pid
   * file for a live containerd and wait for it forever. Wait for it, then drop the file.
   */
  private async waitContainerdGone(timeoutMs: number): Promise<void> {
    const pidFile = join(this.dir, 'exec', 'containerd', 'containerd.pid');
    const containerd = existsSync(pidFile) ? Number(readFileSync(pidFile, 'utf8').trim()) : 0;
    const deadline = Date.now() + timeoutMs;
    while (containerd && !deadOrZombie(containerd) && Date.now() < deadline) await sleep(100);
    rmSync(pidFile, { force: true });
  }

  async waitGone(timeoutMs = 15_000): Promise<boolean> {
    const pid = this.pid ?? this.child?.pid;
    const deadline = Date.now() + timeoutMs;
    while (pid && Date.now() < deadline) {
      if (deadOrZombie(pid)) return true;
      await sleep(100);
    }
    return !pid;
  }

  /** Processes of THIS daemon still alive (dockerd, containerd, shims name our folder). */
  processes(): number[] {
    return processesMentioning(this.dir).filter((pid) => !deadOrZombie(pid));
  }

  /** Removes every container, stops the daemon, ends its leftovers, unmounts, removes. */
  async destroy(): Promise<void> {
    if (this.docker(['version']).status === 0) {
      const ids = this.docker(['ps', '-aq']).stdout?.split('\n').filter(Boolean) ?? [];
      if (ids.length) this.docker(['rm', '-f', '-v', ...ids]);
    }
    const pid = this.pid ?? this.child?.pid;
    if (pid && !deadOrZombie(pid)) {
      killQuietly(pid, 'SIGTERM');
      if (!(await this.waitGone(20_000))) {
        killQuietly(pid);
        await this.waitGone(5_000);
      }
    }
    // Shims and containerd of THIS daemon only: their command lines name our folder.
    for (const stray of processesMentioning(this.dir)) killQuietly(stray);
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

function killQuietly(pid: number, signal: NodeJS.Signals = 'SIGKILL'): void {
  try {
    process.kill(pid, signal);
  } catch {
    // already gone
  }
}

/**
 * The usual frame of a test file: before its tests, note docker0, start a daemon (with
 * `start` options), read the driver it picked by itself and copy busybox in (unless
 * `busybox: false`); after them, destroy the daemon and check that nothing of it is left
 * and docker0 is as before. Call it inside the describe block.
 */
export function usePrivateDaemon(
  options: { readonly start?: DaemonStartOptions; readonly busybox?: boolean } = {},
): { readonly daemon: PrivateDaemon; firstDriver(): string } {
  const daemon = new PrivateDaemon();
  let bridgeBefore = '';
  let firstDriver = '';
  beforeAll(async () => {
    bridgeBefore = hostBridge();
    await daemon.start(options.start);
    firstDriver = daemon.driver();
    if (options.busybox !== false) daemon.loadFromMainEngine(BUSYBOX);
  }, 60_000);
  afterAll(async () => {
    await daemon.destroy();
    expect(daemon.processes(), 'processes of the private daemon are left').toEqual([]);
    expect(existsSync(daemon.dir)).toBe(false);
    expect(hostBridge(), 'the host docker0 bridge changed').toBe(bridgeBefore);
  }, 60_000);
  return { daemon, firstDriver: () => firstDriver };
}
