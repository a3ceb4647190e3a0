/**
 * Drives the built CLI in a real terminal: a detached tmux session of a given size, keys
 * sent with send-keys, the screen read with capture-pane. Each session has its own tmux
 * server socket so parallel test files never see each other's panes.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, it } from 'vitest';
import { makeTempDir } from './home.js';

export const CLI = resolve(import.meta.dirname, '..', '..', 'dist', 'cli.js');

/** Why tmux cannot run here, or undefined when it can (for sessions that do not run the CLI). */
export function tmuxMissing(): string | undefined {
  const probe = spawnSync('tmux', ['-V'], { encoding: 'utf8' });
  return probe.error || probe.status !== 0 ? 'tmux is not installed' : undefined;
}

export function tmuxAvailable(): { ok: boolean; reason: string } {
  if (tmuxMissing()) return { ok: false, reason: 'tmux is not installed' };
  if (!existsSync(CLI))
    return { ok: false, reason: `the CLI is not built (${CLI}): run npm run build` };
  return { ok: true, reason: '' };
}

/** Like describeDocker: skips with a reason, or fails when DOCKDRILL_REQUIRE_TMUX=1. */
export function describeTmux(name: string, body: () => void): void {
  const status = tmuxAvailable();
  if (status.ok) {
    describe(name, body);
    return;
  }
  if (process.env.DOCKDRILL_REQUIRE_TMUX === '1') {
    describe(name, () => {
      it('needs tmux (DOCKDRILL_REQUIRE_TMUX=1)', () => {
        throw new Error(status.reason);
      });
    });
    return;
  }
  describe(name, () => {
    it.skipIf(true)(`skipped: ${status.reason}`, () => {});
  });
}

export interface TmuxOptions {
  readonly args?: readonly string[];
  readonly env?: Readonly<Record<string, string>>;
  readonly columns?: number;
  readonly rows?: number;
  /**
   * Runs this argv in the pane instead of the built CLI (`args` is then ignored), e.g.
   * `['docker', 'run', '-it', ...]` for a test of the docker CLI itself in a terminal.
   */
  readonly command?: readonly string[];
  /** The pane's working directory (the test process's by default). */
  readonly cwd?: string;
}

const KEY_PAUSE_MS = 60;
const PAUSE = new Int32Array(new SharedArrayBuffer(4));

function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

export class TmuxSession {
  readonly socket: string;
  readonly name = 'dd';
  private readonly dir: string;
  private readonly exitFile: string;

  constructor(options: TmuxOptions = {}) {
    this.dir = makeTempDir('dockdrill-tmux-');
    this.socket = join(this.dir, 'tmux.sock');
    this.exitFile = join(this.dir, 'exit-code');
    const env = { CI: 'false', TERM: 'xterm-256color', ...options.env };
    const exports = Object.entries(env)
      .map(([key, value]) => `${key}=${shellQuote(value)}`)
      .join(' ');
    const argv = (options.command ?? [process.execPath, CLI, ...(options.args ?? [])])
      .map(shellQuote)
      .join(' ');
    // Record the exit code, then keep the pane open so the last screen can still be read.
    const script = `env ${exports} ${argv}; echo $? > ${shellQuote(this.exitFile)}; sleep 600`;
    this.tmux([
      'new-session',
      '-d',
      '-s',
      this.name,
      '-x',
      String(options.columns ?? 80),
      '-y',
      String(options.rows ?? 24),
      ...(options.cwd ? ['-c', options.cwd] : []),
      script,
    ]);
  }

  private tmux(args: readonly string[]): string {
    const result = spawnSync('tmux', ['-S', this.socket, ...args], { encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`tmux ${args.join(' ')} failed: ${result.stderr}`);
    return result.stdout;
  }

  /**
   * Sends keys as tmux names them: 'Down', 'Enter', 'Escape', 'q', 'C-c'. One key per write,
   * with a pause, as a person types: Ink reads a chunk of several keys as one pasted string.
   */
  send(...keys: string[]): void {
    for (const key of keys) {
      this.tmux(['send-keys', '-t', this.name, key]);
      Atomics.wait(PAUSE, 0, 0, KEY_PAUSE_MS);
    }
  }

  /** Sends literal text (no key-name lookup). */
  type(text: string): void {
    this.tmux(['send-keys', '-t', this.name, '-l', text]);
  }

  /** The pid of the pane's shell; the command it runs is that shell's child. */
  panePid(): number {
    return Number(this.tmux(['display-message', '-p', '-t', this.name, '#{pane_pid}']).trim());
  }

  screen(): string {
    return this.tmux(['capture-pane', '-p', '-t', this.name]);
  }

  resize(columns: number, rows: number): void {
    this.tmux(['resize-window', '-t', this.name, '-x', String(columns), '-y', String(rows)]);
  }

  /** Waits until the screen contains `text` (or matches it), or throws with the screen. */
  async waitFor(text: string | RegExp, timeoutMs = 10_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    let last = '';
    while (Date.now() < deadline) {
      last = this.screen();
      if (typeof text === 'string' ? last.includes(text) : text.test(last)) {
        // Ink re-binds its input handlers just after a frame is drawn: let it settle.
        await new Promise((r) => setTimeout(r, 60));
        return last;
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(
      `timed out after ${timeoutMs} ms waiting for ${String(text)}; screen was:\n${last}`,
    );
  }

  /** The exit code once the pane's command has ended, or undefined while it still runs. */
  exited(): number | undefined {
    if (!existsSync(this.exitFile)) return undefined;
    const text = readFileSync(this.exitFile, 'utf8').trim();
    return text ? Number(text) : undefined;
  }

  /** Waits for the CLI to exit and returns its exit code. */
  async exitCode(timeoutMs = 10_000): Promise<number> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (existsSync(this.exitFile)) {
        const text = readFileSync(this.exitFile, 'utf8').trim();
        if (text) return Number(text);
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`the CLI did not exit within ${timeoutMs} ms; screen was:\n${this.screen()}`);
  }

  /**
   * Opens a second window running `command` (a shell by default) in `cwd`, where a test
   * types as the learner would in another terminal; the app's window keeps its size.
   * Returns the tmux target of the new window.
   */
  openWindow(
    options: { cwd?: string; command?: string; env?: Record<string, string> } = {},
  ): string {
    const target = `${this.name}:learner`;
    const env = Object.entries(options.env ?? {}).flatMap(([k, v]) => ['-e', `${k}=${v}`]);
    this.tmux([
      'new-window',
      '-d',
      '-n',
      'learner',
      ...(options.cwd ? ['-c', options.cwd] : []),
      ...env,
      options.command ?? '/bin/sh',
    ]);
    return target;
  }

  /** Types a line into another window (literal text, then Enter). */
  typeLineIn(target: string, line: string): void {
    this.tmux(['send-keys', '-t', target, '-l', line]);
    this.tmux(['send-keys', '-t', target, 'Enter']);
  }

  /** The visible text of another window. */
  screenOf(target: string): string {
    return this.tmux(['capture-pane', '-p', '-t', target]);
  }

  close(): void {
    spawnSync('tmux', ['-S', this.socket, 'kill-server']);
    rmSync(this.dir, { recursive: true, force: true });
  }
}
