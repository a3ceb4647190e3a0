/**
 * Engine facts whose proof would prune or reconfigure the learner's daemon, so no quiz
 * Verify probe may show them: what `docker system prune` removes, which storage driver the
 * daemon picks by itself, how daemon.json and the dockerd flag select one, and that vfs
 * keeps every layer as a full copy. They are proven here, on a PRIVATE dockerd (test/
 * helpers/private-daemon.ts: own data-root, socket and network namespace; the shared
 * engine is never pruned or restarted, and its docker0 bridge is checked to be untouched).
 *
 * Each test names the quiz questions it backs:
 * - quizzes/08-tag-remove-prune.quiz.md: trp-system-prune-scope
 * - quizzes/14-storage-drivers.quiz.md: sd-default-driver, sd-vfs-no-cow,
 *   sd-daemon-json-key, sd-dockerd-flag, sd-btrfs-backing
 *
 * Needs root, dockerd and the main engine; skips with the reason otherwise, or fails when
 * DOCKDRILL_REQUIRE_DOCKER=1.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { BUSYBOX, TEST_LABEL } from '../helpers/docker.js';
import { describePrivateDaemon, usePrivateDaemon } from '../helpers/private-daemon.js';

/** Filesystems on which overlay2 works as the backing filesystem (xfs needs ftype=1). */
const OVERLAY2_BACKING = new Set(['ext2/ext3', 'xfs']);

/** Disk use of a folder in KiB; hard-linked files are counted once (du within one run). */
function diskKiB(dir: string): number {
  const r = spawnSync('du', ['-sk', dir], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`du -sk ${dir} failed: ${r.stderr}`);
  return Number(r.stdout.split('\t')[0]);
}

