import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { Docker } from '../../src/docker/index.js';
import { cleanup, planCleanup } from '../../src/labs/cleanup.js';
import { pendingJournals, readJournal } from '../../src/labs/journal.js';
import { readLab } from '../../src/labs/parse-lab.js';
import { applySolution, runSetup } from '../../src/labs/solution.js';
import { prepareWorkspace } from '../../src/labs/workspace.js';
import type { Lab } from '../../src/labs/types.js';
import {
  BUSYBOX,
  describeDocker,
  docker as sh,
  dockerMaybe,
  TEST_LABEL,
  uniqueName,
  useDockerFixtures,
} from '../helpers/docker.js';
import { useTempHome } from '../helpers/home.js';

function writeLab(dir: string, text: string): Lab {
  const lessonDir = join(dir, 'lessons', '01-x');
  mkdirSync(lessonDir, { recursive: true });
  writeFileSync(join(lessonDir, 'lab.md'), text);
  const { lab, problems } = readLab(join(lessonDir, 'lab.md'));
  if (!lab) throw new Error(problems.map((p) => `${p.line}: ${p.message}`).join('\n'));
  return lab;
}

function exists(kind: 'container' | 'image' | 'volume' | 'network', name: string): boolean {
  return dockerMaybe([kind === 'image' ? 'image' : kind, 'inspect', name]).status === 0;
}

