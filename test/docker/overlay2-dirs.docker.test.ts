/**
 * Where a container's writes land with overlay2, read from the host's /var/lib/docker. A
 * Verify probe cannot look there (it runs docker commands only, and the folder is root's).
 *
 * Backs quizzes/05-image-layers.quiz.md: layers-upperdir-role (a new file, a copy-up of
 * a changed file and the whiteout of a deleted one all go to UpperDir; the image's
 * LowerDir layers do not change).
 *
 * Needs root and an engine on overlay2; skips with the reason otherwise, or fails when
 * DOCKDRILL_REQUIRE_DOCKER=1.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import {
  BUSYBOX,
  describeDockerNeeding,
  docker,
  dockerMaybe,
  engineStatus,
  TEST_LABEL,
  uniqueName,
} from '../helpers/docker.js';

function unavailable(): string | undefined {
  if (process.getuid?.() !== 0) return 'reading /var/lib/docker needs root';
  if (!engineStatus().ok) return undefined; // describeDocker reports it
  const driver = spawnSync('docker', ['info', '--format', '{{.Driver}}'], { encoding: 'utf8' });
  if (driver.stdout.trim() !== 'overlay2')
    return `the engine uses ${driver.stdout.trim() || 'an unknown driver'}, not overlay2`;
  return undefined;
}

const reason = unavailable();

describeDockerNeeding('overlay2: where a container writes', reason, () => {
  const name = uniqueName('ddt-upperdir');
  afterAll(() => {
    dockerMaybe(['rm', '-f', '-v', name]);
  });

  it('layers-upperdir-role: new files, copy-ups and whiteouts go to UpperDir; LowerDir stays as it was', () => {
    const script =
      'echo new > /new.txt; echo changed >> /etc/group; rm /etc/passwd; touch /ready; sleep 600';
    docker(['run', '-d', '--name', name, '--label', TEST_LABEL, BUSYBOX, 'sh', '-c', script]);
    for (let i = 0; i < 50 && dockerMaybe(['exec', name, 'test', '-e', '/ready']).status !== 0; i++)
      spawnSync('sleep', ['0.1']);
    const data = JSON.parse(
      docker(['inspect', '--format', '{{json .GraphDriver.Data}}', name]),
    ) as {
      LowerDir: string;
      UpperDir: string;
      MergedDir: string;
      WorkDir: string;
    };
    const upper = data.UpperDir;
    // The new file, with its content.
    expect(readFileSync(join(upper, 'new.txt'), 'utf8')).toBe('new\n');
    // The changed file was copied up whole, then changed.
    expect(readFileSync(join(upper, 'etc', 'group'), 'utf8')).toMatch(
      /^root:x:0:\n[\s\S]*changed\n$/,
    );
    // The deleted file is a whiteout: a character device 0:0 hiding the lower copy.
    const whiteout = statSync(join(upper, 'etc', 'passwd'));
    expect(whiteout.isCharacterDevice()).toBe(true);
    expect(whiteout.rdev).toBe(0);

    // The image's layers (LowerDir, a colon-separated list) still have the originals.
    const lowers = data.LowerDir.split(':');
    const inLower = (path: string) => lowers.map((dir) => join(dir, path)).find(existsSync);
    const group = inLower('etc/group');
    expect(group).toBeDefined();
    expect(readFileSync(group!, 'utf8')).not.toContain('changed');
    expect(statSync(inLower('etc/passwd')!).isFile()).toBe(true);
    expect(inLower('new.txt')).toBeUndefined();

    // MergedDir is the container's view: the union, with the whiteout applied.
    expect(existsSync(join(data.MergedDir, 'new.txt'))).toBe(true);
    expect(existsSync(join(data.MergedDir, 'etc', 'passwd'))).toBe(false);
  });
});
