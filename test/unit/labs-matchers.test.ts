import { describe, expect, it } from 'vitest';
import { compareExpect, deepEqual, getPath, matches } from '../../src/labs/checks/matchers.js';

const inspect = {
  State: { Running: true, ExitCode: 0 },
  Config: {
    Cmd: ['sleep', '600'],
    Labels: { 'org.opencontainers.image.version': '1.2', version: '3' },
    ExposedPorts: { '80/tcp': {} },
    Env: ['PATH=/usr/bin', 'MODE=prod'],
  },
  RootFS: { Layers: ['a', 'b', 'c'] },
  HostConfig: { RestartPolicy: { Name: 'always', MaximumRetryCount: 0 } },
};

describe('getPath', () => {
  it('walks dotted paths, label keys with dots and array indexes', () => {
    expect(getPath(inspect, 'HostConfig.RestartPolicy.Name')).toBe('always');
    expect(getPath(inspect, 'Config.Labels.org.opencontainers.image.version')).toBe('1.2');
    expect(getPath(inspect, 'Config.Labels.version')).toBe('3');
    expect(getPath(inspect, 'RootFS.Layers.1')).toBe('b');
    expect(getPath(inspect, 'Config.Nope.Deeper')).toBeUndefined();
  });
});

describe('matchers', () => {
  it('compares plain values deeply, null and missing alike', () => {
    expect(deepEqual(['sleep', '600'], ['sleep', '600'])).toBe(true);
    expect(deepEqual(['sleep', '600'], ['sleep', 600])).toBe(false);
    expect(deepEqual({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] })).toBe(true);
    expect(deepEqual(null, undefined)).toBe(true);
    expect(matches(['sleep', '600'], inspect.Config.Cmd)).toBe(true);
  });

  it('supports equals, contains, matches, gte, lte and exists', () => {
    expect(matches({ equals: { '80/tcp': {} } }, inspect.Config.ExposedPorts)).toBe(true);
    expect(matches({ contains: 'MODE=prod' }, inspect.Config.Env)).toBe(true);
    expect(matches({ contains: 'MODE=dev' }, inspect.Config.Env)).toBe(false);
    expect(matches({ contains: '80/tcp' }, inspect.Config.ExposedPorts)).toBe(true);
    expect(matches({ contains: 'way' }, 'always')).toBe(true);
    expect(matches({ matches: '^sleep \\d+$' }, inspect.Config.Cmd)).toBe(true);
    expect(matches({ gte: 3, lte: 3 }, 3)).toBe(true);
    expect(matches({ gte: 4 }, inspect.RootFS.Layers)).toBe(false);
    expect(matches({ exists: true }, undefined)).toBe(false);
    expect(matches({ exists: false }, null)).toBe(true);
  });

  it('reports every field with expected and actual', () => {
    const fields = compareExpect(inspect, {
      'State.Running': false,
      'HostConfig.RestartPolicy.Name': 'always',
      'Config.User': { exists: true },
      'Config.Cmd': { contains: 'top' },
    });
    expect(fields).toEqual([
      { path: 'State.Running', expected: 'false', actual: 'true', ok: false },
      { path: 'HostConfig.RestartPolicy.Name', expected: '"always"', actual: '"always"', ok: true },
      { path: 'Config.User', expected: 'present', actual: '(missing)', ok: false },
      { path: 'Config.Cmd', expected: 'contains "top"', actual: '["sleep","600"]', ok: false },
    ]);
  });
});
