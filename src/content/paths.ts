/**
 * Where content lives: the course bundled with dockdrill (the package's own lessons/ and
 * quizzes/), and optionally an instructor's pack from --content or DOCKDRILL_CONTENT.
 */
import { existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { packName } from './namespace.js';

/** The package root, found by walking up from this file to the folder with package.json. */
export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'lessons'))) return dir;
    dir = dirname(dir);
  }
  return resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
}

export interface ContentRoot {
  /** Absolute folder holding lessons/ and quizzes/. */
  readonly dir: string;
  /** '' for the bundled course; a short pack name otherwise (used to namespace ids). */
  readonly pack: string;
}

export function bundledRoot(): ContentRoot {
  return { dir: packageRoot(), pack: '' };
}

/** The content root of an instructor's pack folder, named after the folder. */
export function packRoot(dir: string): ContentRoot {
  const absolute = resolve(dir);
  return { dir: absolute, pack: packName(absolute) };
}

/** Why `dir` cannot be loaded as a course pack, or undefined when it can. */
export function packProblem(dir: string): string | undefined {
  const absolute = resolve(dir);
  if (!existsSync(absolute)) return `${absolute} does not exist`;
  if (!statSync(absolute).isDirectory()) return `${absolute} is not a folder`;
  if (!existsSync(join(absolute, 'lessons')) && !existsSync(join(absolute, 'quizzes')))
    return `${absolute} is not a course pack: it has neither lessons/ nor quizzes/`;
  return undefined;
}