describePrivateDaemon('a private dockerd: system prune scope and storage-driver settings', () => {
  // firstDriver(): the driver the daemon picked by itself (overlay2 on ext4/xfs).
  const { daemon, firstDriver } = usePrivateDaemon();

  /** Sorted non-empty lines of a docker command's output. */
  const list = (args: readonly string[]) => daemon.out(args).split('\n').filter(Boolean).sort();
  const exists = (kind: string, name: string) =>
    daemon.docker([kind, 'inspect', name]).status === 0;

  it('sd-default-driver: with no storage-driver setting the daemon picks overlay2', (ctx) => {
    const backing = spawnSync('stat', ['-f', '-c', '%T', daemon.dataRoot], {
      encoding: 'utf8',
    }).stdout.trim();
    if (!OVERLAY2_BACKING.has(backing))
      ctx.skip(`the data-root is on ${backing}, where overlay2 cannot work as backing filesystem`);
    expect(firstDriver()).toBe('overlay2');
    // Not aufs or devicemapper: their folders are not even created.
    expect(existsSync(join(daemon.dataRoot, 'overlay2'))).toBe(true);
    expect(existsSync(join(daemon.dataRoot, 'vfs'))).toBe(false);
  });

  it('trp-system-prune-scope: prune takes stopped containers, unused networks, dangling images; -a adds unused tagged images; --volumes adds volumes', () => {
    const none = ['--network', 'none', '--label', TEST_LABEL];
    // Kept by every prune: a running container and the image it uses.
    daemon.out(['run', '-d', '--name', 'pr-running', ...none, BUSYBOX, 'sleep', '600']);
    // Stopped, with an anonymous volume that outlives it.
    daemon.out(['run', '--name', 'pr-stopped', ...none, '-v', '/data', BUSYBOX, 'true']);
    const anonymous = daemon.out([
      'inspect',
      '--format',
      '{{(index .Mounts 0).Name}}',
      'pr-stopped',
    ]);
    daemon.out(['volume', 'create', '--label', TEST_LABEL, 'pr-named']);
    daemon.out(['network', 'create', '--label', TEST_LABEL, 'pr-net']);
    // A tagged image that no container uses, and a dangling one: committing twice to the
    // same tag takes the tag off the first image.
    daemon.out(['create', '--name', 'pr-src', ...none, BUSYBOX, 'true']);
    const dangling = daemon.out(['commit', '--change', 'LABEL v=1', 'pr-src', 'pr-dangle:1']);
    daemon.out(['commit', '--change', 'LABEL v=2', 'pr-src', 'pr-dangle:1']);
    daemon.out(['commit', '--change', 'LABEL v=3', 'pr-src', 'pr-tagged:1']);
    daemon.out(['rm', 'pr-src']);
    expect(list(['images', '--filter', 'dangling=true', '--no-trunc', '-q'])).toEqual([dangling]);

    // The confirmation prompt names exactly four kinds (answered "n": nothing happens).
    const prompt = spawnSync('docker', ['--host', daemon.host, 'system', 'prune'], {
      input: 'n\n',
      encoding: 'utf8',
    });
    const warning = prompt.stdout + prompt.stderr;
    expect(warning).toMatch(
      /- all stopped containers\n\s*- all networks not used by at least one container\n\s*- all dangling images\n\s*- unused build cache\n/,
    );
    expect(warning).not.toMatch(/volume/i);
    expect(exists('container', 'pr-stopped')).toBe(true);

    // No options: stopped container, unused network, dangling image go.
    daemon.out(['system', 'prune', '-f']);
    expect(exists('container', 'pr-stopped')).toBe(false);
    expect(exists('network', 'pr-net')).toBe(false);
    expect(exists('image', dangling)).toBe(false);
    // Wrong options: the unused tagged image and both volumes stay, as does what runs.
    expect(exists('image', 'pr-tagged:1')).toBe(true);
    expect(list(['volume', 'ls', '-q'])).toEqual([anonymous, 'pr-named'].sort());
    expect(exists('container', 'pr-running')).toBe(true);
    expect(exists('image', 'pr-dangle:1')).toBe(true);

    // -a: every image no container uses, tagged or not; the one in use stays. Volumes stay.
    daemon.out(['system', 'prune', '-a', '-f']);
    expect(exists('image', 'pr-tagged:1')).toBe(false);
    expect(exists('image', 'pr-dangle:1')).toBe(false);
    expect(exists('image', BUSYBOX)).toBe(true);
    expect(list(['volume', 'ls', '-q'])).toEqual([anonymous, 'pr-named'].sort());

    // --volumes: the anonymous volume goes. Named ones too before Docker 23 (API < 1.42);
    // from 23 on only anonymous ones unless `volume prune -a`.
    daemon.out(['system', 'prune', '-f', '--volumes']);
    const major = Number(daemon.out(['version', '--format', '{{.Server.Version}}']).split('.')[0]);
    expect(list(['volume', 'ls', '-q'])).toEqual(major >= 23 ? ['pr-named'] : []);
    daemon.docker(['rm', '-f', 'pr-running']);
    daemon.docker(['volume', 'rm', 'pr-named']);
  });

  it('sd-vfs-no-cow, sd-daemon-json-key, sd-dockerd-flag: vfs stores each layer as a full copy, overlay2 does not; daemon.json and the flag both select it, not both at once', async () => {
    const baseKiB = () => {
      const size = Number(daemon.out(['image', 'inspect', '--format', '{{.Size}}', BUSYBOX]));
      return size / 1024;
    };
    /**
     * What a stopped container (its init and read-write layers) adds on disk under the
     * driver's folder, and what stays once a one-file commit of it is made and it is removed.
     */
    const growthKiB = (driverDir: string) => {
      const before = diskKiB(driverDir);
      daemon.out([
        'run',
        '--name',
        'cow-box',
        '--network',
        'none',
        BUSYBOX,
        'sh',
        '-c',
        'echo x > /f',
      ]);
      const container = diskKiB(driverDir) - before;
      daemon.out(['commit', 'cow-box', 'cow-one-byte:1']);
      daemon.out(['rm', 'cow-box']);
      return { container, commit: diskKiB(driverDir) - before };
    };

    // The baseline: overlay2 layers hold only what changed; the lower layer is shared.
    if (firstDriver() === 'overlay2') {
      const overlay = growthKiB(join(daemon.dataRoot, 'overlay2'));
      expect(overlay.container).toBeLessThan(baseKiB() * 0.25);
      expect(overlay.commit).toBeLessThan(baseKiB() * 0.25);
      daemon.out(['rmi', 'cow-one-byte:1']);
    }

    // sd-daemon-json-key: {"storage-driver": "vfs"} in daemon.json selects vfs.
    await daemon.restart({ config: { 'storage-driver': 'vfs' } });
    expect(daemon.driver()).toBe('vfs');
    daemon.loadFromMainEngine(BUSYBOX);
    const base = baseKiB();
    const vfsDir = join(daemon.dataRoot, 'vfs', 'dir');
    // sd-vfs-no-cow: the image's one layer is a plain folder holding the whole image...
    expect(diskKiB(vfsDir)).toBeGreaterThan(base * 0.9);
    expect(diskKiB(vfsDir)).toBeLessThan(base * 1.2);
    // ...a container that wrote one byte adds two full copies (its init layer and its
    // read-write layer, each a copy of the layer below; du counts hard links once)...
    const vfs = growthKiB(vfsDir);
    expect(vfs.container).toBeGreaterThan(base * 1.8);
    // ...and the one-byte layer committed from it is a full copy again, not a diff.
    expect(vfs.commit).toBeGreaterThan(base * 0.9);
    expect(daemon.out(['run', '--rm', '--network', 'none', 'cow-one-byte:1', 'cat', '/f'])).toBe(
      'x',
    );

    // sd-dockerd-flag: `dockerd --storage-driver vfs` (empty daemon.json) selects vfs too.
    await daemon.restart({ args: ['--storage-driver', 'vfs'] });
    expect(daemon.driver()).toBe('vfs');
    expect(daemon.out(['images', '--format', '{{.Repository}}:{{.Tag}}', 'cow-one-byte'])).toBe(
      'cow-one-byte:1',
    );
    await daemon.stop();

    // sd-dockerd-flag's explanation: the same setting in both places stops the start.
    await expect(
      daemon.start({ config: { 'storage-driver': 'vfs' }, args: ['--storage-driver', 'vfs'] }),
    ).rejects.toThrow(/specified both as a flag and in the configuration file: storage-driver/);

    // sd-daemon-json-key, wrong options: `storage_driver` and `graph-driver` are no keys,
    // and dockerd refuses a daemon.json with an unknown key rather than ignoring it.
    for (const key of ['storage_driver', 'graph-driver'])
      await expect(daemon.start({ config: { [key]: 'vfs' } })).rejects.toThrow(
        new RegExp(`don't match any configuration option: ${key}`),
      );

    // sd-dockerd-flag, wrong options: the driver is no flag of `docker run` or `docker info`.
    for (const command of [['run', '--rm', BUSYBOX, 'true'], ['info']]) {
      const r = daemon.docker([command[0]!, '--storage-driver', 'vfs', ...command.slice(1)]);
      expect(r.status).not.toBe(0);
      expect(r.stderr).toContain('unknown flag: --storage-driver');
    }
  }, 60_000);

  it('sd-btrfs-backing: the btrfs driver will not start on a data-root that is not btrfs', async (ctx) => {
    const backing = spawnSync('stat', ['-f', '-c', '%T', daemon.dataRoot], {
      encoding: 'utf8',
    }).stdout.trim();
    if (backing === 'btrfs') ctx.skip('the data-root is on btrfs here');
    await daemon.stop();
    await expect(daemon.start({ args: ['--storage-driver', 'btrfs'] })).rejects.toThrow(
      /prerequisites for driver not satisfied \(wrong filesystem\?\)/,
    );
    // The same data-root starts again with its first driver, its images still there.
    await daemon.start({ args: ['--storage-driver', firstDriver()] });
    expect(daemon.driver()).toBe(firstDriver());
    expect(daemon.out(['images', '-q', BUSYBOX])).not.toBe('');
  }, 60_000);
});
