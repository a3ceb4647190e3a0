/**
 * A push that hangs (seen with registry:2 in CI: the same push run again finished at once)
 * is tried again by the lab engine; other steps are not. A real engine cannot be made to
 * hang on cue, so a fake docker on PATH does: it sleeps on its first push only.
 */
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { DockerTimeoutError } from '../../src/docker/errors.js';
import { Docker } from '../../src/docker/index.js';
import { Journal } from '../../src/labs/journal.js';
import { runStep } from '../../src/labs/steps.js';
import { makeTempDir } from '../helpers/home.js';

function fakeDocker(dir: string): { docker: Docker; calls: () => string[] } {
  const log = join(dir, 'calls.log');
  const bin = join(dir, 'docker');
  writeFileSync(log, '');
  writeFileSync(
    bin,
    `#!/bin/sh
echo "$*" >> "${log}"
n=$(grep -c '' "${log}")
# The first call hangs, whatever it is; later ones answer at once.
[ "$n" -eq 1 ] && exec sleep 30
echo done
`,
  );
  chmodSync(bin, 0o755);
  return {
    docker: new Docker({ bin }),
    calls: () => readFileSync(log, 'utf8').split('\n').filter(Boolean),
  };
}

const step = (docker: Docker, argv: string[], dir: string) =>
  runStep(docker, argv, {
    labId: 'retry-lab',
    cwd: dir,
    journal: Journal.open(dir, 'retry-lab'),
    onExisting: 'skip',
    timeoutMs: 800,
  });

it('a push that hangs is tried again and the step succeeds', async () => {
  const dir = makeTempDir('dockdrill-retry-');
  const { docker, calls } = fakeDocker(dir);
  const outcome = await step(docker, ['push', '127.0.0.1:15070/psl/app:2.0'], dir);
  expect(outcome.stdout.trim()).toBe('done');
  expect(calls()).toEqual(['push 127.0.0.1:15070/psl/app:2.0', 'push 127.0.0.1:15070/psl/app:2.0']);
}, 20_000);

it('any other step that hangs fails with the timeout, tried once', async () => {
  const dir = makeTempDir('dockdrill-retry-');
  const { docker, calls } = fakeDocker(dir);
  const failed = await step(docker, ['tag', 'a:1', 'b:1'], dir).catch((e: unknown) => e);
  expect(failed).toBeInstanceOf(DockerTimeoutError);
  expect(calls()).toEqual(['tag a:1 b:1']);
}, 20_000);
