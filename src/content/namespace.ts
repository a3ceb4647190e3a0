/**
 * Course-pack namespacing, in one place. Ids written in a pack (lessons, questions, labs)
 * are qualified as `<pack>/<id>` when loaded, so a pack can reuse any id of the bundled
 * course (or of another pack) without a clash; the bundled course (pack '') keeps its ids,
 * so its progress keys never change. Refs written inside a pack (`ref: lesson#slug`,
 * `lesson: id`, `lesson:id#slug` links) resolve first within the same pack, then against
 * the bundled course.
 */
import { basename } from 'node:path';
import type { ContentRoot } from './paths.js';

/** Between a pack name and an id: `docker-101/intro`. Content ids never contain it. */
export const PACK_SEPARATOR = '/';

/** A pack's name: its folder's basename, slugified (`/home/t/Docker 101` -> `docker-101`). */
export function packName(dir: string): string {
  const slug = basename(dir)
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return slug || 'pack';
}

/** The id as the rest of dockdrill knows it: unchanged for the bundled course. */
export function qualify(root: Pick<ContentRoot, 'pack'>, id: string): string {
  return root.pack ? `${root.pack}${PACK_SEPARATOR}${id}` : id;
}

/** The pack an id was loaded from ('' for the bundled course). */
export function packOf(id: string): string {
  const at = id.indexOf(PACK_SEPARATOR);
  return at === -1 ? '' : id.slice(0, at);
}

/**
 * Resolves a ref written in `root`'s content: `id`, `id#slug`, or either after `lesson:`.
 * In a pack, a lesson id the pack itself has (`hasLesson` answers for qualified ids) becomes
 * `<pack>/<id>`; anything else is left as written, so it names a bundled lesson (or nothing,
 * which lint reports). Already-qualified refs are left alone.
 */
export function resolveIn(
  root: Pick<ContentRoot, 'pack'>,
  ref: string,
  hasLesson: (qualifiedId: string) => boolean,
): string {
  if (!root.pack) return ref;
  const prefix = ref.startsWith('lesson:') ? 'lesson:' : '';
  const bare = ref.slice(prefix.length);
  const hash = bare.indexOf('#');
  const id = hash === -1 ? bare : bare.slice(0, hash);
  if (id === '' || id.includes(PACK_SEPARATOR)) return ref;
  const qualified = qualify(root, id);
  return hasLesson(qualified) ? `${prefix}${qualified}${bare.slice(id.length)}` : ref;
}

/** An id as one folder name (`docker-101/my-lab` -> `docker-101__my-lab`): no nested dirs. */
export function pathSegment(id: string): string {
  return id.split(PACK_SEPARATOR).join('__');
}
