import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { lintLessons } from '../../src/content/lesson-lint.js';
import { listLessons, loadLesson, resolveLessonRef } from '../../src/content/lessons.js';
import type { ContentProblem } from '../../src/content/problems.js';

const fixtures = resolve(import.meta.dirname, '..', 'fixtures');
const good = { dir: join(fixtures, 'lessons-good'), pack: '' };
const broken = { dir: join(fixtures, 'lessons-broken'), pack: '' };

/** "NN-folder/lesson.md:line code" for compact, exact assertions. */
function where(p: ContentProblem): string {
  const rel = p.file.slice(join(broken.dir, 'lessons').length + 1);
  return `${rel}:${p.line} ${p.code}`;
}

describe('listLessons', () => {
  it('lists the good course in NN order with its front matter, without errors', () => {
    const index = listLessons(good);
    expect(index.problems).toEqual([]);
    expect(index.lessons.map((l) => [l.order, l.id, l.domain, l.minutes, l.hasLab])).toEqual([
      [1, 'image-basics', 'images', 15, true],
      [2, 'restart-policies', 'orchestration', 20, false],
    ]);
    const first = index.lessons[0]!;
    expect(first.title).toBe('What an image is');
    expect(first.objectives).toEqual([
      'Tell an image from a container',
      'List the images on your engine',
    ]);
    expect(first.file).toBe(join(good.dir, 'lessons', '01-image-basics', 'lesson.md'));
    expect(first.dir).toBe(join(good.dir, 'lessons', '01-image-basics'));
    expect(first.broken).toBeUndefined();
  });

  it('lists broken lessons with their problems instead of throwing', () => {
    const index = listLessons(broken);
    const byFolder = new Map(index.lessons.map((l) => [l.dir.split('/').pop(), l]));
    expect(byFolder.get('01-good')?.broken).toBeUndefined();
    expect(byFolder.get('02-no-front')?.broken?.map((p) => p.code)).toEqual(['no-front-matter']);
    // A broken lesson falls back to its folder slug for an id and has no domain.
    expect(byFolder.get('02-no-front')?.id).toBe('no-front');
    expect(byFolder.get('03-bad-domain')?.domain).toBeUndefined();
    expect(byFolder.get('05-dup-id')?.broken?.map((p) => p.code)).toEqual(['duplicate-id']);
    // Only a warning (unknown key): still usable.
    expect(byFolder.get('11-unknown-key')?.broken).toBeUndefined();
    expect(byFolder.get('11-unknown-key')?.objectives).toEqual(['Keep working']);
    // Folders that are not lessons are reported, not listed.
    expect(byFolder.has('notalesson')).toBe(false);
    expect(byFolder.has('10-empty')).toBe(false);
  });

  it('turns every front-matter error into a file:line problem', () => {
    const found = listLessons(broken).problems.map(where);
    expect(found).toEqual(
      expect.arrayContaining([
        '02-no-front/lesson.md:1 no-front-matter',
        '03-bad-domain/lesson.md:4 unknown-domain',
        '03-bad-domain/lesson.md:5 bad-field',
        '03-bad-domain/lesson.md:8 bad-field',
        '04-missing-title/lesson.md:2 bad-id',
        '04-missing-title/lesson.md:2 missing-field',
        '04-missing-title/lesson.md:5 bad-field',
        '05-dup-id/lesson.md:5 duplicate-id',
        '08-bad-yaml/lesson.md:4 bad-yaml',
        '09-unclosed/lesson.md:1 unclosed-front-matter',
        '10-empty/lesson.md:1 missing-lesson',
        '11-unknown-key/lesson.md:8 unknown-key',
      ]),
    );
    const unknownKey = listLessons(broken).problems.find((p) => p.code === 'unknown-key');
    expect(unknownKey?.severity).toBe('warning');
    const domain = listLessons(broken).problems.find((p) => p.code === 'unknown-domain');
    expect(domain?.message).toContain('kubernetes');
    expect(domain?.message).toContain('orchestration');
  });

  it('returns an empty index for a folder without lessons/', () => {
    expect(listLessons({ dir: fixtures, pack: '' })).toEqual({ lessons: [], problems: [] });
  });
});

