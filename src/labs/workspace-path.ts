/**
 * Paths inside a lab workspace, symlinks included. Content names workspace-relative paths
 * (solution file blocks, Verify files, `file` checks, bind mounts, `save -o`); a container
 * with the workspace bind-mounted can leave a symlink there that points anywhere on the
 * host, so a path is inside only when its REAL location is: every part of it that exists is
 * resolved, and a dangling symlink counts as outside.
 */
import { lstatSync, realpathSync } from 'node:fs';
import { dirname, resolve, sep } from 'node:path';

export class WorkspacePathError extends Error {
  override readonly name = 'WorkspacePathError';
}

function isInside(root: string, path: string): boolean {
  return path === root || path.startsWith(root + sep);
}

function exists(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * The absolute path of `path` in `workspace`; throws WorkspacePathError when it leaves
 * the workspace, by `..`, an absolute path or a symlink.
 */
export function workspaceFile(workspace: string, path: string): string {
  const root = resolve(workspace);
  const full = resolve(root, path);
  if (!isInside(root, full)) throw new WorkspacePathError(`path "${path}" leaves the workspace`);
  if (!exists(root)) return full;
  const realRoot = realpathSync(root);
  // The deepest part of the path that exists (a symlink counts, dangling or not).
  let existing = full;
  while (!exists(existing) && existing !== root) existing = dirname(existing);
  let real: string;
  try {
    real = realpathSync(existing);
  } catch {
    throw new WorkspacePathError(`path "${path}" goes through a broken symlink`);
  }
  if (!isInside(realRoot, real))
    throw new WorkspacePathError(`path "${path}" leads outside the workspace through a symlink`);
  return full;
}
