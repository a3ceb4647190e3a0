import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const fixture = (path: string) => resolve(import.meta.dirname, '../fixtures', path);

describe('dockdrill lint', () => {
  it('finds no problem in the bundled course', () => {
    const result = runCli(['lint']);
    expect(result.stdout).toMatch(/— 0 errors, 0 warnings/);
    expect(result.status).toBe(0);
  });

  it('reports every problem of a broken pack at file:line, exit 1', () => {
    const result = runCli(['lint', fixture('lessons-broken')]);
    expect(result.status).toBe(1);
    const lines = result.stdout.trim().split('\n');
    const problems = lines.filter((line) => /: (error|warning): /.test(line));
    expect(problems.length).toBeGreaterThan(3);
    for (const line of problems)
      expect(line).toMatch(
        /^test\/fixtures\/lessons-broken\/\S+:\d+: (error|warning): .+ \[[a-z-]+\]$/,
      );
    expect(lines.at(-1)).toMatch(/\d+ errors/);
  });

  it.each([
    ['/nonexistent-dockdrill-pack', /\/nonexistent-dockdrill-pack does not exist/],
    ['/etc/passwd', /\/etc\/passwd is not a folder/],
    ['/etc', /\/etc is not a course pack: it has neither lessons\/ nor quizzes\//],
  ])('a path that is not a pack (%s) is a usage error, exit 2', (path, why) => {
    const lint = runCli(['lint', path]);
    expect(lint.stderr).toMatch(why);
    expect(lint.status).toBe(2);
    const content = runCli(['lint', '--content', path]);
    expect(content.stderr).toMatch(/^dockdrill: --content: /);
    expect(content.stderr).toMatch(why);
    expect(content.status).toBe(2);
  });

  it('lints quiz banks and labs in the same run', () => {
    expect(runCli(['lint', fixture('quizzes/broken')]).stdout).toMatch(
      /01-broken\.quiz\.md:\d+: error: .*\[(wrong-key-count|no-key|missing-explanation)\]/,
    );
    expect(runCli(['lint', fixture('labs/broken')]).status).toBe(1);
  });

  it('--json gives the same problems for scripts', () => {
    const result = runCli(['lint', '--json', fixture('quizzes/broken')]);
    expect(result.status).toBe(1);
    const report = JSON.parse(result.stdout) as {
      ok: boolean;
      roots: { problems: { file: string; line: number; code: string }[] }[];
    };
    expect(report.ok).toBe(false);
    expect(report.roots[0]?.problems.some((p) => p.code === 'duplicate-id' && p.line > 1)).toBe(
      true,
    );
  });
});
