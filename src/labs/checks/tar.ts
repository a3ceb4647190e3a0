/**
 * Tells a `docker save` archive from a `docker export` one by reading tar headers only
 * (ustar, 512-byte blocks), skipping file contents, so a 500 MB image tar costs a few
 * reads. No dependency: the tar format is small enough to read here.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

const BLOCK = 512;

export type TarKind = 'save' | 'export' | 'unknown';

export interface TarSummary {
  readonly kind: TarKind;
  /** Up to `limit` entry names, normalised (no leading `./`). */
  readonly entries: readonly string[];
  /** Why we decided so, in words, for the failure message. */
  readonly reason: string;
}

export class NotATarError extends Error {
  override readonly name = 'NotATarError';
}

function cString(buf: Buffer, start: number, length: number): string {
  const slice = buf.subarray(start, start + length);
  const end = slice.indexOf(0);
  return slice.subarray(0, end === -1 ? slice.length : end).toString('utf8');
}

function octal(buf: Buffer, start: number, length: number): number {
  // GNU base-256 for sizes over 8 GiB: high bit of the first byte set.
  const first = buf[start] ?? 0;
  if (first & 0x80) {
    let value = 0;
    for (let i = start + 1; i < start + length; i++) value = value * 256 + (buf[i] ?? 0);
    return value;
  }
  const text = cString(buf, start, length).trim();
  return text ? parseInt(text, 8) : 0;
}

function checksumOk(header: Buffer): boolean {
  const stored = octal(header, 148, 8);
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 32 : (header[i] ?? 0);
  return sum === stored;
}

function parsePaxPath(data: Buffer): string | undefined {
  // Records are "<len> key=value\n".
  let offset = 0;
  let path: string | undefined;
  while (offset < data.length) {
    const space = data.indexOf(32, offset);
    if (space === -1) break;
    const length = parseInt(data.subarray(offset, space).toString('utf8'), 10);
    if (!length) break;
    const record = data.subarray(space + 1, offset + length - 1).toString('utf8');
    const eq = record.indexOf('=');
    if (record.slice(0, eq) === 'path') path = record.slice(eq + 1);
    offset += length;
  }
  return path;
}

/** Entry names of a tar file, reading headers only. Throws NotATarError for anything else. */
export function listTarEntries(file: string, limit = 10_000): string[] {
  const fd = openSync(file, 'r');
  try {
    const size = fstatSync(fd).size;
    const header = Buffer.alloc(BLOCK);
    const names: string[] = [];
    let position = 0;
    let longName: string | undefined;
    while (position + BLOCK <= size && names.length < limit) {
      readSync(fd, header, 0, BLOCK, position);
      if (header.every((byte) => byte === 0)) break; // end-of-archive marker
      if (!checksumOk(header)) {
        if (position === 0) throw new NotATarError(`${file} is not a tar archive`);
        break;
      }
      const entrySize = octal(header, 124, 12);
      const type = String.fromCharCode(header[156] ?? 48);
      const dataStart = position + BLOCK;
      position = dataStart + Math.ceil(entrySize / BLOCK) * BLOCK;
      if (type === 'L' || type === 'x') {
        const data = Buffer.alloc(entrySize);
        readSync(fd, data, 0, entrySize, dataStart);
        longName = type === 'L' ? cString(data, 0, entrySize) : (parsePaxPath(data) ?? longName);
        continue;
      }
      if (type === 'g') continue;
      const magic = cString(header, 257, 6);
      const prefix = magic.startsWith('ustar') ? cString(header, 345, 155) : '';
      const base = cString(header, 0, 100);
      const name = longName ?? (prefix ? `${prefix}/${base}` : base);
      longName = undefined;
      names.push(name.replace(/^\.\//, ''));
    }
    if (names.length === 0 && size > 0 && position === 0)
      throw new NotATarError(`${file} is not a tar archive`);
    return names;
  } finally {
    closeSync(fd);
  }
}

const ROOTFS_DIRS = [
  'bin',
  'etc',
  'usr',
  'lib',
  'sbin',
  'var',
  'dev',
  'proc',
  'sys',
  'tmp',
  'root',
  'home',
];

/** Classifies entry names: image archive (save) or container filesystem (export). */
export function classifyTarEntries(entries: readonly string[]): TarSummary {
  const names = entries.filter((name) => name !== '' && name !== '.');
  const top = new Set(names.map((name) => name.split('/')[0] ?? ''));
  const has = (name: string) => names.includes(name);
  const sample = names.slice(0, 50);
  if (has('manifest.json') || (has('index.json') && has('oci-layout'))) {
    return {
      kind: 'save',
      entries: sample,
      reason: has('manifest.json')
        ? 'has manifest.json'
        : 'is an OCI image layout (index.json, oci-layout)',
    };
  }
  if (
    names.some((name) => /^[0-9a-f]{64}\/layer\.tar$/.test(name)) ||
    names.some((name) => name.startsWith('blobs/sha256/'))
  ) {
    return {
      kind: 'save',
      entries: sample,
      reason: 'holds image layers (layer.tar or blobs/sha256)',
    };
  }
  const rootDirs = ROOTFS_DIRS.filter((dir) => top.has(dir));
  if (rootDirs.length >= 2 || has('.dockerenv')) {
    return {
      kind: 'export',
      entries: sample,
      reason: `is a root filesystem (${rootDirs.map((d) => `${d}/`).join(', ') || '.dockerenv'})`,
    };
  }
  return {
    kind: 'unknown',
    entries: sample,
    reason: `neither an image archive nor a root filesystem (top level: ${[...top].slice(0, 6).join(', ') || 'empty'})`,
  };
}

export function inspectTar(file: string): TarSummary {
  return classifyTarEntries(listTarEntries(file));
}
