/**
 * Real-engine helpers. `describeDocker` runs its tests only when an engine answers; with
 * DOCKDRILL_REQUIRE_DOCKER=1 (CI) a missing engine is a failing test instead of a skip.
 * `fixtures` creates labelled objects and always removes them after the file.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { afterAll, describe, it } from 'vitest';

export const TEST_LABEL = 'dockdrill.test=1';
export const BUSYBOX = 'busybox:1.36';

let cached: { ok: boolean; reason: string } | undefined;

export function engineStatus(): { ok: boolean; reason: string } {
  if (cached) return cached;
  const probe = spawnSync('docker', ['version', '--format', '{{.Server.Version}}'], {
    encoding: 'utf8',
    timeout: 10_000,
  });
  if (probe.error)
    cached = { ok: false, reason: `docker CLI not runnable: ${probe.error.message}` };
  else if (probe.status !== 0)
    cached = {
      ok: false,
      reason: `no Docker engine answers: ${probe.stderr.trim().split('\n')[0]}`,
    };
  else {
    const image = spawnSync('docker', ['image', 'inspect', BUSYBOX], { encoding: 'utf8' });
    cached =
      image.status === 0
        ? { ok: true, reason: '' }
        : { ok: false, reason: `${BUSYBOX} is missing: run scripts/make-lab-images.sh` };
  }
  return cached;
}

export const requireDocker = process.env.DOCKDRILL_REQUIRE_DOCKER === '1';

/** A describe block for tests that need the real engine. */
export function describeDocker(name: string, body: () => void): void {
  const status = engineStatus();
  if (status.ok) describe(name, body);
  else describeUnavailable(name, status.reason, 'needs a Docker engine');
}

/**
 * describeDocker for tests with one more need (root, a tool such as openssl): `missing`
 * says what is missing, or is undefined when nothing is.
 */
export function describeDockerNeeding(
  name: string,
  missing: string | undefined,
  body: () => void,
): void {
  if (missing) describeUnavailable(name, missing, `cannot run here: ${missing}`);
  else describeDocker(name, body);
}

/** Stands in for a block that cannot run: a failure under DOCKDRILL_REQUIRE_DOCKER=1, else a skip. */
export function describeUnavailable(name: string, reason: string, needs: string): void {
  describe(name, () => {
    if (requireDocker)
      it(`${needs} (DOCKDRILL_REQUIRE_DOCKER=1)`, () => {
        throw new Error(reason);
      });
    else it.skipIf(true)(`skipped: ${reason}`, () => {});
  });
}

export function docker(args: readonly string[], input?: string): string {
  return execFileSync('docker', args, {
    encoding: 'utf8',
    input,
    stdio: ['pipe', 'pipe', 'pipe'],
  }).trim();
}

export function dockerMaybe(args: readonly string[]): {
  status: number;
  stdout: string;
  stderr: string;
} {
  const r = spawnSync('docker', args, { encoding: 'utf8' });
  return { status: r.status ?? -1, stdout: r.stdout.trim(), stderr: r.stderr.trim() };
}

/** Unique, Docker-valid names for this test run. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
}

/**
 * Tracks what a test file creates so it is removed even when a test fails.
 * Everything is also labelled dockdrill.test=1 where docker allows a label.
 */
export function useDockerFixtures() {
  const containers = new Set<string>();
  const images = new Set<string>();
  afterAll(() => {
    if (containers.size) dockerMaybe(['rm', '-f', '-v', ...containers]);
    if (images.size) dockerMaybe(['rmi', '-f', ...images]);
  });
  return {
    container(
      name: string,
      args: readonly string[] = ['sleep', '600'],
      runFlags: readonly string[] = [],
    ): string {
      containers.add(name);
      docker(['run', '-d', '--label', TEST_LABEL, '--name', name, ...runFlags, BUSYBOX, ...args]);
      return name;
    },
    trackContainer(name: string): void {
      containers.add(name);
    },
    tag(target: string, source = BUSYBOX): string {
      images.add(target);
      docker(['tag', source, target]);
      return target;
    },
    trackImage(name: string): void {
      images.add(name);
    },
  };
}
