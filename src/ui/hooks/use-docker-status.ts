import { useEffect, useState } from 'react';
import { DockerError, type Docker } from '../../docker/index.js';

export type DockerStatus =
  | { readonly state: 'checking' }
  | { readonly state: 'ok'; readonly version: string }
  | { readonly state: 'down'; readonly reason: string };

/** Asks the daemon for its version once, after the first frame, without blocking input. */
export function useDockerStatus(docker: Docker): DockerStatus {
  const [status, setStatus] = useState<DockerStatus>({ state: 'checking' });
  useEffect(() => {
    const controller = new AbortController();
    docker
      .run(['version', '--format', '{{.Server.Version}}'], {
        timeoutMs: 8000,
        signal: controller.signal,
      })
      .then(
        (result) => setStatus({ state: 'ok', version: versionText(result.stdout) }),
        (error: unknown) => {
          if (controller.signal.aborted) return;
          const reason = error instanceof DockerError ? shortReason(error) : 'not reachable';
          setStatus({ state: 'down', reason });
        },
      );
    return () => controller.abort();
  }, [docker]);
  return status;
}

function shortReason(error: DockerError): string {
  switch (error.kind) {
    case 'not-installed':
      return 'CLI not installed';
    case 'permission-denied':
      return 'permission denied';
    case 'timed-out':
      return 'not answering';
    default:
      return 'daemon not reachable';
  }
}

/**
 * The version as one short line. A docker that prints garbage (a broken wrapper, a wrong
 * binary) must not fill the home screen: anything that is not a version is said so.
 */
export function versionText(stdout: string): string {
  const first = stdout.trim().split('\n')[0]?.trim() ?? '';
  return /^\d+\.\d+[\w.+~-]{0,40}$/.test(first) ? first : '(unrecognised version output)';
}