describeDocker('lab cleanup', () => {
  const fx = useDockerFixtures();
  const home = useTempHome();
  const docker = new Docker();

  it('removes labelled, declared and journalled objects and nothing with a similar name', async () => {
    const b = uniqueName('ddt-cl');
    const labId = `${b}-lab`;
    const lab = writeLab(
      home(),
      [
        '---',
        `id: ${labId}`,
        'title: cleanup',
        'resources:',
        `  containers: [${b}-web]`,
        `  images: [${b}-myapp:v1]`,
        `  volumes: [${b}-data]`,
        'setup:',
        `  - [run, -d, --name, ${b}-target, ${BUSYBOX}, sleep, "600"]`,
        `  - [network, create, ${b}-net]`,
        `  - [tag, ${BUSYBOX}, ${b}-base:1]`,
        '---',
        '## Task: t',
        '```check',
        `kind: container`,
        `name: ${b}-web`,
        '```',
        '#### Solution',
        '```sh',
        `docker run -d --name ${b}-web -v ${b}-data:/data ${BUSYBOX} sleep 600`,
        '```',
      ].join('\n'),
    );
    const workspace = prepareWorkspace(lab, home());
    await runSetup(docker, lab, { dataDir: home(), workspace });
    await runSetup(docker, lab, { dataDir: home(), workspace }); // idempotent
    await applySolution(docker, lab, lab.tasks[0]!, { dataDir: home(), workspace });
    // The learner made the declared image by hand (unlabelled): declared names go too.
    sh(['tag', BUSYBOX, `${b}-myapp:v1`]);
    // Look-alikes that are not the lab's.
    const keepContainers = [`${b}-web-mine`, `${b}-web2`, `${b}-target-old`];
    for (const name of keepContainers) fx.container(name);
    const otherLab = `${b}-otherlab`;
    fx.trackContainer(otherLab);
    sh([
      'run',
      '-d',
      '--label',
      'dockdrill.lab=someone-else',
      '--label',
      TEST_LABEL,
      '--name',
      otherLab,
      BUSYBOX,
      'sleep',
      '600',
    ]);
    const keepImages = [`${b}-myapp:mine`, `${b}-myapp:v10`, `${b}-base:2`];
    for (const tag of keepImages) fx.tag(tag);

    const plan = await planCleanup(docker, { labId, resources: lab.resources, dataDir: home() });
    const shown = plan.items.map((i) => `${i.kind} ${i.name} [${i.reasons.join(',')}]`);
    expect(shown).toEqual([
      `container ${b}-target [journal,label]`,
      `container ${b}-web [declared,journal,label]`,
      `image ${b}-base:1 [journal]`,
      `image ${b}-myapp:v1 [declared]`,
      `volume ${b}-data [declared]`,
      `network ${b}-net [journal,label]`,
    ]);
    const before = docker.spawnCount;
    const report = await cleanup(docker, plan);
    console.log(`cleanup spawns: ${docker.spawnCount - before} (4 kinds)`);
    expect(report.failed).toEqual([]);
    for (const item of plan.items)
      expect(
        exists(item.kind, item.kind === 'container' ? item.target : item.name),
        `${item.kind} ${item.name}`,
      ).toBe(false);
    for (const name of [...keepContainers, otherLab])
      expect(exists('container', name), name).toBe(true);
    for (const tag of [...keepImages, BUSYBOX]) expect(exists('image', tag), tag).toBe(true);
    expect(existsSync(join(home(), 'labs', labId, 'journal.json'))).toBe(false);
    expect(sh(['ps', '-a', '-q', '--filter', `label=dockdrill.lab=${labId}`])).toBe('');
  }, 60_000);

  it('refuses to take over an unlabelled container with a setup name', async () => {
    const b = uniqueName('ddt-cl');
    fx.container(`${b}-taken`);
    const lab = writeLab(
      home(),
      [
        '---',
        `id: ${b}-lab`,
        'title: x',
        'setup:',
        `  - [run, -d, --name, ${b}-taken, ${BUSYBOX}, sleep, "600"]`,
        '---',
        '## Task: t',
        '```check',
        'kind: file',
        'path: x',
        '```',
        '#### Solution',
        '```file x',
        'x',
        '```',
      ].join('\n'),
    );
    const workspace = prepareWorkspace(lab, home());
    await expect(runSetup(docker, lab, { dataDir: home(), workspace })).rejects.toThrow(
      /already exists and was not made by this lab/,
    );
    expect(
      sh(['inspect', '--format', '{{index .Config.Labels "dockdrill.lab"}}', `${b}-taken`]),
    ).toBe('');
  });

  it('a journal survives SIGKILL mid-setup and cleanup removes what was created', async () => {
    const b = uniqueName('ddt-kill');
    const labId = `${b}-lab`;
    const lab = writeLab(
      home(),
      [
        '---',
        `id: ${labId}`,
        'title: killed',
        'setup:',
        `  - [run, -d, --name, ${b}-first, ${BUSYBOX}, sleep, "600"]`,
        `  - [volume, create, ${b}-vol]`,
        `  - [run, --name, ${b}-slow, ${BUSYBOX}, sleep, "30"]`,
        `  - [run, -d, --name, ${b}-never, ${BUSYBOX}, sleep, "600"]`,
        '---',
        '## Task: t',
        '```check',
        'kind: file',
        'path: x',
        '```',
        '#### Solution',
        '```file x',
        'x',
        '```',
      ].join('\n'),
    );
    fx.trackContainer(`${b}-first`);
    fx.trackContainer(`${b}-slow`);
    fx.trackContainer(`${b}-never`);
    const dataDir = join(home(), 'data');
    const script = join(import.meta.dirname, '..', 'fixtures', 'labs', 'run-setup.ts');
    const child = spawn(process.execPath, ['--import', 'tsx', script, lab.file, dataDir], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      child.on('exit', (_code, signal) => resolve(signal)),
    );
    // Wait until the slow step runs: the journal says so and its container exists.
    const journalFile = join(dataDir, 'labs', labId, 'journal.json');
    const deadline = Date.now() + 25_000;
    while (Date.now() < deadline) {
      const journal = readJournal(journalFile);
      if (journal?.running?.includes(`${b}-slow`) && exists('container', `${b}-slow`)) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(readJournal(journalFile)?.running, stderr).toContain(`${b}-slow`);
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');

    const pending = pendingJournals(dataDir);
    expect(pending).toHaveLength(1);
    expect(pending[0]).toMatchObject({ labId, interrupted: true, ownerAlive: false });
    expect(pending[0]!.journal.entries.map((e) => [e.kind, e.name, e.status])).toEqual([
      ['container', `${b}-first`, 'done'],
      ['volume', `${b}-vol`, 'done'],
      ['container', `${b}-slow`, 'pending'],
    ]);

    // The next start: clean up from the journal alone (as if the lab file were gone).
    const plan = await planCleanup(docker, { labId, dataDir });
    expect(plan.items.map((i) => `${i.kind} ${i.name}`)).toEqual([
      `container ${b}-first`,
      `container ${b}-slow`,
      `volume ${b}-vol`,
    ]);
    const report = await cleanup(docker, plan);
    expect(report.failed).toEqual([]);
    expect(exists('container', `${b}-first`)).toBe(false);
    expect(exists('container', `${b}-slow`)).toBe(false);
    expect(exists('volume', `${b}-vol`)).toBe(false);
    expect(exists('container', `${b}-never`)).toBe(false);
    expect(pendingJournals(dataDir)).toEqual([]);
  }, 60_000);
});
