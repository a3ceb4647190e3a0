/**
 * Where the daemon looks for a registry's CA certificate. A Verify probe cannot show this:
 * it would have to write under the learner's /etc/docker. Here, on the CI engine, a
 * `registry:2` serves HTTPS with a certificate from a throwaway CA, on the default bridge's
 * host address (not loopback, so the daemon insists on TLS), and the test moves the CA file
 * between folders of /etc/docker/certs.d. The folder it creates is removed afterwards.
 *
 * Backs quizzes/13-registries.quiz.md: reg-certs-d-path (the folder is named host:port,
 * a folder without the port is not used, and no daemon restart is needed).
 *
 * Needs root (to write /etc/docker/certs.d) and openssl; skips with the reason otherwise,
 * or fails when DOCKDRILL_REQUIRE_DOCKER=1.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, rmdirSync, rmSync } from 'node:fs';
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
import { bridgeHostAddress } from '../helpers/bridge-address.js';
import { makeTempDir } from '../helpers/home.js';
import { freePort, makeCertificates } from '../helpers/tls.js';

const CERTS_D = '/etc/docker/certs.d';

function unavailable(): string | undefined {
  if (process.getuid?.() !== 0) return `writing ${CERTS_D} needs root`;
  if (spawnSync('sh', ['-c', 'command -v openssl']).status !== 0) return 'openssl is not installed';
  return undefined;
}

const reason = unavailable();

describeDockerNeeding('a registry certificate from a private CA', reason, () => {
  const name = uniqueName('ddt-tls-registry');
  const certs = makeTempDir('dockdrill-tls-');
  let host = '';
  let portDir = '';
  let bareDir = '';
  /** The registry's start time: a daemon restart would stop it (it has no restart policy). */
  let registryStarted = '';
  /** /etc/docker and certs.d as they were: what this test creates of them goes again. */
  const created = ['/etc/docker', CERTS_D].filter((dir) => !existsSync(dir));
  const startedAt = () =>
    docker(['inspect', '--format', '{{.State.Running}} {{.State.StartedAt}}', name]);

  beforeAll(async () => {
    // The bridge's host address: the host reaches published ports on it, and it is not
    // loopback, so the daemon does not treat the registry as insecure by default. The
    // engine may not report a Gateway (20.10 on a fresh data root): see bridge-address.ts.
    const ip = bridgeHostAddress(docker).address;
    const port = await freePort();
    host = `${ip}:${port}`;
    portDir = join(CERTS_D, host);
    bareDir = join(CERTS_D, ip);
    makeCertificates(certs, ip, 'domain');
    docker([
      'run',
      '-d',
      '--name',
      name,
      '--label',
      TEST_LABEL,
      '-p',
      `${port}:5000`,
      '-v',
      `${certs}:/certs:ro`,
      '-e',
      'REGISTRY_HTTP_TLS_CERTIFICATE=/certs/domain.crt',
      '-e',
      'REGISTRY_HTTP_TLS_KEY=/certs/domain.key',
      'registry:2',
    ]);
    docker(['tag', BUSYBOX, `${host}/tls-check:1`]);
    registryStarted = startedAt();
  }, 60_000);

  afterAll(() => {
    dockerMaybe(['rm', '-f', '-v', name]);
    dockerMaybe(['rmi', `${host}/tls-check:1`]);
    for (const dir of [portDir, bareDir]) if (dir) rmSync(dir, { recursive: true, force: true });
    for (const dir of [...created].reverse()) {
      try {
        rmdirSync(dir); // only when empty: anything else put there meanwhile stays
      } catch {
        break;
      }
    }
    rmSync(certs, { recursive: true, force: true });
  });

  /** A push, tried a few times while the registry is still starting. */
  async function push(): Promise<{ status: number; stderr: string }> {
    let last = { status: -1, stderr: '' };
    for (let i = 0; i < 20; i++) {
      last = dockerMaybe(['push', `${host}/tls-check:1`]);
      if (last.status === 0 || /certificate|x509|tls/i.test(last.stderr)) return last;
      await new Promise((r) => setTimeout(r, 250));
    }
    return last;
  }

  it('reg-certs-d-path: the CA under certs.d/<host>:<port>/ca.crt is trusted, without a restart', async () => {
    // No CA anywhere: the daemon refuses the registry's certificate.
    const untrusted = await push();
    expect(untrusted.status).not.toBe(0);
    expect(untrusted.stderr).toMatch(/x509: certificate signed by unknown authority/);

    // A folder named by the host alone does not count when the port is not 443.
    mkdirSync(bareDir, { recursive: true });
    copyFileSync(join(certs, 'ca.crt'), join(bareDir, 'ca.crt'));
    const bare = await push();
    expect(bare.status).not.toBe(0);
    expect(bare.stderr).toMatch(/x509: certificate signed by unknown authority/);
    rmSync(bareDir, { recursive: true, force: true });

    // host:port is the one; the same daemon (no restart) reads it on the next connection.
    mkdirSync(portDir, { recursive: true });
    copyFileSync(join(certs, 'ca.crt'), join(portDir, 'ca.crt'));
    const trusted = await push();
    expect(trusted.stderr).toBe('');
    expect(trusted.status).toBe(0);
    expect(startedAt()).toBe(registryStarted);
    expect(registryStarted).toMatch(/^true /);
  }, 90_000);
});
