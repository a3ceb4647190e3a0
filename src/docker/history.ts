/**
 * `docker image history` as data: one call per image, newest layer first, with the full
 * (untruncated) CreatedBy text.
 */
import type { DockerRunner, RunOptions } from './run.js';
import { DockerCommandError } from './errors.js';

export interface HistoryRow {
  readonly id: string;
  readonly createdBy: string;
  readonly createdAt: string;
  readonly size: string;
  readonly comment: string;
}

/** Rows of the image's history, or undefined when there is no such image. */
export async function imageHistory(
  run: DockerRunner,
  ref: string,
  options: RunOptions = {},
): Promise<HistoryRow[] | undefined> {
  const args = ['image', 'history', '--no-trunc', '--format', '{{json .}}', ref];
  const result = await run(args, { ...options, reject: false });
  if (result.exitCode !== 0) {
    if (/no such image|not found/i.test(result.stderr)) return undefined;
    throw new DockerCommandError(args, result.stderr, result.exitCode);
  }
  return result.stdout
    .split('\n')
    .filter((line) => line.trim().startsWith('{'))
    .map((line) => {
      const raw = JSON.parse(line) as Record<string, string | undefined>;
      return {
        id: raw.ID ?? '',
        createdBy: raw.CreatedBy ?? '',
        createdAt: raw.CreatedAt ?? '',
        size: raw.Size ?? '',
        comment: raw.Comment ?? '',
      };
    });
}
