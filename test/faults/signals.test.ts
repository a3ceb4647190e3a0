/**
 * SIGINT and SIGTERM sent to the CLI's process (as `kill` or a closing terminal would), in a
 * real terminal (tmux, the built CLI): during a lab's setup, during a check, during an exam.
 * Each time the process ends with the signal's code (130/143), the terminal is usable again
 * (canonical mode, echo, the cursor shown), the lab journal lists what setup made (the
 * interrupted step too), and the progress file is intact.
 *
 * Exams: the open paper is saved on every answer, so the interrupted exam is still there:
 * the next `dockdrill exam` offers it and resumes it with its answer.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { packName, pathSegment } from '../../src/content/namespace.js';
import { journalPath, readJournal } from '../../src/labs/engine.js';
import { recordLessonPosition } from '../../src/progress/records.js';
import { ProgressStore } from '../../src/progress/store.js';
import { describeDocker, dockerMaybe } from '../helpers/docker.js';
import { makeTempDir } from '../helpers/home.js';
import { describeTmux, TmuxSession } from '../helpers/tmux.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const CODES = { SIGINT: 130, SIGTERM: 143 } as const;
type Signal = keyof typeof CODES;

function tmuxOut(session: TmuxSession, args: readonly string[]): string {
  return spawnSync('tmux', ['-S', session.socket, ...args], { encoding: 'utf8' }).stdout.trim();
}

/** The CLI's pid: the pane runs `sh -c 'env ... node cli.js ...'`, env execs node. */
function cliPid(session: TmuxSession): number {
  const pane = Number(tmuxOut(session, ['display', '-p', '-t', session.name, '#{pane_pid}']));
  const child = spawnSync('pgrep', ['-P', String(pane)], { encoding: 'utf8' }).stdout.trim();
  const pid = Number(child.split('\n')[0]);
  if (!pid) throw new Error(`no CLI process under pane ${pane}`);
  return pid;
}

/** The terminal is usable again: line mode and echo are back, and the cursor shows. */
function expectTerminalRestored(session: TmuxSession): void {
  const tty = tmuxOut(session, ['display', '-p', '-t', session.name, '#{pane_tty}']);
  const modes = spawnSync('stty', ['-a', '-F', tty], { encoding: 'utf8' }).stdout;
  expect(modes).toMatch(/(^|\s)icanon(\s|$)/);
  expect(modes).toMatch(/(^|\s)echo(\s|$)/);
  expect(tmuxOut(session, ['display', '-p', '-t', session.name, '#{cursor_flag}'])).toBe('1');
}

/** A home with one lesson read, to prove the progress file survives the signal. */
function seededHome() {
  const home = makeTempDir('dockdrill-signal-home-');
  const store = new ProgressStore(home);
  recordLessonPosition(store, 'restart-policies', 12, true);
  return { home, store };
}

function expectProgressIntact(store: ProgressStore): void {
  expect(() => JSON.parse(readFileSync(store.path, 'utf8')) as unknown).not.toThrow();
  expect(store.read().lessons['restart-policies']?.readAt).toBeTruthy();
  expect(store.notice).toBeUndefined();
}

