/**
 * Docker faults on every screen that talks to Docker (Home, Doctor, Labs, Lab), with a fake
 * docker: the CLI absent, the daemon down, the socket's permission denied, a call that
 * hangs. Each time: a clear message, q/Esc still gets out, progress and lab journals are
 * untouched. (The headless commands are in commands-faults.test.ts.)
 *
 * Labs load from a root with pack '' (like the bundled course): ids as written, no
 * approval question, which is not what these tests are about.
 */
import { chmodSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Docker } from '../../src/docker/index.js';
import { recordTask } from '../../src/progress/records.js';
import { ProgressStore } from '../../src/progress/store.js';
import { Doctor } from '../../src/ui/screens/Doctor.js';
import { Home } from '../../src/ui/screens/Home.js';
import { Lab } from '../../src/ui/screens/Lab.js';
import { Labs } from '../../src/ui/screens/Labs.js';
import type { ScreenId } from '../../src/ui/screens.js';
import { fakeDockerEnv, type Fault } from '../helpers/fake-docker.js';
import { makeTempDir } from '../helpers/home.js';
import { makeFixtureLab } from '../helpers/lab-fixture.js';
import {
  makeServices,
  recordingNavigation,
  renderWith,
  tick,
  waitForFrame,
} from '../ui/render-app.js';
import { absentDockerBin, writeDeadJournal } from './fault-helpers.js';

const FAULTS: readonly Fault[] = ['absent', 'daemon-down', 'permission-denied', 'hang'];

/** What the typed error says for each fault (src/docker/errors.ts). */
const MESSAGE: Record<Fault, RegExp> = {
  absent: /The docker CLI was not found/,
  'daemon-down': /no Docker daemon answers/,
  'permission-denied': /Permission denied on the Docker socket/,
  hang: /did not finish within \d+ ms/,
};
const FIX: Record<Fault, RegExp> = {
  absent: /Install Docker/,
  'daemon-down': /Start Docker/,
  'permission-denied': /docker group/,
  hang: /restart Docker/,
};
const HOME_LINE: Record<Fault, string> = {
  absent: 'Docker: CLI not installed ✗',
  'daemon-down': 'Docker: daemon not reachable ✗',
  'permission-denied': 'Docker: permission denied ✗',
  hang: 'Docker: not answering ✗',
};

/** Frames wrap long messages: compare with runs of whitespace folded into one space. */
const flat = (frame: string) => frame.replace(/\s+/g, ' ');

function faultyDocker(fault: Fault, timeoutMs = 800): Docker {
  const bin =
    fault === 'absent' ? absentDockerBin() : `${fakeDockerEnv(fault).PATH!.split(':')[0]}/docker`;
  return new Docker({ bin, defaultTimeoutMs: timeoutMs });
}

/** A home with some progress and a journal of a dead session, to prove both survive. */
/**
 * A learner's home with progress on the fixture lab and the journal of a session that
 * died; `services` puts the given docker in front of it, `expectUntouched` checks that
 * neither file changed, and `remove` deletes it.
 */
function seededHome(labId: string) {
  const home = makeTempDir('dockdrill-fault-home-');
  const store = new ProgressStore(home);
  recordTask(store, labId, 'run-always', (t) => {
    t.attempts = 2;
    t.hintsUsed = 1;
  });
  const journal = writeDeadJournal(home, labId, [
    { kind: 'container', name: `${labId}-left`, step: 'docker run -d ...', status: 'done' },
  ]);
  const progressBytes = readFileSync(store.path, 'utf8');
  const journalBytes = readFileSync(journal, 'utf8');
  return {
    services: (docker: Docker) =>
      makeServices({ docker, home, store, roots: [{ dir: fx.dir, pack: '' }] }),
    expectUntouched: ({ progress = true } = {}) => {
      expect(readFileSync(journal, 'utf8')).toBe(journalBytes);
      if (progress) expect(readFileSync(store.path, 'utf8')).toBe(progressBytes);
    },
    remove: () => rmSync(home, { recursive: true, force: true }),
  };
}

const ALL: ReadonlySet<ScreenId> = new Set<ScreenId>(['doctor', 'labs', 'lab']);
const fx = makeFixtureLab();
afterAll(() => rmSync(fx.dir, { recursive: true, force: true }));

