import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatProblem } from '../../src/content/problems.js';
import { lintLabs, listLabs, parseLab, readLab } from '../../src/labs/parse-lab.js';
import { withOutputs } from '../../src/labs/probe.js';

const fixtures = join(import.meta.dirname, '..', 'fixtures', 'labs');
const goodFile = join(fixtures, 'good', 'lessons', '01-basics', 'lab.md');
const brokenFile = join(fixtures, 'broken', 'lessons', '01-broken', 'lab.md');

/** `line: code` pairs, the part of a problem that must not drift. */
function lines(file: string): string[] {
  return readLab(file).problems.map((p) => `${p.line}: ${p.code}`);
}

describe('parseLab on a good lab', () => {
  const { lab, problems } = readLab(goodFile);

  it('has no problems and reads the front matter', () => {
    expect(problems).toEqual([]);
    expect(lab?.id).toBe('ddfx-basics');
    expect(lab?.resources).toEqual({
      containers: ['ddfx-st-web'],
      images: ['ddfx-st-app:v1'],
      volumes: [],
      networks: [],
    });
    expect(lab?.setup).toEqual([
      ['run', '-d', '--name', 'ddfx-st-target', 'busybox:1.36', 'sleep', '600'],
    ]);
    expect(lab?.intro).toContain('A tiny lab');
  });

  it('splits tasks with their checks, hints and solutions', () => {
    expect(lab?.tasks.map((t) => t.id)).toEqual(['run-always', 'build-app', 'save-app']);
    const [first, second] = lab!.tasks;
    expect(first!.hints).toEqual(['It is a flag of `docker run`.', 'The flag is `--restart`.']);
    expect(first!.checks[0]).toMatchObject({
      kind: 'container',
      name: 'ddfx-st-web',
      ref: 'basics#restart',
    });
    expect(first!.checkLocations[0]).toEqual({ line: 21, refLine: 27 });
    // A backslash continuation joins two lines into one argv.
    expect(first!.solution.commands[0]!.argv).toEqual([
      'run',
      '-d',
      '--name',
      'ddfx-st-web',
      '--restart',
      'always',
      'busybox:1.36',
      'sleep',
      '600',
    ]);
    expect(first!.prose).toContain('restart policy `always`');
    expect(first!.prose).not.toContain('```check');
    expect(second!.checks.map((c) => c.kind)).toEqual(['image', 'history', 'run']);
    expect(second!.checks[2]).toMatchObject({ timeout: 20 }); // default
  });

  it('reads ```file blocks into solution files', () => {
    const text = [
      '---',
      'id: x',
      'title: X',
      '---',
      '## Task: t',
      '```check',
      '- kind: file',
      '  path: a/b.txt',
      '```',
      '#### Solution',
      '```file a/b.txt',
      'hello',
      '```',
      '```sh',
      'docker ps -a',
      '```',
    ].join('\n');
    const { lab: parsed, problems: found } = parseLab(text, 'x.md');
    expect(found).toEqual([]);
    expect(parsed!.tasks[0]!.solution.files).toEqual([
      { path: 'a/b.txt', content: 'hello\n', line: 11 },
    ]);
    expect(parsed!.tasks[0]!.solution.commands[0]!.argv).toEqual(['ps', '-a']);
  });
});

