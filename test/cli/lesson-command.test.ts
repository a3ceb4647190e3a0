import { resolve } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { ParsedArgs } from '../../src/cli/args.js';
import type { CommandContext } from '../../src/cli/context.js';
import { run } from '../../src/commands/lesson.js';
import type { ContentRoot } from '../../src/content/paths.js';
import { runCli } from '../helpers/cli.js';
import { makeTempDir } from '../helpers/home.js';

const FIXTURES = resolve(import.meta.dirname, '..', 'fixtures');
const GOOD: ContentRoot = { dir: resolve(FIXTURES, 'lessons-good'), pack: '' };
const BROKEN: ContentRoot = { dir: resolve(FIXTURES, 'lessons-broken'), pack: '' };
const ESC = '\u001b';

async function lesson(
  positionals: string[],
  flags: ParsedArgs['flags'],
  options: { color?: boolean; roots?: ContentRoot[] } = {},
) {
  let stdout = '';
  let stderr = '';
  const context: CommandContext = {
    stdout: { write: (text) => void (stdout += text) },
    stderr: { write: (text) => void (stderr += text) },
    interactive: false,
    roots: options.roots ?? [GOOD],
    env: { DOCKDRILL_HOME: makeTempDir(), TERM: 'xterm-256color' },
    color: options.color ?? false,
  };
  const status = await run({ positionals, flags }, context);
  return { status, stdout, stderr };
}

describe('dockdrill lesson --print', () => {
  it('prints the title and the rendered lesson as plain text, wrapped to --width', async () => {
    const result = await lesson(['image-basics'], { print: true, width: 30 });
    expect(result.status).toBe(0);
    const lines = result.stdout.split('\n');
    expect(lines[0]).toBe('What an image is');
    expect(lines[1]).toMatch(/^═+$/);
    expect(result.stdout).toContain('Sharing layers');
    // A cross-reference is named by its target's title and section.
    expect(result.stdout.replace(/\s+/g, ' ')).toContain(
      '(see “Restart policies” › What a restart policy is)',
    );
    expect(result.stdout).not.toContain(ESC);
    expect(lines.every((line) => line.length <= 30)).toBe(true);
    expect(lines.some((line) => line.length > 25)).toBe(true);
  });

  it('prints ANSI styles when colour is on (a terminal without NO_COLOR)', async () => {
    const result = await lesson(['image-basics'], { print: true, width: 60 }, { color: true });
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(`${ESC}[`);
    expect(stripVTControlCharacters(result.stdout)).toContain('What an image is');
  });

  it('names an unknown lesson and lists the ids, exit 2', async () => {
    const result = await lesson(['nope'], { print: true });
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('no lesson "nope"');
    expect(result.stderr).toContain('Lessons: image-basics, restart-policies');
  });

  it('an unknown section is an error listing the sections, exit 2', async () => {
    const result = await lesson(['image-basics#nowhere'], { print: true });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('has no section "nowhere"');
    expect(result.stderr).toContain('layers, sharing-layers, listing-images');
  });

  it('a broken lesson prints its problems at file:line, exit 1', async () => {
    const result = await lesson(['bad-domain'], { print: true }, { roots: [BROKEN] });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/03-bad-domain\/lesson\.md:4: error: unknown domain/);
  });

  it('rejects --print without an id and a width that is too small, exit 2', async () => {
    expect((await lesson([], { print: true })).status).toBe(2);
    const narrow = await lesson(['image-basics'], { print: true, width: 5 });
    expect(narrow.status).toBe(2);
    expect(narrow.stderr).toContain('--width');
  });
});

describe('the built CLI, piped (no TTY)', () => {
  it('`lesson <id> --print` writes plain text at 80 columns, exit 0', () => {
    const result = runCli(
      ['lesson', 'lessons-good/image-basics', '--print', '--content', GOOD.dir],
      {
        ...process.env,
        DOCKDRILL_HOME: makeTempDir(),
      },
    );
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout.split('\n')[0]).toBe('What an image is');
    expect(result.stdout).toContain('docker image ls lists images.');
    expect(result.stdout).not.toContain(ESC);
  });

  it('an unknown id is exit 2 with the list of lessons', () => {
    const result = runCli(['lesson', 'no-such-lesson', '--print'], {
      ...process.env,
      DOCKDRILL_HOME: makeTempDir(),
    });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('no lesson "no-such-lesson"');
    expect(result.stderr).toMatch(/Lessons: .*restart-policies/);
  });

  it('without --print it needs a terminal', () => {
    const result = runCli(['lesson', 'restart-policies'], process.env, '');
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('needs a terminal');
  });
});
