/** The hostile course packs of test/fixtures/hostile-packs, copied fresh for each test. */
import { cpSync, existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { makeTempDir } from './home.js';

export const HOSTILE_PACKS = resolve(import.meta.dirname, '../fixtures/hostile-packs');

/** A fresh copy of a hostile pack (tests never run the fixture folder itself). */
export function copyPack(name: string): string {
  const dir = join(makeTempDir('dockdrill-hostile-'), name);
  cpSync(join(HOSTILE_PACKS, name), dir, { recursive: true });
  return dir;
}

/** Every file named `name` below `dir`. */
export function findFiles(dir: string, name: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((path) => path.split('/').pop() === name)
    .map((path) => join(dir, path));
}
