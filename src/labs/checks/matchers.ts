/**
 * Comparing inspect JSON with a check's expectations, one field at a time, so a failure
 * can say what was found next to what was wanted.
 */
import { isMatcherObject } from './schema.js';

export interface FieldResult {
  /** The dotted path (or a pseudo-field such as `layers`, `exists`, `stdout`). */
  readonly path: string;
  /** What the check wants, in words: `"always"`, `contains "nginx"`, `>= 2`. */
  readonly expected: string;
  /** What the engine has, as text (`(missing)` when the field is not there). */
  readonly actual: string;
  readonly ok: boolean;
}

export const MISSING = '(missing)';

/** JSON-ish rendering that keeps strings quoted and short. */
export function show(value: unknown): string {
  if (value === undefined) return MISSING;
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 200 ? `${text.slice(0, 197)}...` : text;
}

/**
 * Looks up `Config.Labels.org.opencontainers.image.version`-style paths: at each level the
 * longest run of segments that is a key wins, so label keys containing dots work.
 */
export function getPath(root: unknown, path: string): unknown {
  const parts = path.split('.');
  let current: unknown = root;
  let i = 0;
  while (i < parts.length) {
    if (current === null || typeof current !== 'object') return undefined;
    let matched = false;
    for (let j = parts.length; j > i; j--) {
      const key = parts.slice(i, j).join('.');
      if (Array.isArray(current)) {
        if (j === i + 1 && /^\d+$/.test(key)) {
          current = current[Number(key)];
          i = j;
          matched = true;
          break;
        }
        continue;
      }
      if (Object.prototype.hasOwnProperty.call(current, key)) {
        current = (current as Record<string, unknown>)[key];
        i = j;
        matched = true;
        break;
      }
    }
    if (!matched) return undefined;
  }
  return current;
}

/** Deep equality for JSON values; null and a missing field count as the same. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if ((a === null || a === undefined) && (b === null || b === undefined)) return true;
  if (typeof a !== typeof b) return false;
  if (a === null || b === null || typeof a !== 'object') return a === b;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && a.every((item, index) => deepEqual(item, bb[index]));
  }
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  const keys = new Set([...Object.keys(ao), ...Object.keys(bo)]);
  return [...keys].every((key) => deepEqual(ao[key], bo[key]));
}

function describeExpectation(expected: unknown): string {
  if (!isMatcherObject(expected)) return show(expected);
  const parts: string[] = [];
  for (const [name, value] of Object.entries(expected)) {
    if (name === 'equals') parts.push(show(value));
    else if (name === 'contains') parts.push(`contains ${show(value)}`);
    else if (name === 'matches') parts.push(`matches /${String(value)}/`);
    else if (name === 'gte') parts.push(`>= ${String(value)}`);
    else if (name === 'lte') parts.push(`<= ${String(value)}`);
    else if (name === 'exists') parts.push(value ? 'present' : 'absent');
  }
  return parts.join(' and ');
}

function asText(actual: unknown): string {
  if (typeof actual === 'string') return actual;
  if (Array.isArray(actual))
    return actual.map((item) => (typeof item === 'string' ? item : JSON.stringify(item))).join(' ');
  return JSON.stringify(actual) ?? '';
}

function asNumber(actual: unknown): number | undefined {
  if (typeof actual === 'number') return actual;
  if (Array.isArray(actual)) return actual.length;
  if (typeof actual === 'string' && actual.trim() !== '' && !Number.isNaN(Number(actual)))
    return Number(actual);
  return undefined;
}

function matcherPasses(name: string, want: unknown, actual: unknown): boolean {
  switch (name) {
    case 'equals':
      return deepEqual(actual, want);
    case 'contains':
      if (typeof actual === 'string') return actual.includes(String(want));
      if (Array.isArray(actual))
        return actual.some(
          (item) =>
            deepEqual(item, want) ||
            (typeof item === 'string' && typeof want === 'string' && item === want),
        );
      if (actual && typeof actual === 'object')
        return Object.prototype.hasOwnProperty.call(actual, String(want));
      return false;
    case 'matches':
      return (
        actual !== undefined && actual !== null && new RegExp(String(want)).test(asText(actual))
      );
    case 'gte': {
      const n = asNumber(actual);
      return n !== undefined && n >= Number(want);
    }
    case 'lte': {
      const n = asNumber(actual);
      return n !== undefined && n <= Number(want);
    }
    case 'exists':
      return (actual !== undefined && actual !== null) === Boolean(want);
    default:
      return false;
  }
}

/** Whether `actual` satisfies `expected` (a plain value or a matcher map). */
export function matches(expected: unknown, actual: unknown): boolean {
  if (isMatcherObject(expected))
    return Object.entries(expected).every(([name, want]) => matcherPasses(name, want, actual));
  return deepEqual(actual, expected);
}

export function compareField(path: string, expected: unknown, actual: unknown): FieldResult {
  return {
    path,
    expected: describeExpectation(expected),
    actual: show(actual),
    ok: matches(expected, actual),
  };
}

/** Every `expect` entry of a check against one inspect object. */
export function compareExpect(
  object: unknown,
  expect: Readonly<Record<string, unknown>>,
): FieldResult[] {
  return Object.entries(expect).map(([path, expected]) =>
    compareField(path, expected, getPath(object, path)),
  );
}
