/**
 * Batched inspect: many objects in ONE `docker inspect` call. Docker prints the objects it
 * found (as a JSON array) and one "No such object" line per missing name on stderr, then
 * exits 1; we return both halves instead of failing the batch.
 */
import type { DockerRunner, RunOptions } from './run.js';
import { DockerCommandError } from './errors.js';
import { tryParseReference } from './reference.js';

export type ObjectType = 'container' | 'image' | 'volume' | 'network';

export interface InspectBatch<T> {
  /** Found objects, keyed by the name or id that was asked for. */
  readonly found: ReadonlyMap<string, T>;
  /** Names docker reported as missing. */
  readonly missing: readonly string[];
}

/** The shapes of "not found" that docker clients and daemons of different versions print. */
const MISSING_PATTERNS = [
  /no such (?:object|image|container|volume|network): (\S+)$/i,
  /get (\S+): no such volume$/i,
  /network (\S+) not found$/i,
];

function missingName(line: string): string | undefined {
  for (const pattern of MISSING_PATTERNS) {
    const match = pattern.exec(line);
    if (match?.[1]) return match[1];
  }
  return undefined;
}

export async function inspectMany<T extends Record<string, unknown>>(
  run: DockerRunner,
  type: ObjectType,
  names: readonly string[],
  options: RunOptions = {},
): Promise<InspectBatch<T>> {
  const unique = [...new Set(names)];
  if (unique.length === 0) return { found: new Map(), missing: [] };
  // `docker inspect --type X` accepts several names and keeps going past missing ones.
  const result = await run(['inspect', '--type', type, ...unique], { ...options, reject: false });
  const missingNames = new Set<string>();
  const otherErrors: string[] = [];
  for (const line of result.stderr
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)) {
    const name = missingName(line);
    if (name) missingNames.add(name);
    else otherErrors.push(line);
  }
  if (result.exitCode !== 0 && otherErrors.length > 0 && missingNames.size === 0) {
    throw new DockerCommandError(
      ['inspect', '--type', type, ...unique],
      result.stderr,
      result.exitCode,
    );
  }
  const objects = result.stdout.trim() ? (JSON.parse(result.stdout) as T[]) : [];
  return matchObjects(type, unique, objects, missingNames);
}

/**
 * Docker returns found objects in request order, skipping the missing ones, so walk the
 * request list and pair each present name with the next object.
 */
function matchObjects<T extends Record<string, unknown>>(
  type: ObjectType,
  asked: readonly string[],
  objects: readonly T[],
  missingNames: ReadonlySet<string>,
): InspectBatch<T> {
  // Docker may name a missing image in another spelling than was asked
  // (`docker.io/library/x:1` is reported as `x:1`): compare canonical forms too.
  const canonicalMissing = new Set([...missingNames].map((name) => canonical(type, name)));
  const found = new Map<string, T>();
  const missing: string[] = [];
  let next = 0;
  for (const name of asked) {
    if (missingNames.has(name) || canonicalMissing.has(canonical(type, name))) {
      missing.push(name);
      continue;
    }
    const object = objects[next++];
    if (object) found.set(name, object);
    else missing.push(name);
  }
  return { found, missing };
}

function canonical(type: ObjectType, name: string): string {
  if (type !== 'image') return name;
  return tryParseReference(name)?.canonical ?? name;
}
