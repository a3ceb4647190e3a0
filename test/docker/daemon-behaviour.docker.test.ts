/**
 * Docker behaviour that only shows when the DAEMON itself restarts or changes its storage
 * driver. A quiz Verify probe cannot show it (it would have to restart the learner's
 * engine), so these keys are proven here, on a PRIVATE dockerd (test/helpers/private-
 * daemon.ts: own data-root, socket and network namespace; the shared engine is never
 * stopped and its docker0 bridge is checked to be untouched).
 *
 * Each test names the quiz questions it backs:
 * - quizzes/04-restart-policies.quiz.md: rp-unless-stopped-daemon, rp-always-manual-daemon,
 *   rp-unless-stopped-manual-daemon, rp-policy-daemon-comeback
 * - quizzes/14-storage-drivers.quiz.md: sd-switch-driver-effect, sd-switch-back,
 *   sd-switch-order
 *
 * Needs root, dockerd and the main engine; skips with the reason otherwise, or fails when
 * DOCKDRILL_REQUIRE_DOCKER=1.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { BUSYBOX, TEST_LABEL } from '../helpers/docker.js';
import { describePrivateDaemon, usePrivateDaemon } from '../helpers/private-daemon.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describePrivateDaemon('a private dockerd: restart policies and storage-driver switches', () => {
  // firstDriver(): the driver the daemon picked by itself (overlay2 on ext4/xfs).
  const { daemon, firstDriver } = usePrivateDaemon();

  /** Names of the running containers, sorted. */
  const running = () =>
    daemon.out(['ps', '--format', '{{.Names}}']).split('\n').filter(Boolean).sort();

  it('rp-unless-stopped-daemon, rp-always-manual-daemon, rp-unless-stopped-manual-daemon, rp-policy-daemon-comeback: a graceful daemon restart starts always and unless-stopped containers again, except unless-stopped ones stopped by hand; on-failure follows the last exit code', async () => {
    // No bridge in the private daemon: --network none. --stop-timeout 1 keeps stops fast.
    // `sleep` as PID 1 ignores SIGTERM, so each stop (by hand, or by the daemon's own
    // shutdown) ends in a SIGKILL after 1 s: exit code 137, a failure. The `trap` command
    // instead exits 0 on SIGTERM, like a server that shuts down cleanly.
    const sleeper = ['sleep', '600'];
    const clean = ['sh', '-c', 'trap "exit 0" TERM; sleep 600 & wait'];
    const names: string[] = [];
    const run = (name: string, policy: string, command: readonly string[] = sleeper) => {
      names.push(name);
      daemon.out([
        'run',
        '-d',
        '--name',
        name,
        '--label',
        TEST_LABEL,
        '--network',
        'none',
        '--stop-timeout',
        '1',
        '--restart',
        policy,
        BUSYBOX,
        ...command,
      ]);
    };
    try {
      run('rp-no', 'no');
      run('rp-always', 'always');
      run('rp-unless', 'unless-stopped');
      run('rp-onfail-clean', 'on-failure:5', clean);
      run('rp-onfail-killed', 'on-failure:5');
      run('rp-always-stopped', 'always');
      run('rp-unless-stopped', 'unless-stopped');
      run('rp-onfail-stopped', 'on-failure:5');
      daemon.out(['stop', 'rp-always-stopped', 'rp-unless-stopped', 'rp-onfail-stopped']);
      await sleep(500); // a restart the policy scheduled (first delay 100 ms) would show now
      // While this daemon runs, a manual stop keeps every policy's container down.
      expect(running()).toEqual([
        'rp-always',
        'rp-no',
        'rp-onfail-clean',
        'rp-onfail-killed',
        'rp-unless',
      ]);

      await daemon.stop(); // SIGTERM, as `systemctl stop docker` does; no live-restore
      await daemon.start({ args: ['--storage-driver', firstDriver()] });

      // Restarts at daemon start may finish just after the API answers: wait for the
      // expected set (or time out), then give a late start a moment to show up.
      const expected = [
        'rp-always',
        'rp-always-stopped',
        'rp-onfail-killed',
        'rp-onfail-stopped',
        'rp-unless',
      ];
      const deadline = Date.now() + 10_000;
      while (Date.now() < deadline && running().join() !== expected.join()) await sleep(200);
      await sleep(1000);
      const after = running();

      // rp-unless-stopped-daemon, rp-policy-daemon-comeback: always and unless-stopped
      // containers that were running when the daemon stopped are started again.
      expect(after).toContain('rp-always');
      expect(after).toContain('rp-unless');
      // rp-policy-daemon-comeback: the default policy (no) never brings one back.
      expect(after).not.toContain('rp-no');
      // rp-policy-daemon-comeback: an on-failure container whose process exited 0 when the
      // daemon stopped it stays down: a daemon restart by itself is no failure...
      expect(after).not.toContain('rp-onfail-clean');
      // ...but on-failure judges the LAST EXIT CODE when the daemon starts: one that the
      // shutdown killed (137) is started again, although the docs say on-failure "doesn't
      // restart the container if the daemon restarts" (moby/moby#35166, #47846).
      expect(after).toContain('rp-onfail-killed');
      // The same holds for one stopped BY HAND (`docker stop` also ended in SIGKILL, 137):
      // a live daemon leaves it down, the next daemon start brings it back (moby#35166).
      // The lesson (restart-policies#daemon-restarts) teaches this, citing this test.
      expect(after).toContain('rp-onfail-stopped');
      // rp-always-manual-daemon: an always container stopped by hand IS started again.
      expect(after).toContain('rp-always-stopped');
      // rp-unless-stopped-manual-daemon: an unless-stopped one stopped by hand stays exited.
      expect(after).not.toContain('rp-unless-stopped');
      expect(after).toEqual(expected);

      // The exit codes the daemon kept, which the decisions above were based on.
      const state = (name: string) =>
        daemon.out(['inspect', '--format', '{{.State.Status}} {{.State.ExitCode}}', name]);
      expect(state('rp-onfail-clean')).toBe('exited 0');
      expect(state('rp-no')).toBe('exited 137');
      expect(state('rp-unless-stopped')).toBe('exited 137');
    } finally {
      daemon.docker(['rm', '-f', ...names]);
    }
  }, 45_000);

  it('sd-switch-driver-effect, sd-switch-back, sd-switch-order: switching the storage driver hides the old images and containers; switching back shows them again', async (ctx) => {
    if (firstDriver() === 'vfs')
      ctx.skip(`the daemon picked vfs on this filesystem; there is no other driver to switch to`);
    const imageId = daemon.out(['image', 'inspect', '--format', '{{.Id}}', BUSYBOX]);
    const boxId = daemon.out([
      'create',
      '--name',
      'sd-box',
      '--label',
      TEST_LABEL,
      '--network',
      'none',
      BUSYBOX,
      'sleep',
      '600',
    ]);
    // sd-switch-order step 1: save the images while the old driver can still read them.
    const archive = join(daemon.dir, 'images.tar');
    daemon.out(['save', '-o', archive, BUSYBOX]);

    // sd-switch-order steps 2-4: stop the daemon, set storage-driver in daemon.json, start.
    await daemon.stop();
    await daemon.start({ config: { 'storage-driver': 'vfs' } });
    // sd-switch-order step 5: docker info names the new driver.
    expect(daemon.driver()).toBe('vfs');
    // sd-switch-driver-effect: neither the image nor the container is listed under vfs...
    expect(daemon.out(['images', '-q'])).toBe('');
    expect(daemon.out(['ps', '-aq'])).toBe('');
    expect(daemon.docker(['image', 'inspect', BUSYBOX]).status).not.toBe(0);
    // ...but nothing was converted or deleted: the old driver's folder is still there.
    expect(readdirSync(join(daemon.dataRoot, firstDriver())).length).toBeGreaterThan(0);

    // sd-switch-order step 6: the saved archive loads into the new driver.
    daemon.out(['load', '-i', archive]);
    expect(daemon.out(['image', 'inspect', '--format', '{{.Id}}', BUSYBOX])).toBe(imageId);
    // sd-switch-back: something made under vfs (an image tag and a container).
    daemon.out(['tag', BUSYBOX, 'sd-vfs-only:1']);
    daemon.out(['create', '--name', 'sd-vfs-box', '--network', 'none', BUSYBOX, 'true']);

    await daemon.stop();
    await daemon.start({ config: { 'storage-driver': firstDriver() } });
    expect(daemon.driver()).toBe(firstDriver());
    // sd-switch-driver-effect: back on the first driver, the old image and container are
    // listed again, with the same IDs, and still usable.
    expect(daemon.out(['images', '--format', '{{.Repository}}:{{.Tag}} {{.ID}}'])).toBe(
      `${BUSYBOX} ${imageId.replace('sha256:', '').slice(0, 12)}`,
    );
    expect(daemon.out(['ps', '-a', '--no-trunc', '--format', '{{.Names}} {{.ID}}'])).toBe(
      `sd-box ${boxId}`,
    );
    expect(daemon.out(['run', '--rm', '--network', 'none', BUSYBOX, 'echo', 'layers intact'])).toBe(
      'layers intact',
    );
    // sd-switch-back: what was made under vfs is now the hidden part.
    expect(daemon.docker(['image', 'inspect', 'sd-vfs-only:1']).status).not.toBe(0);
    expect(daemon.docker(['container', 'inspect', 'sd-vfs-box']).status).not.toBe(0);
  }, 45_000);
});