describe('parseLab problems point at file:line', () => {
  it('refuses the Verify-only output kind in a lab, saying why', () => {
    const text = [
      '---',
      'id: x',
      'title: X',
      '---',
      '## Task: t',
      '```check',
      '- kind: output',
      '  step: listing',
      '  lines: 1',
      '```',
    ].join('\n');
    const { problems: found } = parseLab(text, 'x.md');
    expect(found.map((p) => `${p.line}: ${p.code}`)).toContain('7: unknown-check-kind');
    expect(found.find((p) => p.code === 'unknown-check-kind')?.message).toContain(
      'read a named step of a quiz Verify block',
    );
  });
  it('reports every mistake of the broken fixture at its line', () => {
    expect(lines(brokenFile)).toEqual([
      '6: invalid-field', // setup step starting with "docker"
      '11: unknown-check-kind',
      '22: missing-field', // container without name
      '25: missing-field', // image without image
      '26: invalid-field', // layers: many
      '27: invalid-field', // run check without an assertion
      '31: invalid-field', // malformed ref
      '32: unknown-field', // expects
      '38: solution-not-docker', // rm -rf
      '39: solution-not-docker', // a pipe
      '42: task-without-checks',
      '50: duplicate-task-id',
      '53: invalid-field', // ../outside
      '64: bad-yaml',
    ]);
  });

  it('formats problems with the file and line and a useful message', () => {
    const text = readLab(brokenFile).problems.map(formatProblem).join('\n');
    expect(text).toContain(`${brokenFile}:11: error: unknown check kind "containr"`);
    expect(text).toContain(`${brokenFile}:22: error: container check: missing field "name"`);
    expect(text).toContain(`${brokenFile}:32: error: container check: unknown field "expects"`);
    expect(text).toContain(
      `${brokenFile}:38: error: solution line: only docker commands can run, not "rm"`,
    );
  });

  it('reports a missing solution and a lab without tasks', () => {
    const noSolution = parseLab(
      [
        '---',
        'id: x',
        'title: X',
        '---',
        '',
        '## Task: t',
        '```check',
        'kind: file',
        'path: f',
        '```',
      ].join('\n'),
      'x.md',
    );
    expect(noSolution.problems.map((p) => `${p.line}: ${p.code}`)).toEqual([
      '6: task-without-solution',
    ]);
    const noTasks = parseLab(['---', 'id: x', 'title: X', '---', 'just prose'].join('\n'), 'x.md');
    expect(noTasks.problems.map((p) => p.code)).toEqual(['no-tasks']);
  });

  it('rejects matcher maps that mix matchers with keys, and bad regular expressions', () => {
    const text = [
      '---',
      'id: x',
      'title: X',
      '---',
      '## Task: t',
      '```check',
      'kind: container',
      'name: c',
      'expect:',
      '  A: { contains: x, other: 1 }',
      '  B: { matches: "(" }',
      '```',
      '#### Solution',
      '```sh',
      'docker ps',
      '```',
    ].join('\n');
    const found = parseLab(text, 'x.md').problems;
    expect(found.map((p) => p.line)).toEqual([10, 11]);
    expect(found[0]!.message).toContain('mixes matchers');
    expect(found[1]!.message).toContain('not a valid regular expression');
  });
});

describe('listLabs and lintLabs', () => {
  it('lists labs from front matter only', () => {
    const labs = listLabs({ dir: join(fixtures, 'good'), pack: '' });
    expect(labs).toEqual([
      expect.objectContaining({
        id: 'ddfx-basics',
        title: 'Fixture lab for the engine tests',
        lesson: 'basics',
        domain: 'images',
        minutes: 5,
      }),
    ]);
  });

  it('finds duplicate lab ids and refs the resolver does not know', () => {
    const problems = lintLabs({ dir: join(fixtures, 'broken'), pack: '' }, (ref) =>
      ref.startsWith('no-such') ? `no lesson "${ref.split('#')[0]}"` : true,
    );
    const second = problems.filter((p) => p.file.includes('02-dup'));
    expect(second.map((p) => `${p.line}: ${p.code}`)).toEqual([
      '2: duplicate-lab-id',
      '2: unknown-lesson',
      '12: unknown-ref',
    ]);
    expect(second[2]!.message).toBe('no lesson "no-such-lesson"');
  });

  it('checks the refs of a good lab through the resolver', () => {
    const asked: string[] = [];
    const problems = lintLabs({ dir: join(fixtures, 'good'), pack: '' }, (ref) => {
      asked.push(ref);
      return true;
    });
    expect(problems).toEqual([]);
    expect(asked).toEqual(['basics', 'basics#restart']);
  });
});

describe('watch mode event filter', () => {
  it('ignores its own check containers and health-check execs, not the learner', async () => {
    const { changesState } = await import('../../src/labs/watch.js');
    const event = (action: string, name: string) => ({
      type: 'container',
      action,
      id: 'x',
      attributes: { name },
      timeNano: 0,
    });
    expect(changesState(event('start', 'dockdrill-check-lab-1-2-abc'))).toBe(false);
    expect(changesState(event('exec_start: wget -q -O- localhost', 'webapp'))).toBe(false);
    expect(changesState(event('start', 'web'))).toBe(true);
    expect(changesState(event('destroy', 'crasher'))).toBe(true);
  });
});

describe('Verify step outputs in later steps', () => {
  it('replaces ${name} with the named step output, trimmed, and leaves other ${...} alone', () => {
    const outputs = new Map([['digest', { stdout: 'localhost:1/a@sha256:abc\n' }]]);
    expect(
      withOutputs(['pull', '${digest}', 'sh', '-c', 'echo ${HOME} ${other} x${digest}y'], outputs),
    ).toEqual([
      'pull',
      'localhost:1/a@sha256:abc',
      'sh',
      '-c',
      'echo ${HOME} ${other} xlocalhost:1/a@sha256:abcy',
    ]);
  });
});