describe.each(FAULTS)('docker fault: %s', (fault) => {
  it('Home says what is wrong on its Docker line, and q still quits', async () => {
    const nav = recordingNavigation();
    const { lastFrame, stdin, unmount } = renderWith(
      <Home available={ALL} />,
      makeServices({ docker: faultyDocker(fault) }),
      nav,
    );
    // The home screen waits up to 8 s for `docker version` when docker hangs.
    const frame = await waitForFrame(lastFrame, HOME_LINE[fault], 12_000);
    expect(frame).toContain('open Doctor for the fix');
    expect(frame).toContain('Lessons'); // the menu is still there
    stdin.write('q');
    await tick(50);
    expect(nav.quits).toBe(1);
    unmount();
  });

  it('Doctor shows the failing check with its fix, and q goes back', async () => {
    const nav = recordingNavigation();
    const { lastFrame, stdin, unmount } = renderWith(
      <Doctor />,
      makeServices({ docker: faultyDocker(fault) }),
      nav,
    );
    const frame = await waitForFrame(lastFrame, 'Labs cannot run until', 10_000);
    expect(flat(frame)).toMatch(MESSAGE[fault]);
    expect(flat(frame)).toMatch(FIX[fault]);
    expect(frame).toContain('✗');
    stdin.write('r'); // re-running under the same fault must not crash either
    await waitForFrame(lastFrame, 'Labs cannot run until', 10_000);
    stdin.write('q');
    await tick(50);
    expect(nav.backs).toBe(1);
    unmount();
  });

  it('Labs: offering to clean up a dead session fails clearly, the journal stays, Esc gets out', async () => {
    const seeded = seededHome(fx.id);
    const nav = recordingNavigation();
    const { lastFrame, stdin, unmount } = renderWith(
      <Labs />,
      seeded.services(faultyDocker(fault)),
      nav,
    );
    const frame = await waitForFrame(lastFrame, 'Press any key to go on.', 10_000);
    expect(flat(frame)).toMatch(MESSAGE[fault]);
    stdin.write('x');
    await waitForFrame(lastFrame, fx.title);
    expect(lastFrame()).toContain('0/2 tasks');
    stdin.write('\u001B');
    await tick(80);
    expect(nav.backs).toBe(1);
    unmount();
    // Nothing could be cleaned, so nothing was forgotten: same journal, same progress.
    seeded.expectUntouched();
    seeded.remove();
  });

  it('Lab: setup stops with a clear message, q goes back, progress and journal untouched', async () => {
    const seeded = seededHome(fx.id);
    const nav = recordingNavigation();
    const { lastFrame, stdin, unmount } = renderWith(
      <Lab id={fx.id} />,
      seeded.services(faultyDocker(fault)),
      nav,
    );
    const frame = await waitForFrame(lastFrame, 'r retry', 10_000);
    expect(frame).toMatch(/The lab could not be set up|An image the lab needs/);
    expect(flat(frame)).toMatch(MESSAGE[fault]);
    expect(flat(frame)).toMatch(FIX[fault]);
    stdin.write('r'); // retry under the same fault: the same clear error again
    await tick(50);
    expect(flat(await waitForFrame(lastFrame, 'r retry', 10_000))).toMatch(MESSAGE[fault]);
    stdin.write('q');
    await tick(80);
    expect(nav.backs).toBe(1);
    unmount();
    seeded.expectUntouched();
    seeded.remove();
  });
});

describe('a docker call that hangs never holds the keyboard', () => {
  // A long timeout: only the keys, not the timeout, may get the learner out.
  const hanging = () => faultyDocker('hang', 60_000);

  it('Home quits at once while Docker is still being asked', async () => {
    const nav = recordingNavigation();
    const { lastFrame, stdin, unmount } = renderWith(
      <Home available={ALL} />,
      makeServices({ docker: hanging() }),
      nav,
    );
    await waitForFrame(lastFrame, 'Docker: checking…');
    stdin.write('q');
    await tick(50);
    expect(nav.quits).toBe(1);
    unmount();
  });

  it('Doctor goes back at once from its spinner', async () => {
    const nav = recordingNavigation();
    const { lastFrame, stdin, unmount } = renderWith(
      <Doctor />,
      makeServices({ docker: hanging() }),
      nav,
    );
    await waitForFrame(lastFrame, 'Asking Docker…');
    stdin.write('\u001B');
    await tick(80);
    expect(nav.backs).toBe(1);
    unmount();
  });

  it('Labs goes back at once while it looks for a dead session’s objects', async () => {
    const seeded = seededHome(fx.id);
    const nav = recordingNavigation();
    const { lastFrame, stdin, unmount } = renderWith(<Labs />, seeded.services(hanging()), nav);
    await waitForFrame(lastFrame, 'did not clean up: looking…');
    stdin.write('q');
    await tick(80);
    expect(nav.backs).toBe(1);
    unmount();
    seeded.expectUntouched({ progress: false });
    seeded.remove();
  });

  it('Lab goes back at once while the images are being checked', async () => {
    const home = makeTempDir('dockdrill-fault-home-');
    const nav = recordingNavigation();
    const { lastFrame, stdin, unmount } = renderWith(
      <Lab id={fx.id} />,
      makeServices({
        docker: hanging(),
        home,
        store: new ProgressStore(home),
        roots: [{ dir: fx.dir, pack: '' }],
      }),
      nav,
    );
    await waitForFrame(lastFrame, 'Checking the images');
    stdin.write('q');
    await tick(80);
    expect(nav.backs).toBe(1);
    unmount();
    rmSync(home, { recursive: true, force: true });
  });
});

it('a docker that prints garbage for its version leaves one short Docker line on Home', async () => {
  const dir = makeTempDir('dockdrill-garbage-docker-');
  const bin = join(dir, 'docker');
  // 300 lines of bytes, escapes and all, and exit 0: a broken wrapper, not an engine.
  writeFileSync(
    bin,
    `#!/bin/sh\nfor i in $(seq 300); do printf '\\033]0;t\\007\\033[2Jgarbage %s \\302\\233 x\\n' "$i"; done\n`,
  );
  chmodSync(bin, 0o755);
  const { lastFrame, unmount } = renderWith(
    <Home available={ALL} />,
    makeServices({ docker: new Docker({ bin, defaultTimeoutMs: 3000 }) }),
    recordingNavigation(),
  );
  const frame = await waitForFrame(lastFrame, 'Docker: engine (unrecognised version output)');
  expect(frame).not.toContain('garbage');
  expect(frame.split('\n').length).toBeLessThan(24);
  expect(frame).toContain('Lessons');
  unmount();
});