describe('loadLesson', () => {
  it('lists ## and ### sections with GitHub slugs and file lines, nested ones too', () => {
    const [, restart] = listLessons(good).lessons;
    const lesson = loadLesson(restart!);
    expect(lesson.bodyLine).toBe(9);
    expect(lesson.body.startsWith('\n# Restart policies')).toBe(true);
    expect(lesson.sections).toEqual([
      { slug: 'what-a-restart-policy-is', title: 'What a restart policy is', depth: 2, line: 14 },
      { slug: 'quoted-heading', title: 'Quoted heading', depth: 2, line: 19 },
      { slug: 'setup--teardown', title: 'Setup & teardown', depth: 2, line: 21 },
      { slug: 'heading-in-a-list', title: 'Heading in a list', depth: 3, line: 24 },
      { slug: 'manual-stop', title: 'Manual stop', depth: 2, line: 26 },
    ]);
    expect(lesson.problems).toEqual([]);
  });

  it('slugs repeats GitHub-style and reports a duplicate slug at the second heading', () => {
    const meta = listLessons(broken).lessons.find((l) => l.id === 'dup-slug')!;
    const lesson = loadLesson(meta);
    expect(lesson.sections.map((s) => s.slug)).toEqual(['setup', 'other', 'setup-1']);
    expect(lesson.problems.map(where)).toEqual(['06-dup-slug/lesson.md:16 duplicate-slug']);
    expect(lesson.problems[0]?.message).toContain('line 10');
  });

  it('counts every heading level in slug order but lists only ## and ###', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dd-lessons-'));
    cleanups.push(dir);
    mkdirSync(join(dir, 'lessons', '01-x'), { recursive: true });
    const file = join(dir, 'lessons', '01-x', 'lesson.md');
    const front = '---\nid: x\ntitle: X\ndomain: images\nminutes: 1\nobjectives: [a]\n---\n';
    writeFileSync(
      file,
      `${front}# Intro\n\n#### Intro\n\n## Intro\n\n## The \`CMD\` *instruction*\n`,
    );
    const lesson = loadLesson(listLessons({ dir, pack: '' }).lessons[0]!);
    expect(lesson.sections.map((s) => [s.slug, s.line])).toEqual([
      ['intro-2', 12],
      ['the-cmd-instruction', 14],
    ]);
  });
});

const cleanups: string[] = [];
afterAll(() => {
  for (const dir of cleanups) rmSync(dir, { recursive: true, force: true });
});

describe('lintLessons', () => {
  it('finds nothing wrong in the good course (cross-lesson links resolve)', () => {
    expect(lintLessons(good)).toEqual([]);
  });

  it('reports every problem of the broken course at once, at file:line', () => {
    const found = lintLessons(broken).map(where);
    expect(found).toEqual(
      expect.arrayContaining([
        '03-bad-domain/lesson.md:4 unknown-domain',
        '04-missing-title/lesson.md:2 missing-field',
        '05-dup-id/lesson.md:5 duplicate-id',
        '06-dup-slug/lesson.md:16 duplicate-slug',
        '07-bad-links/lesson.md:12 broken-link',
        '07-bad-links/lesson.md:14 broken-section-link',
        '07-bad-links/lesson.md:17 broken-section-link',
        '07-bad-links/lesson.md:21 broken-link',
        '07-bad-links/lesson.md:23 broken-section-link',
      ]),
    );
    // The good links on line 10 (to a section and to a whole lesson) are not reported.
    expect(found.filter((f) => f.startsWith('07-bad-links/lesson.md:10'))).toEqual([]);
    const links = lintLessons(broken).filter((p) => p.file.includes('07-bad-links'));
    expect(links).toHaveLength(5);
    expect(links.find((p) => p.line === 14)?.message).toContain('no-such-section');
  });

  it('includes the problems listing found, sorted by file and line', () => {
    const problems = lintLessons(broken);
    const keys = problems.map((p) => [p.file, p.line] as const);
    const sorted = [...keys].sort((a, b) => a[0].localeCompare(b[0]) || a[1] - b[1]);
    expect(keys).toEqual(sorted);
    expect(problems.map((p) => p.code)).toContain('bad-lesson-folder');
  });
});

describe('resolveLessonRef', () => {
  const index = listLessons(good);

  it('resolves a lesson and a section, with or without the lesson: prefix', () => {
    const ref = resolveLessonRef(index, 'image-basics#sharing-layers');
    expect(ref?.lesson.id).toBe('image-basics');
    expect(ref?.section).toEqual({
      slug: 'sharing-layers',
      title: 'Sharing layers',
      depth: 3,
      line: 17,
    });
    expect(resolveLessonRef(index, 'lesson:restart-policies#manual-stop')?.section?.line).toBe(26);
    const whole = resolveLessonRef(index, 'restart-policies');
    expect(whole?.lesson.id).toBe('restart-policies');
    expect(whole?.section).toBeUndefined();
  });

  it('is undefined for an unknown lesson or section', () => {
    expect(resolveLessonRef(index, 'nope#layers')).toBeUndefined();
    expect(resolveLessonRef(index, 'image-basics#nope')).toBeUndefined();
  });
});
