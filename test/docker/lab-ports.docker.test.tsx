/**
 * A lab whose wanted host port is taken on this machine moves to the next free one, in the
 * app and in `lab selftest` alike, tells the learner, and its setup, solutions and checks all
 * use the port it moved to (real engine, a real registry:2).
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { packRoot } from '../../src/content/paths.js';
import { approveLab } from '../../src/labs/approval.js';
import { loadLab } from '../../src/labs/catalog.js';
import { isPortFree, readChosenPorts } from '../../src/labs/ports.js';
import { ProgressStore } from '../../src/progress/store.js';
import { Lab } from '../../src/ui/screens/Lab.js';
import { runCli } from '../helpers/cli.js';
import { describeDocker, docker, dockerMaybe } from '../helpers/docker.js';
import { makeTempDir } from '../helpers/home.js';
import { makeServices, recordingNavigation, renderWith, waitForFrame } from '../ui/render-app.js';

/** A free port with its next one free too, from a range no other test uses. */
async function freePair(): Promise<number> {
  for (let port = 15900 + (process.pid % 40) * 2; port < 16000; port += 2)
    if ((await isPortFree(port)) && (await isPortFree(port + 1))) return port;
  throw new Error('no free port pair in 15900-16000');
}

function writePack(root: string, port: number, suffix: string): string {
  const dir = join(root, 'port-pack');
  const lesson = join(dir, 'lessons', '01-ports');
  mkdirSync(lesson, { recursive: true });
  writeFileSync(
    join(lesson, 'lab.md'),
    `---
id: ports
title: A registry on port \${port.registry}
minutes: 5
images: [busybox:1.36, registry:2]
ports: { registry: ${port} }
resources:
  containers: [ddport-reg-${suffix}]
  images: ["localhost:\${port.registry}/ddport/app:1"]
setup:
  - [run, -d, --name, ddport-reg-${suffix}, -p, "\${port.registry}:5000", registry:2]
---

The registry listens on localhost:\${port.registry}.

## Task: push
Push busybox as localhost:\${port.registry}/ddport/app:1.

\`\`\`check
- kind: registry
  registry: "localhost:\${port.registry}"
  repository: ddport/app
  tag: "1"
  within: 10
\`\`\`

#### Hint
- tag, then push

#### Solution
\`\`\`sh
docker tag busybox:1.36 localhost:\${port.registry}/ddport/app:1
docker push localhost:\${port.registry}/ddport/app:1
\`\`\`
`,
  );
  return dir;
}

describeDocker('a lab whose port is taken', () => {
  const root = makeTempDir('dockdrill-ports-');
  const suffix = `${process.pid}`;
  let port = 0;
  let pack = '';
  let holder: Server;
  beforeAll(async () => {
    port = await freePair();
    pack = writePack(root, port, suffix);
    holder = createServer();
    await new Promise<void>((resolve) => holder.listen(port, '0.0.0.0', resolve));
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => holder.close(() => resolve()));
    dockerMaybe(['rm', '-f', '-v', `ddport-reg-${suffix}`]);
    dockerMaybe(['rmi', `localhost:${port + 1}/ddport/app:1`]);
    rmSync(root, { recursive: true, force: true });
  });

  it('lab selftest moves it to the next free port, says so, and passes there', () => {
    const home = makeTempDir('dockdrill-ports-home-');
    const r = runCli(
      ['lab', 'selftest', 'port-pack/ports', '--trust-pack', '--content', pack],
      { ...process.env, DOCKDRILL_HOME: home },
      undefined,
      120_000,
    );
    expect(r.stdout).toContain(
      `Port ${port} is in use on this machine, so this lab uses ${port + 1} for registry instead`,
    );
    expect(r.stdout).toMatch(
      /✓ task push: 1\/1 checks failed before the solution, 1\/1 passed after/,
    );
    expect(r.status).toBe(0);
  }, 150_000);

  it('the app moves it too, tells the learner, publishes the new port and keeps the choice', async () => {
    const home = makeTempDir('dockdrill-ports-home-');
    const store = new ProgressStore(home);
    const loaded = loadLab([packRoot(pack)], 'port-pack/ports');
    if (!loaded.ok) throw new Error('the port lab does not load');
    approveLab(store, loaded.lab);
    const view = renderWith(
      <Lab id="port-pack/ports" />,
      makeServices({ home, store, roots: [packRoot(pack)] }),
      recordingNavigation(),
    );
    try {
      const frame = await waitForFrame(view.lastFrame, 'Task 1/1: push', 60_000);
      expect(frame.replace(/\s+/g, ' ')).toContain(
        `Port ${port} is in use on this machine, so this lab uses ${port + 1}`,
      );
      expect(frame).toContain(`localhost:${port + 1}/ddport/app:1`);
      expect(docker(['port', `ddport-reg-${suffix}`, '5000/tcp'])).toContain(`:${port + 1}`);
      expect(readChosenPorts(home, 'port-pack/ports')).toEqual({ registry: port + 1 });
    } finally {
      view.unmount();
      dockerMaybe(['rm', '-f', '-v', `ddport-reg-${suffix}`]);
    }
  }, 90_000);

  it('a lab already in progress (its workspace exists, no choice kept) keeps its wanted port', async () => {
    const home = makeTempDir('dockdrill-ports-home-');
    const store = new ProgressStore(home);
    const loaded = loadLab([packRoot(pack)], 'port-pack/ports');
    if (!loaded.ok) throw new Error('the port lab does not load');
    approveLab(store, loaded.lab);
    // Started before ports were kept: its own registry would be what holds the port.
    mkdirSync(join(home, 'labs', 'port-pack__ports', 'workspace'), { recursive: true });
    const view = renderWith(
      <Lab id="port-pack/ports" />,
      makeServices({ home, store, roots: [packRoot(pack)] }),
      recordingNavigation(),
    );
    try {
      // Setup cannot publish the port this listener holds: the lab says so, unmoved.
      const frame = await waitForFrame(view.lastFrame, 'could not be set up', 60_000);
      expect(frame).not.toContain('is in use on this machine');
      expect(readChosenPorts(home, 'port-pack/ports')).toEqual({ registry: port });
    } finally {
      view.unmount();
      dockerMaybe(['rm', '-f', '-v', `ddport-reg-${suffix}`]);
    }
  }, 90_000);
});