describeTmux('signals in a real terminal', () => {
  let session: TmuxSession | undefined;
  const cleanups: (() => void)[] = [];
  afterEach(() => {
    session?.close();
    session = undefined;
    for (const c of cleanups.splice(0)) c();
  });

  describe.each(['SIGINT', 'SIGTERM'] as Signal[])('%s', (signal) => {
    it(
      'during an exam: exits with its code, terminal restored, the paper kept and resumable',
      { timeout: 60_000 },
      async () => {
        const { home, store } = seededHome();
        cleanups.push(() => rmSync(home, { recursive: true, force: true }));
        session = new TmuxSession({
          args: ['exam', '--questions', '3', '--minutes', '5', '--seed', 'sig'],
          env: { DOCKDRILL_HOME: home },
          columns: 100,
          rows: 30,
        });
        await session.waitFor('enter start', 20_000);
        session.send('Enter');
        await session.waitFor('Question 1/3 · 0 answered');
        session.send('1');
        await session.waitFor('1 answered');
        process.kill(cliPid(session), signal);
        expect(await session.exitCode(10_000)).toBe(CODES[signal]);
        expectTerminalRestored(session);
        expectProgressIntact(store);
        const kept = store.read().examInProgress;
        expect(kept?.questionIds).toHaveLength(3);
        expect(Object.keys(kept?.answers ?? {})).toHaveLength(1);
        session.close();

        session = new TmuxSession({
          args: ['exam'],
          env: { DOCKDRILL_HOME: home },
          columns: 100,
          rows: 30,
        });
        await session.waitFor('1/3 answered', 20_000);
        session.send('r');
        await session.waitFor('1 answered');
      },
    );

    it(
      'during a check that hangs: exits at once with its code, the docker call ends too',
      { timeout: 60_000 },
      async () => {
        const { home, store } = seededHome();
        const bin = makeTempDir('dockdrill-signal-bin-');
        cleanups.push(() => {
          rmSync(home, { recursive: true, force: true });
          rmSync(bin, { recursive: true, force: true });
        });
        // A docker that hangs, with a marker so this test finds exactly its own process.
        const marker = `599.${process.pid}${Math.floor(Math.random() * 1000)}`;
        writeFileSync(join(bin, 'docker'), `#!/bin/sh\nexec sleep ${marker}\n`);
        chmodSync(join(bin, 'docker'), 0o755);
        session = new TmuxSession({
          args: ['check', 'restart-policies-lab'],
          env: { DOCKDRILL_HOME: home, DOCKDRILL_DOCKER: join(bin, 'docker') },
        });
        const hung = () =>
          spawnSync('pgrep', ['-f', `sleep ${marker}`], { encoding: 'utf8' }).stdout.trim();
        for (let i = 0; i < 100 && !hung(); i++) await sleep(100);
        expect(hung()).not.toBe('');
        process.kill(cliPid(session), signal);
        expect(await session.exitCode(10_000)).toBe(CODES[signal]);
        expectTerminalRestored(session);
        expectProgressIntact(store);
        for (let i = 0; i < 30 && hung(); i++) await sleep(100);
        const left = hung();
        if (left) spawnSync('kill', left.split('\n'));
        expect(left, 'the hanging docker call outlived the CLI').toBe('');
      },
    );

    describeDocker('with the real engine', () => {
      it(
        'during a lab setup: exits, terminal restored, the journal lists what setup made',
        { timeout: 90_000 },
        async () => {
          const { home, store } = seededHome();
          const prefix = `ddsig${process.pid}${Math.random().toString(36).slice(2, 6)}`;
          const dir = makeTempDir('dockdrill-signal-lab-');
          cleanups.push(() => {
            dockerMaybe(['rm', '-f', '-v', `${prefix}-first`, `${prefix}-slow`]);
            rmSync(home, { recursive: true, force: true });
            rmSync(dir, { recursive: true, force: true });
          });
          mkdirSync(join(dir, 'lessons', '01-sig', 'files'), { recursive: true });
          writeFileSync(
            join(dir, 'lessons', '01-sig', 'lab.md'),
            `---
id: sig-lab
title: Signal lab
images: [busybox:1.36]
resources:
  containers: [${prefix}-web]
setup:
  - [run, -d, --name, ${prefix}-first, busybox:1.36, sleep, "600"]
  - [run, --name, ${prefix}-slow, busybox:1.36, sleep, "60"]
---

The second setup step runs in the foreground for a minute.

## Task: web
Run it.

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
          const labId = `${packName(dir)}/sig-lab`;
          session = new TmuxSession({
            args: ['lab', labId, '--content', dir],
            env: { DOCKDRILL_HOME: home },
            columns: 100,
            rows: 30,
          });
          await session.waitFor('Run this lab?', 30_000);
          session.send('y');
          const journalFile = journalPath(home, labId);
          expect(journalFile).toContain(pathSegment(labId));
          for (let i = 0; i < 300; i++) {
            if (readJournal(journalFile)?.running?.includes(`${prefix}-slow`)) break;
            await sleep(100);
          }
          await session.waitFor('Setting up the lab');
          process.kill(cliPid(session), signal);
          expect(await session.exitCode(10_000)).toBe(CODES[signal]);
          expectTerminalRestored(session);
          expectProgressIntact(store);
          const journal = readJournal(journalFile);
          const byName = new Map(journal?.entries.map((e) => [e.name, e]) ?? []);
          expect(byName.get(`${prefix}-first`)?.status).toBe('done');
          // The interrupted step is recorded as still running: the next start offers cleanup.
          expect(byName.get(`${prefix}-slow`)?.status).toBe('pending');
          expect(journal?.running).toContain(`${prefix}-slow`);
        },
      );
    });
  });
});
