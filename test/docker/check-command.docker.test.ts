/**
 * `dockdrill check <lab> --json` (the built CLI, no TTY): exit 1 with every check's expected
 * and actual while the work is not done, exit 0 once it is; --task narrows the round;
 * usage errors exit 2 and name the labs or tasks there are.
 */
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { describeDocker, docker } from '../helpers/docker.js';
import { makeTempDir } from '../helpers/home.js';
import { makeFixtureLab, removeFixtureObjects, type FixtureLab } from '../helpers/lab-fixture.js';

interface CheckJson {
  kind: string;
  target: string;
  passed: boolean;
  message: string;
  ref?: string;
  fields: { path: string; expected: string; actual: string; ok: boolean }[];
}
interface Report {
  lab: string;
  passed: boolean;
  checks: number;
  checksPassed: number;
  tasks: { id: string; passed: boolean; checks: CheckJson[] }[];
}

describeDocker('dockdrill check (built CLI)', () => {
  let fx: FixtureLab;
  let home: string;
  let env: NodeJS.ProcessEnv;
  beforeAll(() => {
    fx = makeFixtureLab();
    home = makeTempDir('dockdrill-check-cmd-');
    env = { ...process.env, DOCKDRILL_HOME: home };
  });
  afterAll(() => {
    removeFixtureObjects(fx);
    rmSync(fx.dir, { recursive: true, force: true });
    rmSync(home, { recursive: true, force: true });
  });
  // The fixture is a pack here: its lab is `<pack>/<id>`.
  const check = (...args: string[]) =>
    runCli(['check', fx.qualifiedId, '--trust-pack', '--content', fx.dir, ...args], env);

  it('fails with every check, expected and actual, as JSON', () => {
    const result = check('--json');
    expect(result.status).toBe(1);
    const report = JSON.parse(result.stdout) as Report;
    expect(report).toMatchObject({
      lab: fx.qualifiedId,
      passed: false,
      checks: 3,
      checksPassed: 0,
    });
    expect(report.tasks.map((t) => [t.id, t.passed])).toEqual([
      ['run-always', false],
      ['build-app', false],
    ]);
    const container = report.tasks[0]!.checks[0]!;
    expect(container).toMatchObject({
      kind: 'container',
      target: `container ${fx.web}`,
      passed: false,
      message: `${fx.web} must run with --restart always`,
      ref: 'basics#restart',
    });
    expect(container.fields).toEqual([
      { path: 'exists', expected: 'container present', actual: 'absent', ok: false },
    ]);
  });

  it('shows a wrong field as found vs wanted, passes per task with --task, and all with exit 0', () => {
    docker([
      'run',
      '-d',
      '--name',
      fx.web,
      '--restart',
      'on-failure',
      'busybox:1.36',
      'sleep',
      '600',
    ]);
    let report = JSON.parse(check('--json', '--task', 'run-always').stdout) as Report;
    expect(report.tasks.map((t) => t.id)).toEqual(['run-always']);
    const fields = report.tasks[0]!.checks[0]!.fields;
    expect(fields).toContainEqual({
      path: 'HostConfig.RestartPolicy.Name',
      expected: '"always"',
      actual: '"on-failure"',
      ok: false,
    });
    expect(fields.find((f) => f.path === 'State.Running')?.ok).toBe(true);

    docker(['rm', '-f', fx.web]);
    docker(['run', '-d', '--name', fx.web, '--restart', 'always', 'busybox:1.36', 'sleep', '600']);
    const one = check('--json', '--task', 'run-always');
    expect(one.status).toBe(0);
    expect(check('--task', 'build-app').status).toBe(1);

    docker(['build', '-q', '-t', fx.image, `${fx.dir}/lessons/01-fixture/files`]);
    const all = check('--json');
    expect(all.status).toBe(0);
    report = JSON.parse(all.stdout) as Report;
    expect(report).toMatchObject({ passed: true, checks: 3, checksPassed: 3 });
    const human = check();
    expect(human.status).toBe(0);
    expect(human.stdout).toContain('✓ task build-app');
    expect(human.stdout).toContain('3/3 checks passed');
  });

  it('prints each failed field in the human output', () => {
    docker(['rm', '-f', fx.web]);
    const result = check('--task', 'run-always');
    expect(result.status).toBe(1);
    expect(result.stdout).toContain(`✗ ${fx.web} must run with --restart always`);
    expect(result.stdout).toContain('✗ exists: found absent, want container present');
    expect(result.stdout).toContain('see lesson basics#restart');
  });

  it('refuses a pack lab nobody approved here unless --trust-pack: check, report and lab selftest', () => {
    const fresh = { ...process.env, DOCKDRILL_HOME: makeTempDir('dockdrill-unapproved-') };
    const refused =
      /comes from the course pack "[^"]+" and this version of it has not been approved here/;
    const c = runCli(['check', fx.qualifiedId, '--json', '--content', fx.dir], fresh);
    expect(c.stderr).toMatch(refused);
    expect(c.stderr).toContain('--trust-pack');
    expect(c.stdout).toBe('');
    expect(c.status).toBe(2);
    const s = runCli(['lab', 'selftest', fx.qualifiedId, '--content', fx.dir], fresh);
    expect(s.stdout).toMatch(refused);
    expect(s.status).toBe(1);
    // Nothing of the lab ran: no container carries its label.
    expect(docker(['ps', '-aq', '--filter', `label=dockdrill.lab=${fx.qualifiedId}`])).toBe('');
    const r = runCli(
      ['report', '--format', 'json', '--content', fx.dir],
      fresh,
      undefined,
      300_000,
    );
    const state = (JSON.parse(r.stdout) as { labs: { id: string; error?: string }[] }).labs.find(
      (lab) => lab.id === fx.qualifiedId,
    );
    expect(state?.error).toMatch(/^not checked: lab ".+" comes from the course pack/);
    expect(r.status).toBe(0);
  }, 300_000);

  it('exits 2 for an unknown lab or task, naming what exists', () => {
    const lab = runCli(['check', 'no-such-lab', '--content', fx.dir], env);
    expect(lab.status).toBe(2);
    expect(lab.stderr).toContain('no lab "no-such-lab"');
    expect(lab.stderr).toContain(fx.id);
    const task = check('--task', 'nope');
    expect(task.status).toBe(2);
    expect(task.stderr).toContain('Tasks: run-always, build-app');
  });
});
