/**
 * docker CLI behaviour that only shows in a TERMINAL: detach keys, typing `exit` into an
 * attached shell, killing the attach client, and `docker save` refusing to write a tar to
 * a terminal. A quiz Verify probe runs its steps without a terminal, so these keys are
 * proven here: the real docker CLI runs in a tmux pane against the main engine, on
 * uniquely named containers labelled dockdrill.test=1 that are removed afterwards.
 *
 * Each test names the quiz question it backs:
 * - quizzes/15-container-basics.quiz.md: cb-detach-keys, cb-attach-exit-stops,
 *   cb-kill-attach-client
 * - quizzes/03-moving-images.quiz.md: mi-save-to-terminal
 *
 * Needs the main engine and tmux; skips with the reason otherwise, or fails when
 * DOCKDRILL_REQUIRE_DOCKER=1.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import {
  BUSYBOX,
  describeDocker,
  docker,
  dockerMaybe,
  requireDocker,
  TEST_LABEL,
  uniqueName,
} from '../helpers/docker.js';
import { makeTempDir } from '../helpers/home.js';
import { TmuxSession, tmuxMissing } from '../helpers/tmux.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** busybox sh's prompt as root in `/`. */
const PROMPT = '/ #';

/** Like describeDocker, but also needs tmux. */
function describeTerminal(name: string, body: () => void): void {
  const missing = tmuxMissing();
  if (!missing) {
    describeDocker(name, body);
    return;
  }
  describe(name, () => {
    if (requireDocker)
      it('needs tmux (DOCKDRILL_REQUIRE_DOCKER=1)', () => {
        throw new Error(missing);
      });
    else it.skipIf(true)(`skipped: ${missing}`, () => {});
  });
}

