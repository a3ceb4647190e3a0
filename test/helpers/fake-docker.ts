/**
 * A fake `docker` on PATH, ONLY for faults a real engine cannot be made to show on demand:
 * the CLI absent, the daemon down, the socket's permission denied, a call that hangs.
 * Everything else is tested against the real engine.
 */
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeTempDir } from './home.js';

export type Fault = 'absent' | 'daemon-down' | 'permission-denied' | 'hang';

const SCRIPTS: Record<Exclude<Fault, 'absent'>, string> = {
  // The real CLI's wording (docker 20.10-28) for each fault.
  'daemon-down': `#!/bin/sh
case "$1" in --version) echo "Docker version 28.2.2, build e6534b4"; exit 0;; esac
echo "Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?" >&2
exit 1
`,
  'permission-denied': `#!/bin/sh
echo "permission denied while trying to connect to the Docker daemon socket at unix:///var/run/docker.sock: Get \\"http://%2Fvar%2Frun%2Fdocker.sock/v1.24/version\\": dial unix /var/run/docker.sock: connect: permission denied" >&2
exit 1
`,
  hang: `#!/bin/sh
exec sleep 600
`,
};

/**
 * Returns an environment whose PATH finds the fake docker first (or, for 'absent', finds
 * no docker at all: PATH holds only an empty folder and node's own folder).
 */
export function fakeDockerEnv(fault: Fault): NodeJS.ProcessEnv {
  const dir = makeTempDir('dockdrill-fake-docker-');
  const bin = join(dir, 'bin');
  mkdirSync(bin);
  if (fault !== 'absent') {
    const file = join(bin, 'docker');
    writeFileSync(file, SCRIPTS[fault]);
    chmodSync(file, 0o755);
  }
  // The scripts need /bin/sh and sleep from /bin; for 'absent' PATH holds only the empty folder.
  const path = fault === 'absent' ? bin : `${bin}:/bin:/usr/bin`;
  return { ...process.env, PATH: path };
}
