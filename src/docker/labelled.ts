/**
 * Objects that carry a label, one docker call per object type. Lab cleanup uses this to
 * find what it created without guessing from names.
 */
import type { DockerRunner, RunOptions } from './run.js';

export interface LabelledObject {
  /** Full or short id as docker lists it. */
  readonly id: string;
  /** Container name, image `repo:tag` list, volume or network name. */
  readonly names: readonly string[];
}

export type LabelledType = 'container' | 'image' | 'volume' | 'network';

const LIST_ARGS: Record<LabelledType, readonly string[]> = {
  container: ['ps', '-a', '--no-trunc'],
  image: ['images', '--no-trunc'],
  volume: ['volume', 'ls'],
  network: ['network', 'ls', '--no-trunc'],
};

/** Lists objects of one type whose label `key` equals `value` (exact match). */
export async function listLabelled(
  run: DockerRunner,
  type: LabelledType,
  label: string,
  options: RunOptions = {},
): Promise<LabelledObject[]> {
  const result = await run(
    [...LIST_ARGS[type], '--filter', `label=${label}`, '--format', '{{json .}}'],
    options,
  );
  const byId = new Map<string, { id: string; names: string[] }>();
  for (const line of result.stdout.split('\n')) {
    if (!line.trim().startsWith('{')) continue;
    const raw = JSON.parse(line) as Record<string, string | undefined>;
    if (type === 'image') {
      const id = raw.ID ?? '';
      const entry = byId.get(id) ?? { id, names: [] };
      if (raw.Repository && raw.Repository !== '<none>' && raw.Tag && raw.Tag !== '<none>')
        entry.names.push(`${raw.Repository}:${raw.Tag}`);
      byId.set(id, entry);
    } else if (type === 'volume') {
      const name = raw.Name ?? '';
      byId.set(name, { id: name, names: [name] });
    } else {
      const id = raw.ID ?? '';
      byId.set(id, { id, names: (raw.Names ?? raw.Name ?? '').split(',').filter(Boolean) });
    }
  }
  return [...byId.values()];
}
