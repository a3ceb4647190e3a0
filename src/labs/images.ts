/**
 * Makes sure the images a lab needs are there: one batched inspect, then `docker pull` for
 * the missing ones with line-by-line progress. When a pull fails (offline, a proxy, a
 * typo) the error says how to bring the image in as a tarball with `docker load`.
 */
import type { Docker } from '../docker/index.js';
import { DockerError } from '../docker/errors.js';

export interface ImageStatus {
  readonly image: string;
  readonly status: 'present' | 'pulled';
}

export interface PullProgress {
  readonly image: string;
  /** One line of `docker pull` output, e.g. `Status: Downloaded newer image for ...`. */
  readonly line: string;
}

export class LabImageError extends Error {
  override readonly name = 'LabImageError';
  constructor(
    readonly image: string,
    readonly reason: string,
  ) {
    const file = `${image.replace(/[/:@]+/g, '-')}.tar`;
    super(
      [
        `The lab needs the image ${image}, which is not on this engine, and pulling it failed: ${reason}`,
        'If this machine is offline, bring the image in as a file:',
        `  on a machine with internet:  docker pull ${image} && docker save -o ${file} ${image}`,
        `  copy ${file} here, then:     docker load -i ${file}`,
      ].join('\n'),
    );
  }
}

export async function ensureImages(
  docker: Pick<Docker, 'inspect' | 'stream'>,
  images: readonly string[],
  options: { onProgress?: (progress: PullProgress) => void; signal?: AbortSignal } = {},
): Promise<ImageStatus[]> {
  if (images.length === 0) return [];
  const batch = await docker.inspect('image', images, { signal: options.signal });
  const out: ImageStatus[] = [];
  for (const image of images) {
    if (batch.found.has(image)) {
      out.push({ image, status: 'present' });
      continue;
    }
    try {
      const result = await docker.stream(['pull', image], {
        signal: options.signal,
        reject: false,
        onLine: (line) => options.onProgress?.({ image, line }),
      });
      if (result.cancelled)
        throw new DockerError('cancelled', `pulling ${image} was cancelled`, 'Nothing to do.', [
          'pull',
          image,
        ]);
      if (result.exitCode !== 0)
        throw new LabImageError(
          image,
          result.stderr.trim().split('\n').pop() || `exit code ${result.exitCode}`,
        );
    } catch (error) {
      if (
        error instanceof LabImageError ||
        (error instanceof DockerError && error.kind !== 'command-failed')
      )
        throw error;
      throw new LabImageError(image, (error as Error).message);
    }
    out.push({ image, status: 'pulled' });
  }
  return out;
}
