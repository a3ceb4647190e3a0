import { describe, expect, it } from 'vitest';
import { Docker } from '../../src/docker/index.js';
import { classifyFailure } from '../../src/docker/errors.js';
import { fakeDockerEnv } from '../helpers/fake-docker.js';

function dockerWith(env: NodeJS.ProcessEnv): Docker {
  // The adapter resolves `docker` through PATH at spawn time; give it the fake's PATH.
  process.env.PATH = env.PATH;
  return new Docker({ defaultTimeoutMs: 500 });
}

describe('typed docker errors from the fake docker (faults only)', () => {
  const realPath = process.env.PATH;
  const restore = () => {
    process.env.PATH = realPath;
  };

  it('CLI absent -> DockerNotInstalledError', async () => {
    const docker = dockerWith(fakeDockerEnv('absent'));
    try {
      await expect(docker.run(['version'])).rejects.toMatchObject({
        kind: 'not-installed',
        name: 'DockerNotInstalledError',
      });
    } finally {
      restore();
    }
  });

  it('daemon down -> DaemonUnreachableError with the fix', async () => {
    const docker = dockerWith(fakeDockerEnv('daemon-down'));
    try {
      const error = await docker.run(['info']).catch((e: unknown) => e);
      expect(error).toMatchObject({ kind: 'daemon-unreachable', name: 'DaemonUnreachableError' });
      expect((error as { fix: string }).fix).toMatch(/Start Docker/);
    } finally {
      restore();
    }
  });

  it('permission denied -> PermissionDeniedError suggesting the docker group', async () => {
    const docker = dockerWith(fakeDockerEnv('permission-denied'));
    try {
      const error = await docker.run(['info']).catch((e: unknown) => e);
      expect(error).toMatchObject({ kind: 'permission-denied' });
      expect((error as { fix: string }).fix).toMatch(/docker group/);
    } finally {
      restore();
    }
  });

  it('a hang -> DockerTimeoutError after the timeout, and the process is killed', async () => {
    const docker = dockerWith(fakeDockerEnv('hang'));
    try {
      const started = Date.now();
      await expect(docker.run(['info'], { timeoutMs: 300 })).rejects.toMatchObject({
        kind: 'timed-out',
        timeoutMs: 300,
      });
      expect(Date.now() - started).toBeLessThan(5000);
    } finally {
      restore();
    }
  });

  it('cancellation by AbortSignal -> DockerCancelledError', async () => {
    const docker = dockerWith(fakeDockerEnv('hang'));
    try {
      const controller = new AbortController();
      const pending = docker.run(['info'], { signal: controller.signal, timeoutMs: 10_000 });
      setTimeout(() => controller.abort(), 100);
      await expect(pending).rejects.toMatchObject({ kind: 'cancelled' });
    } finally {
      restore();
    }
  });

  it('a dead daemon is reported as such even when the caller asked not to reject', async () => {
    const docker = dockerWith(fakeDockerEnv('daemon-down'));
    try {
      await expect(docker.run(['inspect', 'x'], { reject: false })).rejects.toMatchObject({
        kind: 'daemon-unreachable',
      });
    } finally {
      restore();
    }
  });
});

describe('classifyFailure', () => {
  it.each([
    [
      'Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?',
      'daemon-unreachable',
    ],
    [
      'error during connect: Get "http://%2F%2F.%2Fpipe%2FdockerDesktopLinuxEngine/v1.47/info": open //./pipe/dockerDesktopLinuxEngine: The system cannot find the file specified.',
      'daemon-unreachable',
    ],
    [
      'permission denied while trying to connect to the Docker daemon socket at unix:///var/run/docker.sock',
      'permission-denied',
    ],
    ['Error response from daemon: No such container: web', 'command-failed'],
  ])('%s -> %s', (stderr, kind) => {
    expect(classifyFailure(['x'], stderr, 1).kind).toBe(kind);
  });

  it('keeps stderr and the exit code on a failed command', () => {
    const error = classifyFailure(
      ['rm', 'web'],
      'Error response from daemon: No such container: web\n',
      1,
    );
    expect(error.message).toBe(
      '`docker rm web` failed: Error response from daemon: No such container: web',
    );
    expect(error.stderr).toBe('Error response from daemon: No such container: web');
    expect(error.exitCode).toBe(1);
  });
});
