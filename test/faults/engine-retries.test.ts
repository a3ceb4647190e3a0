/**
 * Engine faults that pass if tried again, seen in CI and shown here with a fake docker
 * (a real engine cannot be made to do them on cue):
 * - a push that hangs (registry:2; the same push run again finished at once) is tried
 *   again by the lab engine; other steps are not;
 * - cleanup meeting a container docker is already removing (a `run` check's --rm
 *   container that just exited) tries again instead of reporting it left behind.
 */
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { DockerTimeoutError } from '../../src/docker/errors.js';
import { Docker } from '../../src/docker/index.js';
import { cleanup } from '../../src/labs/cleanup.js';
import { Journal } from '../../src/labs/journal.js';
import { runStep } from '../../src/labs/steps.js';
import { makeTempDir } from '../helpers/home.js';

/**
 * A fake docker that logs each call's arguments, runs `first` (shell) for the first call and
 * `later` for every other one. By default the first call hangs and later ones answer at once.
 */
function fakeDocker(
  dir: string,
  { first = 'exec sleep 30', later = 'echo done' }: { first?: string; later?: string } = {},
): { docker: Docker; calls: () => string[] } {
  const log = join(dir, 'calls.log');
  const bin = join(dir, 'docker');
  writeFileSync(log, '');
  writeFileSync(
    bin,
    `#!/bin/sh
# Credential steps first ask which context is current (see docker/endpoint.ts): the default.
case "$1" in context) echo '{"Name":"default","Endpoints":{"docker":{"Host":"unix:///var/run/docker.sock"}}}'; exit 0;; esac
echo "$*" >> "${log}"
if [ "$(grep -c '' "${log}")" -eq 1 ]; then
  ${first}
fi
${later}
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
  // Both tries with the step's private client config (see clientConfigDir).
  const push = `--config ${dir}.docker-config push 127.0.0.1:15070/psl/app:2.0`;
  expect(calls()).toEqual([push, push]);
}, 20_000);

it('any other step that hangs fails with the timeout, tried once', async () => {
  const dir = makeTempDir('dockdrill-retry-');
  const { docker, calls } = fakeDocker(dir);
  const failed = await step(docker, ['tag', 'a:1', 'b:1'], dir).catch((e: unknown) => e);
  expect(failed).toBeInstanceOf(DockerTimeoutError);
  expect(calls()).toEqual(['tag a:1 b:1']);
}, 20_000);

it('cleanup tries again a container whose removal is already in progress', async () => {
  const { docker, calls } = fakeDocker(makeTempDir('dockdrill-retry-'), {
    first: `echo "Error response from daemon: removal of container abc123 is already in progress" >&2; exit 1`,
    later: `echo "Error: No such container: abc123" >&2; exit 1`,
  });
  const report = await cleanup(docker, {
    labId: 'retry-lab',
    items: [{ kind: 'container', name: 'check-box', target: 'abc123', reasons: ['label'] }],
  });
  expect(report.failed).toEqual([]);
  expect(report.removed.map((item) => item.name)).toEqual(['check-box']);
  expect(calls()).toEqual(['rm -f -v abc123', 'rm -f -v abc123']);
}, 20_000);
