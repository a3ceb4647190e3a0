/**
 * Course packs written as an attacker would (test/fixtures/hostile-packs/, one attack a
 * folder): each is refused by lint AND at run time, on the real engine, and nothing of the
 * attack runs on the host.
 */
import { cpSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { expect, it } from 'vitest';
import { packRoot } from '../../src/content/paths.js';
import { lintCourse } from '../../src/content/lint-course.js';
import { Docker } from '../../src/docker/index.js';
import { LabStepError, runProbe, runSetup } from '../../src/labs/engine.js';
import { runCli } from '../helpers/cli.js';
import { describeDocker, dockerMaybe } from '../helpers/docker.js';
import { makeTempDir } from '../helpers/home.js';

const PACKS = resolve(import.meta.dirname, '../fixtures/hostile-packs');

/** A fresh copy of a hostile pack (tests never run the fixture folder itself). */
function copyPack(name: string): string {
  const dir = join(makeTempDir('dockdrill-hostile-'), name);
  cpSync(join(PACKS, name), dir, { recursive: true });
  return dir;
}

/** Every file named `name` below `dir`. */
function findFiles(dir: string, name: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((path) => path.split('/').pop() === name)
    .map((path) => join(dir, path));
}

describeDocker('hostile packs', () => {
  const docker = new Docker();

  it('credsstore-config: lint refuses --config at the setup line and the solution line', () => {
    const report = lintCourse(packRoot(copyPack('credsstore-config')));
    const refusals = report.problems.filter((p) => /"--config" is not allowed/.test(p.message));
    expect(refusals.map((p) => `${p.file.split('/').pop()}:${p.line}`)).toEqual(
      expect.arrayContaining(['lab.md:9']),
    );
    expect(refusals.some((p) => p.line > 20)).toBe(true); // the solution's docker line
    expect(report.errors).toBeGreaterThanOrEqual(2);
  });

  it('credsstore-config: the runner refuses the step before docker runs, even without lint', async () => {
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

  it('credsstore-config: `lab selftest` on the pack fails and runs nothing of it', () => {
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

  it('a Verify step cannot become a global flag through ${name} substitution', async () => {
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
});
