import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { Docker, DockerCommandError } from '../../src/docker/index.js';
import {
  BUSYBOX,
  describeDocker,
  docker as sh,
  TEST_LABEL,
  uniqueName,
  useDockerFixtures,
} from '../helpers/docker.js';

describeDocker('Docker adapter against the real engine', () => {
  const fixtures = useDockerFixtures();

  it('reports versions, builder, image store, storage driver and platform', async () => {
    const info = await new Docker().info();
    expect(info.clientVersion).toBe(sh(['version', '--format', '{{.Client.Version}}']));
    expect(info.serverVersion).toBe(sh(['version', '--format', '{{.Server.Version}}']));
    expect(info.apiVersion).toMatch(/^1\.\d+$/);
    expect(info.storageDriver).toBe(sh(['info', '--format', '{{.Driver}}']));
    expect(['buildkit', 'classic']).toContain(info.builder);
    expect(['containerd', 'graphdriver']).toContain(info.imageStore);
    expect(info.os).toBe('linux');
    expect(info.rootDir).toBe(sh(['info', '--format', '{{.DockerRootDir}}']));
    // The daemon always trusts loopback as insecure (127.0.0.0/8).
    expect(info.insecureRegistries).toContain('127.0.0.0/8');
  });

  it('inspects present and missing containers in ONE docker call', async () => {
    const a = fixtures.container(uniqueName('dd-adapter-a'));
    const b = fixtures.container(uniqueName('dd-adapter-b'));
    const adapter = new Docker();
    const batch = await adapter.inspect<{
      Name: string;
      Config: { Labels: Record<string, string> };
    }>('container', [a, 'dd-missing-one', b, 'dd-missing-two']);
    expect(adapter.spawnCount).toBe(1);
    expect([...batch.found.keys()]).toEqual([a, b]);
    expect(batch.found.get(a)?.Name).toBe(`/${a}`);
    expect(batch.found.get(b)?.Config.Labels['dockdrill.test']).toBe('1');
    expect(batch.missing).toEqual(['dd-missing-one', 'dd-missing-two']);
  });

  it('inspects images by reference in one call, missing ones listed per name', async () => {
    const tag = fixtures.tag(`${uniqueName('dd-adapter-img')}:v1`);
    const adapter = new Docker();
    const batch = await adapter.inspect<{ RepoTags: string[] }>('image', [
      BUSYBOX,
      'dd-no-such-image:1',
      tag,
    ]);
    expect(adapter.spawnCount).toBe(1);
    expect(batch.found.get(tag)?.RepoTags).toContain(tag);
    expect(batch.found.get(BUSYBOX)?.RepoTags).toContain(BUSYBOX);
    expect(batch.missing).toEqual(['dd-no-such-image:1']);
  });

  it('pairs results right when docker names a missing image in its short form', async () => {
    // Docker reports `docker.io/library/dd-gone:1` as "No such image: dd-gone:1".
    const batch = await new Docker().inspect<{ RepoTags: string[] }>('image', [
      'docker.io/library/dd-gone:1',
      BUSYBOX,
    ]);
    expect(batch.missing).toEqual(['docker.io/library/dd-gone:1']);
    expect(batch.found.get(BUSYBOX)?.RepoTags).toContain(BUSYBOX);
  });

  it('returns an empty batch without spawning when nothing is asked', async () => {
    const adapter = new Docker();
    const batch = await adapter.inspect('container', []);
    expect(batch.found.size).toBe(0);
    expect(adapter.spawnCount).toBe(0);
  });

  it('times out a slow call and kills it', async () => {
    const name = uniqueName('dd-adapter-slow');
    fixtures.trackContainer(name);
    const started = Date.now();
    await expect(
      new Docker().run(
        ['run', '--rm', '--label', TEST_LABEL, '--name', name, BUSYBOX, 'sleep', '30'],
        { timeoutMs: 1500 },
      ),
    ).rejects.toMatchObject({ kind: 'timed-out' });
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it("surfaces a failing command with docker's stderr and exit code", async () => {
    const error = await new Docker()
      .run(['image', 'inspect', 'dd-no-such-image:1'])
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DockerCommandError);
    expect((error as DockerCommandError).stderr).toMatch(/No such image: dd-no-such-image:1/i);
    expect((error as DockerCommandError).exitCode).toBe(1);
  });

  it('passes input on stdin and returns stdout', async () => {
    const result = await new Docker().run(
      ['run', '--rm', '-i', '--label', TEST_LABEL, BUSYBOX, 'cat'],
      { input: 'hello from stdin' },
    );
    expect(result.stdout).toBe('hello from stdin');
  });

  it('can be told not to reject a non-zero exit', async () => {
    const result = await new Docker().run(
      ['run', '--rm', '--label', TEST_LABEL, BUSYBOX, 'sh', '-c', 'echo out; exit 3'],
      { reject: false },
    );
    expect(result).toMatchObject({ stdout: 'out', exitCode: 3 });
  });
});

describeDocker('adapter argv safety', () => {
  it('passes each argument as one argv entry, never through a shell', async () => {
    const marker = join(tmpdir(), `dockdrill-pwned-${process.pid}`);
    const hostile = `x; touch ${marker} $(touch ${marker})`;
    const error = (await new Docker()
      .run(['image', 'inspect', hostile])
      .catch((e: unknown) => e)) as DockerCommandError;
    // docker received the whole string as one reference and rejected it; no shell ran it.
    expect(error.stderr).toContain(`${hostile}: invalid reference format`);
    expect(existsSync(marker)).toBe(false);
  });
});
