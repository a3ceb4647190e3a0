import { describe, expect, it } from 'vitest';
import {
  InvalidReferenceError,
  familiarName,
  isValidTag,
  parseReference,
  tryParseReference,
  withTag,
} from '../../src/docker/reference.js';
import { REFERENCE_CASES, SHA256, caseLabel } from './reference-cases.js';

function parseError(input: string): InvalidReferenceError {
  try {
    parseReference(input);
  } catch (error) {
    if (error instanceof InvalidReferenceError) return error;
    throw error;
  }
  throw new Error(`expected ${caseLabel(input)} to be rejected`);
}

describe('parseReference against the shared table', () => {
  it('has a table large enough to be a real check', () => {
    expect(REFERENCE_CASES.length).toBeGreaterThanOrEqual(40);
    expect(REFERENCE_CASES.filter((c) => c.expect.ok).length).toBeGreaterThanOrEqual(15);
    expect(REFERENCE_CASES.filter((c) => !c.expect.ok).length).toBeGreaterThanOrEqual(15);
    expect(new Set(REFERENCE_CASES.map((c) => c.input)).size).toBe(REFERENCE_CASES.length);
  });

  it.each(REFERENCE_CASES.map((c) => [caseLabel(c.input), c] as const))('%s', (_label, c) => {
    if (!c.expect.ok) {
      const error = parseError(c.input);
      expect(error.reason).toBe(c.expect.reason);
      expect(error.message).toBe(c.expect.reason);
      expect(error.input).toBe(c.input);
      return;
    }
    const e = c.expect;
    const ref = parseReference(c.input);
    const path = e.namespace ? `${e.namespace}/${e.repository}` : e.repository;
    const suffix = `${e.effectiveTag !== undefined ? `:${e.effectiveTag}` : ''}${e.digest ? `@${e.digest}` : ''}`;
    expect(ref).toEqual({
      input: c.input,
      registry: e.registry,
      namespace: e.namespace,
      repository: e.repository,
      path,
      tag: e.tag,
      effectiveTag: e.effectiveTag,
      digest: e.digest,
      name: `${e.registry}/${path}`,
      familiar: e.familiar,
      canonical: e.canonical,
      familiarString: `${e.familiar}${suffix}`,
      kind: e.kind,
    });
    // The canonical form is itself a valid reference that parses to the same repository.
    const again = parseReference(ref.canonical);
    expect(again.canonical).toBe(ref.canonical);
    expect(again.familiar).toBe(ref.familiar);
  });
});

describe('InvalidReferenceError', () => {
  it('is an Error with a name, a code and the docker tag wording', () => {
    const error = parseError('Ubuntu');
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('InvalidReferenceError');
    expect(error.code).toBe('uppercase');
    expect(error.tagCommandMessage).toBe(
      'Error parsing reference: "Ubuntu" is not a valid repository/tag: invalid reference format: repository name (library/Ubuntu) must be lowercase',
    );
  });

  it.each([
    ['a//b', 'invalid-format'],
    ['a'.repeat(248), 'name-too-long'],
    [`app@md5:${'0'.repeat(32)}`, 'digest-unsupported'],
    [`app@sha256:${'0'.repeat(32)}`, 'digest-length'],
    [`app@sha256:${'A'.repeat(64)}`, 'digest-invalid'],
    ['f'.repeat(64), 'hex-identifier'],
  ])('classifies %s as %s', (input, code) => {
    expect(parseError(input).code).toBe(code);
  });
});

describe('helpers', () => {
  it('tryParseReference returns undefined instead of throwing', () => {
    expect(tryParseReference('a//b')).toBeUndefined();
    expect(tryParseReference('user/app')?.name).toBe('docker.io/user/app');
  });

  it('isValidTag applies the tag grammar on its own', () => {
    expect(isValidTag('latest')).toBe(true);
    expect(isValidTag('t'.repeat(128))).toBe(true);
    expect(isValidTag('t'.repeat(129))).toBe(false);
    expect(isValidTag('-x')).toBe(false);
    expect(isValidTag('')).toBe(false);
    expect(isValidTag('a:b')).toBe(false);
  });

  it('withTag retags and keeps the digest, rejecting bad tags with "invalid tag format"', () => {
    const retagged = withTag(parseReference('localhost:5000/app'), 'v2');
    expect(retagged.canonical).toBe('localhost:5000/app:v2');
    expect(retagged.familiarString).toBe('localhost:5000/app:v2');
    const pinned = withTag(parseReference(`app@${SHA256}`), 'v1');
    expect(pinned.canonical).toBe(`docker.io/library/app:v1@${SHA256}`);
    expect(() => withTag(parseReference('app'), 'bad tag')).toThrow('invalid tag format');
  });

  it('familiarName drops docker.io and a lone library/ only', () => {
    expect(familiarName({ registry: 'docker.io', path: 'library/redis' })).toBe('redis');
    expect(familiarName({ registry: 'docker.io', path: 'dmcgowan/myapp' })).toBe('dmcgowan/myapp');
    expect(familiarName({ registry: 'docker.io', path: 'library/a/b' })).toBe('library/a/b');
    expect(familiarName({ registry: 'quay.io', path: 'library/redis' })).toBe(
      'quay.io/library/redis',
    );
  });

  it('stays fast on long hostile input (no catastrophic backtracking)', () => {
    const started = performance.now();
    for (const input of ['a-'.repeat(5000), `${'a.'.repeat(5000)}!`, `${'a/'.repeat(5000)}-`]) {
      expect(tryParseReference(input)).toBeUndefined();
    }
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
