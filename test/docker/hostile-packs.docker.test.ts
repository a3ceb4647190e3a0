/**
 * Course packs written as an attacker would (test/fixtures/hostile-packs/, one attack a
 * folder): each is refused by lint AND at run time, on the real engine, and nothing of the
 * attack runs on the host.
 */
import { cpSync, existsSync, mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { packRoot } from '../../src/content/paths.js';
import { lintCourse } from '../../src/course/lint-course.js';
import { Docker } from '../../src/docker/index.js';
import { LabStepError, runChecks, runProbe, runSetup } from '../../src/labs/engine.js';
import { runCli } from '../helpers/cli.js';
import { describeDocker, dockerMaybe } from '../helpers/docker.js';
import { makeTempDir } from '../helpers/home.js';
import { copyPack, findFiles } from '../helpers/hostile-packs.js';

describeDocker('hostile packs', () => {
  const docker = new Docker();

  it('the credsstore-config pack: lint refuses --config at the setup line and the solution line', () => {
    const report = lintCourse(packRoot(copyPack('credsstore-config')));
    const refusals = report.problems.filter((p) => /"--config" is not allowed/.test(p.message));
    expect(refusals.map((p) => `${p.file.split('/').pop()}:${p.line}`)).toEqual(
      expect.arrayContaining(['lab.md:9']),
    );
    expect(refusals.some((p) => p.line > 20)).toBe(true); // the solution's docker line
    expect(report.errors).toBeGreaterThanOrEqual(2);
  });

  it('the credsstore-config pack: the runner refuses the step before docker runs, even without lint', async () => {
    const pack = copyPack('credsstore-config');
    const workspace = join(makeTempDir('dockdrill-ws-'), 'workspace');
    cpSync(join(pack, 'lessons/01-evil/files'), workspace, { recursive: true });
    const dataDir = makeTempDir('dockdrill-home-');
    const attempt = runSetup(
      docker,
      { id: 'hostile-evil', setup: [['--config', '.', 'build', '-t', 'ddhostile-evil:1', '.']] },
      { dataDir, workspace },
    );
    await expect(attempt).rejects.toThrow(LabStepError);
    await expect(attempt).rejects.toThrow(/"--config" is not allowed/);
    expect(existsSync(join(workspace, 'pwned-marker'))).toBe(false);
    expect(dockerMaybe(['image', 'inspect', 'ddhostile-evil:1']).status).not.toBe(0);
  });

  it('the credsstore-config pack: `lab selftest` on the pack fails and runs nothing of it', () => {
    const pack = copyPack('credsstore-config');
    const home = makeTempDir('dockdrill-home-');
    const r = runCli(['lab', 'selftest', 'credsstore-config/evil', '--content', pack], {
      ...process.env,
      DOCKDRILL_HOME: home,
    });
    expect(r.status).not.toBe(0);
    expect(`${r.stdout}${r.stderr}`).toMatch(/"--config" is not allowed/);
    expect(findFiles(home, 'pwned-marker')).toEqual([]);
    expect(findFiles(pack, 'pwned-marker')).toEqual([]);
    expect(dockerMaybe(['image', 'inspect', 'ddhostile-evil:1']).status).not.toBe(0);
  });

  it('the verify-substitution pack: a Verify step cannot become a global flag through ${name}', async () => {
    // Lint refuses it already: a step starts with an allowed subcommand, not "${h}".
    const r = runCli(['lint', copyPack('verify-substitution')]);
    expect(r.stdout).toMatch(
      /01-substitution\.quiz\.md:23: error: Verify steps\.1: "docker \$\{h\} ps" is not a command a lab step may run/,
    );
    expect(r.status).toBe(1);
    // And the runner refuses it again after substitution, for content that skipped lint.
    const result = await runProbe(docker, {
      id: 'hostile-substitution',
      steps: [
        {
          argv: ['run', '--rm', 'busybox:1.36', 'echo', '--host=unix:///tmp/dd-elsewhere.sock'],
          as: 'h',
        },
        { argv: ['${h}', 'ps'] },
      ],
      checks: [],
    });
    expect(result.passed).toBe(false);
    expect(result.error).toMatch(/"--host=unix:\/\/\/tmp\/dd-elsewhere\.sock" is not allowed/);
  });

  it('a credential step gets a private, empty client config beside the workspace', async () => {
    const dataDir = makeTempDir('dockdrill-home-');
    const workspace = join(dataDir, 'workspace');
    mkdirSync(workspace);
    // `docker logout` of a registry nobody logged in to: it succeeds and writes the config
    // it was given. Neither the workspace nor the learner's own config gets a config.json.
    const [out] = await runSetup(
      docker,
      { id: 'hostile-logout', setup: [['logout', 'localhost:15999']] },
      { dataDir, workspace },
    );
    expect(out?.argv.slice(0, 2)).toEqual(['--config', `${workspace}.docker-config`]);
    expect(existsSync(join(workspace, 'config.json'))).toBe(false);
  });

  it('the host-flags pack: the runner refuses each forbidden step without lint, and nothing runs', async () => {
    const dataDir = makeTempDir('dockdrill-home-');
    const workspace = join(dataDir, 'workspace');
    mkdirSync(workspace);
    const steps: [string[], RegExp][] = [
      [
        ['run', '-d', '--privileged', 'busybox:1.36', 'sleep', '60'],
        /"--privileged" is not allowed/,
      ],
      [['run', '--rm', '-v', '/:/host', 'busybox:1.36', 'true'], /absolute host path/],
      [['run', '--rm', '--pid', 'host', 'busybox:1.36', 'true'], /"--pid host"/],
      [['system', 'prune', '-a', '-f', '--volumes'], /"docker system prune" is not a command/],
      [
        ['volume', 'prune', '-f'],
        /must be scoped to the lab: add --filter label=dockdrill.lab=hostile-host/,
      ],
      [
        ['run', '-d', '--label', 'dockdrill.lab=someone-else', 'busybox:1.36'],
        /cannot set the dockdrill.lab label/,
      ],
    ];
    for (const [argv, why] of steps)
      await expect(
        runSetup(docker, { id: 'hostile-host', setup: [argv] }, { dataDir, workspace }),
        argv.join(' '),
      ).rejects.toThrow(why);
    const labelled = dockerMaybe(['ps', '-aq', '--filter', 'label=dockdrill.lab=hostile-host']);
    expect(labelled.stdout).toBe('');
  });

  it("the learner's own objects are never removed or joined: busybox, an unlabelled container and volume", async () => {
    const mine = `ddhostile-mine-${process.pid}`;
    const volume = `ddhostile-vol-${process.pid}`;
    await docker.run(['volume', 'create', volume]);
    await docker.run([
      'run',
      '-d',
      '--name',
      mine,
      '-v',
      `${volume}:/data`,
      'busybox:1.36',
      'sleep',
      '600',
    ]);
    try {
      const dataDir = makeTempDir('dockdrill-home-');
      const workspace = join(dataDir, 'workspace');
      mkdirSync(workspace);
      const lab = {
        id: 'hostile-remove',
        resources: { containers: [], images: [], volumes: [], networks: [] },
      };
      for (const [argv, why] of [
        [
          ['rmi', '-f', 'busybox:1.36'],
          /will not remove image "busybox:1.36": it is not this lab's/,
        ],
        [['rm', '-f', '-v', mine], new RegExp(`will not remove container "${mine}"`)],
        [['volume', 'rm', volume], new RegExp(`will not remove volume "${volume}"`)],
        [
          ['run', '--rm', '--network', `container:${mine}`, 'busybox:1.36', 'true'],
          new RegExp(`will not join container "${mine}"`),
        ],
        [
          ['run', '--rm', '--volumes-from', mine, 'busybox:1.36', 'true'],
          new RegExp(`will not join container "${mine}"`),
        ],
      ] as [string[], RegExp][])
        await expect(
          runSetup(docker, { ...lab, setup: [argv] }, { dataDir, workspace }),
          argv.join(' '),
        ).rejects.toThrow(why);
      expect(dockerMaybe(['inspect', '--format', '{{.State.Running}}', mine]).stdout).toBe('true');
      expect(dockerMaybe(['volume', 'inspect', volume]).status).toBe(0);
      expect(dockerMaybe(['image', 'inspect', 'busybox:1.36']).status).toBe(0);
      // What the lab made itself, it may remove: a tag of an earlier step, by name.
      const made = await runSetup(
        docker,
        {
          ...lab,
          setup: [
            ['tag', 'busybox:1.36', 'ddhostile-made:1'],
            ['rmi', 'ddhostile-made:1'],
          ],
        },
        { dataDir, workspace },
      );
      expect(made.map((step) => step.exitCode)).toEqual([0, 0]);
    } finally {
      dockerMaybe(['rm', '-f', '-v', mine]);
      dockerMaybe(['volume', 'rm', volume]);
    }
  });

  it('a bind mount through a symlink the workspace holds is refused before docker runs', async () => {
    const dataDir = makeTempDir('dockdrill-home-');
    const workspace = join(dataDir, 'workspace');
    mkdirSync(workspace);
    const outside = makeTempDir('dockdrill-outside-');
    symlinkSync(outside, join(workspace, 'link'));
    await expect(
      runSetup(
        docker,
        {
          id: 'hostile-link',
          setup: [['run', '--rm', '-v', './link:/x', 'busybox:1.36', 'touch', '/x/pwned']],
        },
        { dataDir, workspace },
      ),
    ).rejects.toThrow(/-v: path ".\/link" leads outside the workspace through a symlink/);
    expect(existsSync(join(outside, 'pwned'))).toBe(false);
  });

  it('a run check that asks for the host is refused at run time, and writes nothing', async () => {
    const [result] = await runChecks(
      docker,
      [
        {
          kind: 'run',
          image: 'busybox:1.36',
          flags: ['-v', '/tmp:/host'],
          args: ['sh', '-c', 'echo pwned > /host/dockdrill-pwned-check; echo pwned'],
          stdout: 'pwned',
          timeout: 20,
        },
      ],
      { workspace: makeTempDir(), labId: 'hostile-check' },
    );
    expect(result?.passed).toBe(false);
    expect(result?.message).toMatch(
      /refused: -v \/tmp:\/host: bind source "\/tmp" is an absolute host path/,
    );
    expect(existsSync('/tmp/dockdrill-pwned-check')).toBe(false);
  });

  it("a run check may join the lab's containers, never the learner's own", async () => {
    const mine = `ddhostile-netns-${process.pid}`;
    await docker.run(['run', '-d', '--name', mine, 'busybox:1.36', 'sleep', '600']);
    try {
      const check = {
        kind: 'run' as const,
        image: 'busybox:1.36',
        flags: ['--network', `container:${mine}`],
        args: ['true'],
        exitCode: 0,
        timeout: 20,
      };
      const ctx = { workspace: makeTempDir(), labId: 'hostile-join' };
      const [refused] = await runChecks(docker, [check], ctx);
      expect(refused?.passed).toBe(false);
      expect(refused?.message).toMatch(new RegExp(`will not join container "${mine}"`));
      // Declared by the lab (the learner made it for the task): joining is fine.
      const [allowed] = await runChecks(docker, [check], { ...ctx, owned: new Set([mine]) });
      expect(allowed?.passed).toBe(true);
    } finally {
      dockerMaybe(['rm', '-f', '-v', mine]);
    }
  });
});
