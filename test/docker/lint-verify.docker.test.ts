import { resolve } from 'node:path';
import { expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { describeDocker, dockerMaybe } from '../helpers/docker.js';

describeDocker('dockdrill lint --verify', () => {
  it('proves a right key, flags a contradicted one at its Verify line, and leaves nothing behind', () => {
    const result = runCli([
      'lint',
      '--verify',
      resolve(import.meta.dirname, '../fixtures/verify-course'),
    ]);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/verify 1\/2 ✓ vf-cmd-right/);
    expect(result.stderr).toMatch(/verify 2\/2 ✗ vf-cmd-wrong-key/);
    expect(result.stdout).toMatch(
      /01-verify\.quiz\.md:45: error: Verify of "vf-cmd-wrong-key" contradicts the key: image ddv-vf-wrong: Config\.Cmd is \["echo","hi"\], expected/,
    );
    expect(result.stdout).not.toMatch(/vf-cmd-right" contradicts/);
    expect(result.stdout).toMatch(/2 Verify probes run \(1 failed\)/);
    for (const name of ['ddv-vf-right', 'ddv-vf-wrong'])
      expect(dockerMaybe(['image', 'inspect', name]).status).not.toBe(0);
  });

  it('every Verify probe of the bundled course passes on this engine', () => {
    const result = runCli(['lint', '--verify'], process.env, undefined, 880_000);
    expect(result.stdout).toMatch(/Verify probes run \(0 failed\) — 0 errors/);
    expect(result.status).toBe(0);
  }, 900_000);
});
