import { describe, expect, it } from 'vitest';
import { parseFlags, UsageError } from '../../src/cli/args.js';

const specs = {
  json: { type: 'boolean', description: 'json' },
  count: { type: 'number', short: 'n', description: 'count' },
  task: { type: 'string', description: 'task' },
} as const;

describe('parseFlags', () => {
  it('separates positionals from typed flags', () => {
    const parsed = parseFlags(
      ['lab-1', '--json', '--count', '5', '--task=run-it', 'extra'],
      specs,
      'x',
    );
    expect(parsed.positionals).toEqual(['lab-1', 'extra']);
    expect(parsed.flags).toEqual({ json: true, count: 5, task: 'run-it' });
  });

  it('accepts short aliases, --no-x and --x=false for booleans', () => {
    expect(parseFlags(['-n', '3'], specs, 'x').flags.count).toBe(3);
    expect(parseFlags(['--no-json'], specs, 'x').flags.json).toBe(false);
    expect(parseFlags(['--json=false'], specs, 'x').flags.json).toBe(false);
  });

  it('knows the global flags', () => {
    expect(parseFlags(['-h'], specs, 'x').flags.help).toBe(true);
    expect(parseFlags(['--content', '/pack'], specs, 'x').flags.content).toBe('/pack');
  });

  it('rejects unknown flags, naming them', () => {
    expect(() => parseFlags(['--jsn'], specs, '"dockdrill check"')).toThrow(
      new UsageError('unknown option "--jsn" for "dockdrill check"'),
    );
    expect(() => parseFlags(['-z'], specs, 'x')).toThrow(/unknown option "-z"/);
  });

  it('rejects missing and malformed values', () => {
    expect(() => parseFlags(['--count'], specs, 'x')).toThrow(/needs a value/);
    expect(() => parseFlags(['--count', 'many'], specs, 'x')).toThrow(
      'option "--count" needs a number, got "many"',
    );
    expect(() => parseFlags(['--json=yes'], specs, 'x')).toThrow(/takes no value/);
  });

  it('treats everything after -- as positional', () => {
    expect(parseFlags(['--', '--json'], specs, 'x').positionals).toEqual(['--json']);
  });
});
