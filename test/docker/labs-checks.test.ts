import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { Docker } from '../../src/docker/index.js';
import { checkTasks } from '../../src/labs/check-round.js';
import type { Lab, LabTask } from '../../src/labs/types.js';
import { checkSchema, type Check } from '../../src/labs/checks/schema.js';
import {
  formatCheckResult,
  runChecks,
  type CheckResult,
} from '../../src/labs/checks/run-checks.js';
import {
  BUSYBOX,
  describeDocker,
  docker as sh,
  dockerMaybe,
  TEST_LABEL,
  uniqueName,
  useDockerFixtures,
} from '../helpers/docker.js';

const parse = (raw: Record<string, unknown>): Check => checkSchema.parse(raw);

describeDocker('lab checks against the engine', () => {
  const fx = useDockerFixtures();
  const docker = new Docker();
  const base = uniqueName('ddt-chk');
  const web = `${base}-web`;
  const img = `${base}-img:1`;
  const alias = `${base}-img:alias`;
  const labId = `${base}-lab`;
  let workspace = '';
  let registryPort = 0;
  const registryName = `${base}-reg`;

  const one = async (raw: Record<string, unknown>): Promise<CheckResult> => {
    const [result] = await runChecks(docker, [parse(raw)], { workspace, labId, wait: false });
    return result!;
  };

  beforeAll(() => {
    workspace = mkdtempSync(join(tmpdir(), 'dockdrill-checks-'));
    fx.container(web, ['sleep', '600'], ['--restart', 'always', '--label', 'tier=front']);
    fx.tag(img);
    fx.tag(alias);
    sh(['save', '-o', join(workspace, 'image.tar'), img]);
    const temp = `${base}-exp`;
    fx.trackContainer(temp);
    sh(['create', '--label', TEST_LABEL, '--name', temp, BUSYBOX, 'true']);
    sh(['export', '-o', join(workspace, 'fs.tar'), temp]);
    writeFileSync(join(workspace, 'notes.txt'), 'FROM busybox:1.36\n');
  });

  afterAll(() => {
    rmSync(workspace, { recursive: true, force: true });
    dockerMaybe(['rm', '-f', '-v', registryName]);
  });

  it('container: passes when fields match, fails field by field otherwise', async () => {
    const ok = await one({
      kind: 'container',
      name: web,
      expect: {
        'State.Running': true,
        'HostConfig.RestartPolicy.Name': 'always',
        'Config.Labels.tier': 'front',
      },
    });
    expect(ok.passed).toBe(true);
    const bad = await one({
      kind: 'container',
      name: web,
      expect: {
        'State.Running': true,
        'HostConfig.RestartPolicy.Name': 'on-failure',
        'Config.Cmd': { contains: 'top' },
      },
      ref: 'restart-policies#always',
    });
    expect(bad.passed).toBe(false);
    expect(bad.ref).toBe('restart-policies#always');
    expect(bad.fields).toEqual([
      { path: 'exists', expected: 'container present', actual: 'present', ok: true },
      { path: 'State.Running', expected: 'true', actual: 'true', ok: true },
      {
        path: 'HostConfig.RestartPolicy.Name',
        expected: '"on-failure"',
        actual: '"always"',
        ok: false,
      },
      { path: 'Config.Cmd', expected: 'contains "top"', actual: '["sleep","600"]', ok: false },
    ]);
    expect(bad.message).toBe(
      `container ${web}: HostConfig.RestartPolicy.Name is "always", expected "on-failure"`,
    );
    expect(formatCheckResult(bad).join('\n')).toContain(
      'HostConfig.RestartPolicy.Name: found "always", want "on-failure"',
    );
  });

  it('container: missing and absent', async () => {
    const missing = await one({
      kind: 'container',
      name: `${base}-nope`,
      expect: { 'State.Running': true },
      message: 'start it first',
    });
    expect(missing).toMatchObject({ passed: false, message: 'start it first' });
    expect(missing.fields[0]).toMatchObject({ path: 'exists', actual: 'absent', ok: false });
    expect((await one({ kind: 'container', name: `${base}-nope`, absent: true })).passed).toBe(
      true,
    );
    const present = await one({ kind: 'container', name: web, absent: true });
    expect(present.passed).toBe(false);
    expect(present.fields[0]).toMatchObject({ expected: 'container absent', actual: 'present' });
  });

  it('image: layers, tags, expect and absent', async () => {
    expect(
      (await one({ kind: 'image', image: img, layers: 1, tags: [alias, BUSYBOX] })).passed,
    ).toBe(true);
    const bad = await one({
      kind: 'image',
      image: img,
      layers: { gte: 2 },
      tags: [`${base}-img:none`],
      expect: { 'Config.Cmd': ['bash'] },
    });
    expect(bad.passed).toBe(false);
    expect(bad.fields.filter((f) => !f.ok)).toEqual([
      { path: 'Config.Cmd', expected: '["bash"]', actual: '["sh"]', ok: false },
      { path: 'layers', expected: '>= 2', actual: '1', ok: false },
      {
        path: `tag ${base}-img:none`,
        expected: `points at ${img}`,
        actual: 'no such tag',
        ok: false,
      },
    ]);
    expect((await one({ kind: 'image', image: `${base}-img:gone`, absent: true })).passed).toBe(
      true,
    );
    expect((await one({ kind: 'image', image: img, absent: true })).passed).toBe(false);
  });

  it('history: rows and createdBy', async () => {
    const rows = Number(sh(['image', 'history', '-q', img]).split('\n').length);
    expect((await one({ kind: 'history', image: img, rows })).passed).toBe(true);
    const bad = await one({
      kind: 'history',
      image: img,
      rows: { gte: rows + 1 },
      createdBy: ['RUN apt-get'],
    });
    expect(bad.passed).toBe(false);
    expect(bad.fields[0]).toEqual({
      path: 'rows',
      expected: `>= ${rows + 1}`,
      actual: String(rows),
      ok: false,
    });
    expect(bad.fields[1]).toMatchObject({ path: 'createdBy[0]', ok: false });
    expect(bad.fields[1]!.actual).toContain('not found');
  });

  it('run: stdout, stdoutContains, exitCode; throwaway containers are removed', async () => {
    expect(
      (
        await one({
          kind: 'run',
          image: BUSYBOX,
          args: ['echo', 'hi there'],
          stdout: 'hi there',
          exitCode: 0,
        })
      ).passed,
    ).toBe(true);
    expect(
      (
        await one({
          kind: 'run',
          image: BUSYBOX,
          flags: ['--entrypoint', 'echo'],
          args: ['abc'],
          stdoutContains: 'b',
        })
      ).passed,
    ).toBe(true);
    const bad = await one({
      kind: 'run',
      image: BUSYBOX,
      args: ['sh', '-c', 'echo nope; exit 3'],
      stdout: 'yes',
      exitCode: 0,
    });
    expect(bad.fields).toEqual([
      { path: 'stdout', expected: '"yes"', actual: '"nope"', ok: false },
      { path: 'exitCode', expected: '0', actual: '3', ok: false },
    ]);
    const missing = await one({
      kind: 'run',
      image: `${base}-img:gone`,
      args: ['true'],
      exitCode: 0,
    });
    expect(missing.message).toContain('there is no image');
    expect(sh(['ps', '-a', '-q', '--filter', `label=dockdrill.lab=${labId}`])).toBe('');
  });

  it('run: a check that outlives its timeout fails and leaves no container', async () => {
    const slow = await one({
      kind: 'run',
      image: BUSYBOX,
      args: ['sleep', '30'],
      exitCode: 0,
      timeout: 1,
    });
    expect(slow.passed).toBe(false);
    expect(slow.message).toContain('did not finish within 1s');
    expect(sh(['ps', '-a', '-q', '--filter', `label=dockdrill.lab=${labId}`])).toBe('');
  }, 40_000);

  it('file: exists, contains, and save vs export tars', async () => {
    expect((await one({ kind: 'file', path: 'notes.txt', contains: 'FROM busybox' })).passed).toBe(
      true,
    );
    expect((await one({ kind: 'file', path: 'missing.txt', exists: false })).passed).toBe(true);
    const missing = await one({ kind: 'file', path: 'missing.txt' });
    expect(missing.fields).toEqual([
      { path: 'exists', expected: 'file present', actual: 'absent', ok: false },
    ]);
    expect(
      (await one({ kind: 'file', path: 'notes.txt', contains: 'alpine' })).fields[1],
    ).toMatchObject({ path: 'contains', ok: false });
    expect((await one({ kind: 'file', path: 'image.tar', tar: 'save' })).passed).toBe(true);
    expect((await one({ kind: 'file', path: 'fs.tar', tar: 'export' })).passed).toBe(true);
    const wrong = await one({ kind: 'file', path: 'fs.tar', tar: 'save' });
    expect(wrong.fields[1]).toMatchObject({
      path: 'tar',
      expected: 'an image archive (docker save)',
      ok: false,
    });
    expect(wrong.fields[1]!.actual).toContain('a container filesystem (docker export)');
    expect((await one({ kind: 'file', path: 'notes.txt', tar: 'save' })).fields[1]).toMatchObject({
      actual: 'not a tar archive',
      ok: false,
    });
  });

  it('registry: finds a pushed tag through the v2 API', async () => {
    registryPort = 15000 + Math.floor(Math.random() * 1000);
    sh([
      'run',
      '-d',
      '--label',
      TEST_LABEL,
      '--name',
      registryName,
      '-p',
      `127.0.0.1:${registryPort}:5000`,
      'registry:2',
    ]);
    const repo = `${base}-repo`;
    const remote = `localhost:${registryPort}/${repo}:v1`;
    fx.tag(remote);
    for (let i = 0; i < 20 && dockerMaybe(['push', remote]).status !== 0; i++)
      await new Promise((r) => setTimeout(r, 500));
    expect(
      (
        await one({
          kind: 'registry',
          registry: `localhost:${registryPort}`,
          repository: repo,
          tag: 'v1',
        })
      ).passed,
    ).toBe(true);
    const noTag = await one({
      kind: 'registry',
      registry: `localhost:${registryPort}`,
      repository: repo,
      tag: 'v2',
    });
    expect(noTag.fields).toEqual([
      { path: 'tags', expected: 'contains "v2"', actual: '["v1"]', ok: false },
    ]);
    const noRepo = await one({
      kind: 'registry',
      registry: `localhost:${registryPort}`,
      repository: `${repo}-x`,
      tag: 'v1',
    });
    expect(noRepo.fields[0]).toMatchObject({
      path: 'repository',
      actual: 'no such repository',
      ok: false,
    });
    const down = await one({
      kind: 'registry',
      registry: 'localhost:1',
      repository: repo,
      tag: 'v1',
    });
    expect(down.message).toContain('cannot reach the registry');
  }, 60_000);

  it('batches: 10 container + 10 image checks cost 2 docker processes', async () => {
    const checks: Check[] = [];
    for (let i = 0; i < 10; i++) {
      checks.push(
        parse({
          kind: 'container',
          name: i % 2 ? web : `${base}-missing-${i}`,
          expect: { 'State.Running': true },
        }),
      );
      checks.push(
        parse({ kind: 'image', image: i % 2 ? img : `${base}-img:missing-${i}`, layers: 1 }),
      );
    }
    const before = docker.spawnCount;
    const results = await runChecks(docker, checks, { workspace, labId });
    const spawned = docker.spawnCount - before;
    console.log(`spawns for 10 container + 10 image checks: ${spawned}`);
    expect(spawned).toBe(2);
    expect(results.map((r) => r.passed)).toEqual(checks.map((_, i) => Math.floor(i / 2) % 2 === 1));
  });

  it('within: re-polls only the failing checks until they pass', async () => {
    const late = `${base}-late`;
    fx.trackContainer(late);
    sh(['run', '-d', '--label', TEST_LABEL, '--name', late, BUSYBOX, 'sleep', '2']);
    const checks = [
      parse({
        kind: 'container',
        name: late,
        expect: { 'State.Running': false, 'State.ExitCode': 0 },
        within: 15,
      }),
      parse({ kind: 'image', image: img, layers: 1 }),
    ];
    const calls: string[] = [];
    const counting = new Docker({ onSpawn: (args) => calls.push(args.slice(0, 3).join(' ')) });
    const results = await runChecks(counting, checks, { workspace, labId, pollMs: 300 });
    expect(results.map((r) => r.passed)).toEqual([true, true]);
    // The image check passed in round one and was not asked again.
    expect(calls.filter((c) => c.startsWith('inspect --type image'))).toHaveLength(1);
    expect(calls.filter((c) => c.startsWith('inspect --type container')).length).toBeGreaterThan(1);
  }, 30_000);

  it('within: an object that does not exist fails at once; waiting would not make it', async () => {
    const calls: string[] = [];
    const counting = new Docker({ onSpawn: (args) => calls.push(args.slice(0, 3).join(' ')) });
    const [r] = await runChecks(
      counting,
      [
        parse({
          kind: 'container',
          name: `${base}-never`,
          expect: { 'State.Running': true },
          within: 20,
        }),
      ],
      { workspace, labId, pollMs: 200 },
    );
    expect(r!.passed).toBe(false);
    expect(r!.fields[0]).toMatchObject({ path: 'exists', actual: 'absent' });
    expect(calls.filter((c) => c.startsWith('inspect --type container'))).toHaveLength(1);
  });

  it('checkTasks with wait: false (a report) takes the state as it is, without re-polling', async () => {
    const calls: string[] = [];
    const counting = new Docker({ onSpawn: (args) => calls.push(args.slice(0, 3).join(' ')) });
    const check = parse({
      kind: 'container',
      name: web,
      expect: { 'State.Running': false },
      within: 20,
    });
    const task = {
      id: 't',
      title: 't',
      body: '',
      checks: [check],
      hints: [],
    } as unknown as LabTask;
    const lab = { id: labId, title: 'l', tasks: [task] } as unknown as Lab;
    const [round] = await checkTasks(counting, lab, [task], workspace, { wait: false });
    expect(round!.passed).toBe(false);
    expect(calls.filter((c) => c.startsWith('inspect --type container'))).toHaveLength(1);
  });

  it('within: gives up after its time and reports the last state', async () => {
    const started = Date.now();
    const [r] = await runChecks(
      docker,
      [parse({ kind: 'container', name: web, expect: { 'State.Running': false }, within: 1 })],
      { workspace, labId, pollMs: 200 },
    );
    expect(r!.passed).toBe(false);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(r!.fields[1]).toMatchObject({ path: 'State.Running', actual: 'true' });
  });
});
