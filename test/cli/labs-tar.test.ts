import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  classifyTarEntries,
  inspectTar,
  listTarEntries,
  NotATarError,
} from '../../src/labs/checks/tar.js';
import { useTempHome } from '../helpers/home.js';

/** Builds a tar with the system tar from a map of path -> content. */
function makeTar(
  dir: string,
  name: string,
  files: Record<string, string>,
  format = 'ustar',
): string {
  const src = join(dir, `${name}-src`);
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(src, path, '..'), { recursive: true });
    writeFileSync(join(src, path), content);
  }
  const out = join(dir, `${name}.tar`);
  execFileSync('tar', [`--format=${format}`, '-cf', out, '-C', src, ...Object.keys(files)]);
  return out;
}

const layerDir = 'a'.repeat(64);

describe('tar header reader', () => {
  const home = useTempHome();

  it('lists entries of a ustar archive, with long names through the prefix field', () => {
    const long = `${'deep/'.repeat(25)}file.txt`; // longer than 100 characters
    const file = makeTar(home(), 'plain', { 'a.txt': 'x'.repeat(1500), [long]: 'y' });
    expect(listTarEntries(file)).toEqual(['a.txt', long]);
  });

  it('reads GNU long names and pax paths', () => {
    const long = `${'n'.repeat(150)}/file.txt`;
    expect(listTarEntries(makeTar(home(), 'gnu', { [long]: 'z' }, 'gnu'))).toContain(long);
    expect(listTarEntries(makeTar(home(), 'pax', { [long]: 'z' }, 'pax'))).toContain(long);
  });

  it('tells a docker save archive from a docker export one', () => {
    const save = makeTar(home(), 'save', {
      'manifest.json': '[]',
      [`${layerDir}/layer.tar`]: '',
      repositories: '{}',
    });
    expect(inspectTar(save)).toMatchObject({ kind: 'save', reason: 'has manifest.json' });
    const oci = makeTar(home(), 'oci', {
      'index.json': '{}',
      'oci-layout': '{}',
      [`blobs/sha256/${layerDir}`]: '',
    });
    expect(inspectTar(oci).kind).toBe('save');
    const exported = makeTar(home(), 'export', {
      '.dockerenv': '',
      'bin/sh': '',
      'etc/passwd': 'root',
    });
    expect(inspectTar(exported)).toMatchObject({ kind: 'export' });
    expect(inspectTar(exported).reason).toContain('bin/');
    const other = makeTar(home(), 'other', { 'notes.txt': 'hi' });
    expect(inspectTar(other).kind).toBe('unknown');
  });

  it('classifies old-style layer folders without a manifest as save', () => {
    expect(
      classifyTarEntries([`${layerDir}/`, `${layerDir}/layer.tar`, `${layerDir}/json`]).kind,
    ).toBe('save');
  });

  it('refuses a file that is not a tar', () => {
    const file = join(home(), 'not.tar');
    writeFileSync(file, 'hello, this is plain text\n'.repeat(100));
    expect(() => listTarEntries(file)).toThrow(NotATarError);
  });
});