describeTerminal('the docker CLI in a real terminal', () => {
  const containers: string[] = [];
  const sessions: TmuxSession[] = [];

  /** A unique container name, removed after the file. */
  const containerName = (prefix: string) => {
    const name = uniqueName(prefix);
    containers.push(name);
    return name;
  };

  /** Runs `argv` (the docker CLI) in a fresh 80x24 terminal. */
  const terminal = (argv: readonly string[], cwd?: string) => {
    const session = new TmuxSession({ command: ['docker', ...argv], ...(cwd ? { cwd } : {}) });
    sessions.push(session);
    return session;
  };

  /** `State.Status State.ExitCode` of a container. */
  const state = (name: string) =>
    docker(['inspect', '--format', '{{.State.Status}} {{.State.ExitCode}}', name]);

  /** Waits until the pane's command has ended; returns its exit code. */
  const clientExit = (session: TmuxSession, timeoutMs = 10_000) => session.exitCode(timeoutMs);

  /** Asserts the pane's command is still running `forMs` later (it did not exit). */
  const stillAttached = async (session: TmuxSession, forMs = 800) => {
    await sleep(forMs);
    expect(session.exited(), `the client exited; screen:\n${session.screen()}`).toBeUndefined();
  };

  afterEach(() => {
    for (const session of sessions.splice(0)) session.close();
  });

  afterAll(() => {
    if (containers.length) dockerMaybe(['rm', '-f', '-v', ...containers]);
  });

  it('cb-detach-keys: Ctrl-C does not detach, Ctrl-P Ctrl-Q does and the container keeps running; Ctrl-D ends PID 1', async () => {
    const box = containerName('dd-term-detach');
    const session = terminal(['run', '-it', '--name', box, '--label', TEST_LABEL, BUSYBOX, 'sh']);
    await session.waitFor(PROMPT);

    // Wrong option "Ctrl-C": with a terminal it is a keystroke for the shell inside. The
    // client stays attached and the shell is still there to answer.
    session.send('C-c');
    await stillAttached(session);
    session.type('echo still-$((40+2))');
    session.send('Enter');
    await session.waitFor('still-42');
    expect(state(box)).toBe('running 0');

    // The key: Ctrl-P then Ctrl-Q detaches. The client ends (exit code 0) and PID 1 goes on.
    session.send('C-p', 'C-q');
    expect(await clientExit(session)).toBe(0);
    expect(state(box)).toBe('running 0');
    // It is the same shell: attach again and it answers, with the earlier output above.
    const again = terminal(['attach', box]);
    await sleep(300);
    again.send('Enter');
    await again.waitFor(PROMPT);
    again.type('echo back-$((40+2))');
    again.send('Enter');
    await again.waitFor('back-42');
    // Detaching `docker attach` works the same way; this client reports it on the screen
    // and exits 1 (`docker run -it` above exited 0): either way the container goes on.
    again.send('C-p', 'C-q');
    expect(await clientExit(again)).toBe(1);
    expect(again.screen()).toContain('read escape sequence');
    expect(state(box)).toBe('running 0');

    // Wrong option "Ctrl-D": end-of-input for the shell, which is PID 1, so it stops.
    const other = containerName('dd-term-ctrld');
    const second = terminal(['run', '-it', '--name', other, '--label', TEST_LABEL, BUSYBOX, 'sh']);
    await second.waitFor(PROMPT);
    second.send('C-d');
    expect(await clientExit(second)).toBe(0);
    expect(state(other)).toBe('exited 0');
  });

  it('cb-detach-keys: --detach-keys replaces the sequence; Ctrl-P Ctrl-Q then no longer detaches', async () => {
    const box = containerName('dd-term-keys');
    const session = terminal([
      'run',
      '-it',
      '--detach-keys',
      'ctrl-x,x',
      '--name',
      box,
      '--label',
      TEST_LABEL,
      BUSYBOX,
      'sh',
    ]);
    await session.waitFor(PROMPT);
    session.send('C-p', 'C-q');
    await stillAttached(session);
    session.send('C-x', 'x');
    expect(await clientExit(session)).toBe(0);
    expect(state(box)).toBe('running 0');
  });

  it('cb-attach-exit-stops: `exit` typed into `docker attach` ends PID 1; the container stops with code 0 and is not removed', async () => {
    const box = containerName('dd-term-attach');
    docker(['run', '-dit', '--name', box, '--label', TEST_LABEL, BUSYBOX, 'sh']);
    const session = terminal(['attach', box]);
    // attach prints nothing until PID 1 writes: Enter makes the shell print a new prompt.
    await sleep(300);
    session.send('Enter');
    await session.waitFor(PROMPT);
    session.type('exit');
    session.send('Enter');
    // The attach client ends with PID 1's exit code.
    expect(await clientExit(session)).toBe(0);
    // Not "only your session ends": the container is exited. Not "removed": it is still
    // there to inspect (no --rm).
    expect(state(box)).toBe('exited 0');
  });

  it('cb-kill-attach-client: SIGKILL to the `docker attach` client leaves the container running', async () => {
    const box = containerName('dd-term-kill');
    docker(['run', '-dit', '--name', box, '--label', TEST_LABEL, BUSYBOX, 'sh']);
    const session = terminal(['attach', box]);
    await sleep(300);
    session.send('Enter');
    await session.waitFor(PROMPT);

    // The pane's shell runs `env ... docker attach`; env execs docker, so the client is
    // that shell's child whose command line is `docker attach <box>`.
    const shell = session.panePid();
    const children = readFileSync(`/proc/${shell}/task/${shell}/children`, 'utf8')
      .trim()
      .split(/\s+/)
      .map(Number);
    const client = children.find((pid) =>
      readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').includes(`attach ${box}`),
    );
    expect(client, `no docker attach client among ${children.join(',')}`).toBeDefined();
    process.kill(client!, 'SIGKILL');

    // The shell saw its child killed by signal 9: exit status 128 + 9.
    expect(await clientExit(session)).toBe(137);
    await sleep(500);
    expect(state(box)).toBe('running 0');
    // PID 1 is the same shell, untouched: it still answers.
    expect(docker(['exec', box, 'sh', '-c', 'echo $((6*7))'])).toBe('42');
  });

  it('mi-save-to-terminal: `docker save` (and `docker export`) refuse when stdout is a terminal, exit 1, write no file', async () => {
    const cwd = makeTempDir('dd-term-save-');
    const save = terminal(['save', BUSYBOX], cwd);
    expect(await clientExit(save)).toBe(1);
    const screen = save.screen();
    expect(screen).toContain(
      'cowardly refusing to save to a terminal. Use the -o flag or redirect',
    );
    // Wrong options: no tar bytes on the screen (a tar of an image holds manifest.json),
    // and no default file in the current directory.
    expect(screen).not.toContain('manifest.json');
    expect(readdirSync(cwd)).toEqual([]);

    // The explanation says `docker export` behaves the same way.
    const box = containerName('dd-term-export');
    docker(['create', '--name', box, '--label', TEST_LABEL, BUSYBOX, 'true']);
    const exp = terminal(['export', box], cwd);
    expect(await clientExit(exp)).toBe(1);
    expect(exp.screen()).toContain('cowardly refusing to save to a terminal');
    expect(readdirSync(cwd)).toEqual([]);
  });
});
