/**
 * A real daemon that dies in the middle of a lab's setup. The shared engine is never
 * stopped: this test starts a PRIVATE dockerd (its own data-root, exec-root, socket and
 * managed containerd, no bridge, no iptables), loads busybox into it, points the Lab screen
 * at it, and SIGKILLs it while a setup step runs. Then: a clear daemon-unreachable
 * message, q gets out, the journal lists what was created, progress is intact. The daemon
 * is started again and cleanup from the journal removes everything; finally it is stopped
 * and its folders unmounted and removed.
 *
 * The daemon is test/helpers/private-daemon.ts. Needs root and dockerd; skips with the
 * reason otherwise, or fails when DOCKDRILL_REQUIRE_DOCKER=1.
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { Docker } from '../../src/docker/index.js';
import { cleanup, journalPath, planCleanup, readJournal } from '../../src/labs/engine.js';
import { recordTask } from '../../src/progress/records.js';
import { ProgressStore } from '../../src/progress/store.js';
import { Lab } from '../../src/ui/screens/Lab.js';
import { makeTempDir } from '../helpers/home.js';
import { describePrivateDaemon, hostBridge, PrivateDaemon } from '../helpers/private-daemon.js';
import {
  makeServices,
  recordingNavigation,
  renderWith,
  tick,
  waitForFrame,
} from '../ui/render-app.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

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

describePrivateDaemon('a real daemon dies mid-lab (private dockerd)', () => {
  let daemon: PrivateDaemon;
  let wrapper: string;
  const prefix = `dddie${process.pid}${Math.random().toString(36).slice(2, 6)}`;
  let lab: { dir: string; id: string };

  // The shared engine's bridge: the private daemon must leave it exactly as it was.
  let bridgeBefore = '';

  beforeAll(async () => {
    bridgeBefore = hostBridge();
    daemon = new PrivateDaemon();
    await daemon.start();
    // Copy busybox from the main engine: nothing can be pulled here.
    daemon.loadFromMainEngine();
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
    expect(hostBridge(), 'the host docker0 bridge changed').toBe(bridgeBefore);
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

        const frame = (await waitForFrame(view.lastFrame, 'r retry', 30_000)).replace(/\s+/g, ' ');
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
