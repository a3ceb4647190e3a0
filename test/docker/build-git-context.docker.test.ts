/**
 * Building from a Git URL. A Verify probe cannot show this: it can only run docker, and
 * needs a Git server. Here a throwaway repository is served over HTTP by this process (Git's
 * "dumb" protocol: plain files after `git update-server-info`), with a different `docker/`
 * folder on its default branch and on a `release` branch.
 *
 * Backs quizzes/10-build-cache.quiz.md: bc-cmd-git-context (`#ref:dir` picks the branch
 * and the folder used as the context, `#:dir` the default branch, and with the classic
 * builder the docker client runs `git clone` itself).
 *
 * Needs git; skips with the reason otherwise, or fails when DOCKDRILL_REQUIRE_DOCKER=1.
 */
import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join, normalize } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { BUSYBOX, describeDockerNeeding, dockerMaybe, uniqueName } from '../helpers/docker.js';
import { makeTempDir } from '../helpers/home.js';

const missingGit =
  spawnSync('git', ['--version']).status === 0 ? undefined : 'git is not installed';

/**
 * A repository cloned bare into `<dir>/app.git`. Its default branch is `main`; `master` and
 * `release` branch off it. Each branch has a Dockerfile in its root and one in `docker/`,
 * and each image prints where it was built from.
 */
function makeRepository(dir: string): void {
  const work = join(dir, 'work');
  mkdirSync(join(work, 'docker'), { recursive: true });
  const git = (...args: string[]) =>
    execFileSync('git', args, {
      cwd: work,
      stdio: 'pipe',
      env: {
        ...process.env,
        GIT_AUTHOR_NAME: 'dockdrill',
        GIT_AUTHOR_EMAIL: 'test@dockdrill.invalid',
        GIT_COMMITTER_NAME: 'dockdrill',
        GIT_COMMITTER_EMAIL: 'test@dockdrill.invalid',
      },
    });
  const branch = (name: string) => {
    git('checkout', '-q', '-B', name);
    for (const [folder, where] of [
      ['.', 'root'],
      ['docker', 'docker folder'],
    ] as const) {
      writeFileSync(
        join(work, folder, 'Dockerfile'),
        `FROM ${BUSYBOX}\nCOPY marker /marker\nCMD ["cat", "/marker"]\n`,
      );
      writeFileSync(join(work, folder, 'marker'), `${where} of ${name}\n`);
    }
    git('add', '-A');
    git('commit', '-q', '-m', name);
  };
  git('init', '-q', '-b', 'main');
  branch('main');
  branch('master');
  git('checkout', '-q', 'main');
  branch('release');
  git('checkout', '-q', 'main');
  execFileSync('git', ['clone', '-q', '--bare', work, join(dir, 'app.git')], { stdio: 'pipe' });
  execFileSync('git', ['update-server-info'], { cwd: join(dir, 'app.git'), stdio: 'pipe' });
}

/** Serves the files under `root` over HTTP on 127.0.0.1; resolves with the port. */
function serveFiles(root: string, requests: string[]): Promise<{ server: Server; port: number }> {
  const server = createServer((req, res) => {
    const path = normalize(join(root, decodeURIComponent((req.url ?? '/').split('?')[0]!)));
    requests.push(`${req.headers['user-agent'] ?? ''} ${req.url}`);
    try {
      if (!path.startsWith(root) || !statSync(path).isFile()) throw new Error('not a file');
      res.end(readFileSync(path));
    } catch {
      res.statusCode = 404;
      res.end();
    }
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      resolve({ server, port: typeof address === 'object' && address ? address.port : 0 });
    }),
  );
}

describeDockerNeeding('docker build with a Git URL as the context', missingGit, () => {
  const dir = makeTempDir('dockdrill-git-context-');
  const requests: string[] = [];
  const tag = uniqueName('ddt-git-context');
  const images: string[] = [];
  let server: Server | undefined;
  let url = '';

  beforeAll(async () => {
    makeRepository(dir);
    const served = await serveFiles(dir, requests);
    server = served.server;
    url = `http://127.0.0.1:${served.port}/app.git`;
  }, 30_000);

  afterAll(() => {
    server?.close();
    if (images.length) dockerMaybe(['rmi', ...images]);
    rmSync(dir, { recursive: true, force: true });
  });

  /**
   * Runs docker without blocking this process: the Git server answering the clone lives in
   * it. Resolves with the exit status and output, never rejects.
   */
  const run = (file: string, args: string[], env: NodeJS.ProcessEnv) =>
    new Promise<{ status: number; stderr: string }>((resolve) => {
      execFile(
        file,
        args,
        { env: { ...env, DOCKER_BUILDKIT: '0' }, timeout: 60_000 },
        (error, _out, stderr) =>
          resolve({ status: error ? Number(error.code ?? -1) || -1 : 0, stderr }),
      );
    });
  const build = (args: string[]) => run('docker', ['build', '-q', ...args], process.env);
  const output = (image: string) => dockerMaybe(['run', '--rm', image]).stdout;

  it('bc-cmd-git-context: #ref:dir picks the branch and the folder; no ref means master (classic builder)', async () => {
    const built = async (fragment: string): Promise<string> => {
      const image = `${tag}:${images.length}`;
      images.push(image);
      const result = await build(['-t', image, `${url}${fragment}`]);
      if (result.status !== 0) return `build failed: ${result.stderr.trim().split('\n').pop()}`;
      return output(image);
    };
    expect(await built('#release:docker')).toBe('docker folder of release');
    expect(await built('#release')).toBe('root of release');
    // No ref: the classic builder fetches `master`, not the repository's default branch
    // (`main` here); BuildKit would take the default branch.
    expect(await built('#:docker')).toBe('docker folder of master');
    expect(await built('')).toBe('root of master');
  }, 120_000);

  it('bc-cmd-git-context: with the classic builder the docker client clones the repository itself', async () => {
    // A PATH with docker but no git: the client cannot clone, so the build fails before
    // anything reaches the daemon.
    const bin = join(dir, 'bin');
    mkdirSync(bin);
    const dockerPath = execFileSync('sh', ['-c', 'command -v docker'], {
      encoding: 'utf8',
    }).trim();
    symlinkSync(dockerPath, join(bin, 'docker'));
    const before = requests.length;
    const noGit = await run(join(bin, 'docker'), ['build', '-q', `${url}#release:docker`], {
      ...process.env,
      PATH: bin,
    });
    expect(noGit.status).not.toBe(0);
    expect(noGit.stderr).toMatch(/unable to find 'git'/);
    expect(requests.length).toBe(before);
    // The same command with git on PATH fetches the repository from this server.
    expect((await build([`${url}#release:docker`])).status).toBe(0);
    expect(requests.slice(before).some((r) => r.startsWith('git/'))).toBe(true);
  });
});
