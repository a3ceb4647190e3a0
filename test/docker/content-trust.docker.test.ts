/**
 * Docker Content Trust end to end, offline: a `registry:2` on loopback, Debian's
 * `notary-server` next to it (in-memory storage, its own signing service, TLS with a
 * throwaway certificate), and the real docker CLI with DOCKER_CONTENT_TRUST_SERVER
 * pointing at it. A Verify probe cannot do this: it cannot set the client's environment
 * and the learner has no Notary server. The client's keys and logins live in a temporary
 * DOCKER_CONFIG, so the runner's own ~/.docker is never read or written.
 *
 * Backs these quiz keys:
 * - quizzes/07-pull-search-list.quiz.md: psl-content-trust-enable
 * - quizzes/13-registries.quiz.md: reg-content-trust-enable, reg-trust-sign-command
 *
 * Needs notary-server and openssl (apt-get install notary openssl); skips with the reason
 * otherwise, or fails when DOCKDRILL_REQUIRE_DOCKER=1.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  BUSYBOX,
  describeDockerNeeding,
  docker,
  dockerMaybe,
  TEST_LABEL,
  uniqueName,
} from '../helpers/docker.js';
import { makeTempDir } from '../helpers/home.js';
import { freePort, makeCertificates } from '../helpers/tls.js';

function unavailable(): string | undefined {
  for (const tool of ['notary-server', 'openssl'])
    if (spawnSync('sh', ['-c', `command -v ${tool}`]).status !== 0)
      return `${tool} is not installed (apt-get install notary openssl)`;
  return undefined;
}

const reason = unavailable();

describeDockerNeeding('Docker Content Trust with a local Notary server', reason, () => {
  const dir = makeTempDir('dockdrill-trust-');
  const registryName = uniqueName('ddt-trust-registry');
  let notary: ChildProcess | undefined;
  let registry = '';
  let env: NodeJS.ProcessEnv = {};
  const tags: string[] = [];

  /** The docker CLI as a learner with content trust settings in the environment. */
  const client = (args: readonly string[], extra: NodeJS.ProcessEnv = {}, input = '') => {
    const r = spawnSync('docker', args, {
      encoding: 'utf8',
      env: { ...env, ...extra },
      input,
      timeout: 60_000,
    });
    return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
  };
  const trusted = (args: readonly string[]) => client(args, { DOCKER_CONTENT_TRUST: '1' });
  const image = (repo: string) => {
    const name = `${registry}/team/${repo}:1`;
    tags.push(name);
    docker(['tag', BUSYBOX, name]);
    return name;
  };

  beforeAll(async () => {
    const [registryPort, notaryPort] = [await freePort(), await freePort()];
    registry = `127.0.0.1:${registryPort}`;
    makeCertificates(dir, '127.0.0.1', 'notary');
    writeFileSync(
      join(dir, 'server.json'),
      JSON.stringify({
        server: {
          http_addr: `127.0.0.1:${notaryPort}`,
          tls_cert_file: join(dir, 'notary.crt'),
          tls_key_file: join(dir, 'notary.key'),
        },
        trust_service: { type: 'local', hostname: '', port: '', key_algorithm: 'ecdsa' },
        storage: { backend: 'memory' },
        logging: { level: 'info' },
      }),
    );
    notary = spawn('notary-server', ['-config', join(dir, 'server.json')], {
      stdio: ['ignore', 'ignore', 'ignore'],
    });
    docker([
      ...['run', '-d', '--name', registryName, '--label', TEST_LABEL],
      ...['-p', `${registry}:5000`, 'registry:2'],
    ]);
    env = {
      ...process.env,
      DOCKER_CONFIG: join(dir, 'docker-config'),
      DOCKER_CONTENT_TRUST_SERVER: `https://127.0.0.1:${notaryPort}`,
      // Without these, the first signing asks for new passphrases on the terminal.
      DOCKER_CONTENT_TRUST_ROOT_PASSPHRASE: 'root-passphrase-for-tests',
      DOCKER_CONTENT_TRUST_REPOSITORY_PASSPHRASE: 'repo-passphrase-for-tests',
    };
    // Both servers answer before the tests start.
    for (let i = 0; i < 50; i++) {
      // registry:2 without auth accepts any login; trust sign names the signer after it.
      const up = client(['login', '-u', 'alice', '--password-stdin', registry], {}, 'secret');
      if (up.status === 0) break;
      await new Promise((r) => setTimeout(r, 200));
    }
  }, 60_000);

  afterAll(() => {
    notary?.kill();
    dockerMaybe(['rm', '-f', '-v', registryName]);
    for (const tag of tags) dockerMaybe(['rmi', tag]);
    rmSync(dir, { recursive: true, force: true });
  });

  it('reg-trust-sign-command: `docker trust sign IMAGE:TAG` pushes the tag and signs it; the first time it makes the root and repository keys', () => {
    const signed = image('signed');
    const sign = client(['trust', 'sign', signed]);
    expect(sign.status, sign.stderr).toBe(0);
    // Pushed: the registry has the tag now. Signed: Notary has trust data for it.
    expect(sign.stdout).toMatch(/The push refers to repository/);
    expect(sign.stdout).toContain(`Successfully signed ${signed}`);
    // The signer is named after the registry login (here alice).
    expect(sign.stdout).toContain('Created signer: alice');
    const inspect = client(['trust', 'inspect', '--pretty', signed]);
    expect(inspect.stdout).toMatch(/SIGNED TAG\s+DIGEST\s+SIGNERS\n1\s+[0-9a-f]{64}\s+alice/);
    // The keys: PEM files under trust/private, each with its role in a header.
    const keyDir = join(dir, 'docker-config', 'trust', 'private');
    const roles = readdirSync(keyDir).map(
      (f) => /role: (\S+)/.exec(readFileSync(join(keyDir, f), 'utf8'))?.[1],
    );
    expect(roles).toEqual(expect.arrayContaining(['root', 'targets', 'alice']));
  });

  it('psl-content-trust-enable, reg-content-trust-enable: DOCKER_CONTENT_TRUST=1 accepts only signed tags, and push signs', () => {
    const signed = image('signed');
    const unsigned = image('unsigned');
    expect(client(['push', '-q', unsigned]).status).toBe(0); // trust off: no signature
    expect(client(['trust', 'sign', signed]).status).toBe(0);

    // A signed tag is pulled by the digest Notary signed for it.
    const pull = trusted(['pull', signed]);
    expect(pull.status).toBe(0);
    expect(pull.stdout).toMatch(new RegExp(`Pull \\(1 of 1\\): ${signed}@sha256:[0-9a-f]{64}`));

    // An unsigned tag is refused by pull, run, create and build's FROM; without the
    // variable the same pull works.
    const noTrustData = /does not have trust data for/;
    expect(trusted(['pull', unsigned]).stderr).toMatch(noTrustData);
    expect(trusted(['run', '--rm', unsigned, 'true']).stderr).toMatch(noTrustData);
    expect(trusted(['create', unsigned]).stderr).toMatch(noTrustData);
    writeFileSync(join(dir, 'Dockerfile.unsigned'), `FROM ${unsigned}\n`);
    const build = spawnSync(
      'docker',
      ['build', '-q', '-f', join(dir, 'Dockerfile.unsigned'), dir],
      { encoding: 'utf8', env: { ...env, DOCKER_CONTENT_TRUST: '1', DOCKER_BUILDKIT: '0' } },
    );
    expect(build.status).not.toBe(0);
    expect(build.stderr).toMatch(noTrustData);
    expect(client(['pull', '-q', unsigned]).status).toBe(0);

    // --disable-content-trust turns it off for one command; a digest needs no signature.
    expect(trusted(['pull', '-q', '--disable-content-trust', unsigned]).status).toBe(0);
    const digests = JSON.parse(
      docker(['inspect', '--format', '{{json .RepoDigests}}', unsigned]),
    ) as string[];
    const digest = digests.find((d) => d.startsWith(`${registry}/team/unsigned@`))!;
    expect(digest).toBeDefined();
    expect(trusted(['pull', '-q', digest]).status).toBe(0);

    // There is no flag that turns it on.
    for (const flag of ['--content-trust', '--verify'])
      expect(client(['pull', flag, signed]).stderr).toContain(`unknown flag: ${flag}`);

    // With the variable set, push signs what it pushes.
    const pushed = image('pushed');
    const push = trusted(['push', pushed]);
    expect(push.status).toBe(0);
    expect(push.stdout).toContain(`Successfully signed ${pushed}`);
    expect(trusted(['pull', '-q', pushed]).status).toBe(0);
  });
});
