import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { courseMap, frontMatterField } from '../../src/content/course-map.js';
import { renderMarkdown } from '../../src/ui/markdown/render-lines.js';
import type { StyledLine } from '../../src/ui/markdown/types.js';
import { anchorTop, headingAt } from '../../src/ui/reader/anchor.js';
import { fitHints, truncate, wrapWords } from '../../src/ui/reader/hints.js';
import { findMatches, highlightLine, lineTexts } from '../../src/ui/reader/search.js';
import { documentStyle } from '../../src/ui/reader/terminal.js';

const FIXTURES = resolve(import.meta.dirname, '..', 'fixtures');

describe('search', () => {
  const doc = renderMarkdown('Docker **images** and docker\n\ncontainers\n\nDOCKER again', {
    width: 80,
    color: true,
    hyperlinks: false,
  });

  it('finds the lines containing the query, case-insensitively, regex characters literal', () => {
    expect(findMatches(lineTexts(doc), 'docker')).toEqual([0, 4]);
    expect(findMatches(lineTexts(doc), 'a.d')).toEqual([]);
    expect(findMatches(['a.d', 'and'], 'a.d')).toEqual([0]);
    expect(findMatches(lineTexts(doc), '  ')).toEqual([]);
  });

  it('highlights each occurrence across styled segments, keeping their styles', () => {
    const line: StyledLine = {
      segments: [{ text: 'Docker ' }, { text: 'images', style: { bold: true } }],
    };
    const out = highlightLine(line, 'ker ima', false);
    expect(out.segments.map((s) => s.text)).toEqual(['Doc', 'ker ', 'ima', 'ges']);
    expect(out.segments[1]?.style).toEqual({ inverse: true });
    expect(out.segments[2]?.style).toEqual({ bold: true, inverse: true });
    expect(out.segments[3]?.style).toEqual({ bold: true });
    const current = highlightLine(line, 'docker', true);
    expect(current.segments[0]).toEqual({
      text: 'Docker',
      style: { inverse: true, bold: true, underline: true },
    });
    expect(highlightLine(line, 'zebra', false)).toBe(line);
  });
});

describe('anchorTop (resize keeps the place)', () => {
  const md = Array.from(
    { length: 6 },
    (_, i) => `## Part ${i}\n\n${'word '.repeat(120 + i * 10)}`,
  ).join('\n\n');
  const wide = renderMarkdown(md, { width: 100, color: false, hyperlinks: false });
  const narrow = renderMarkdown(md, { width: 30, color: false, hyperlinks: false });

  it('maps a heading line to the same heading', () => {
    for (const [i, heading] of wide.headings.entries()) {
      expect(anchorTop(wide, heading.lineIndex, narrow)).toBe(narrow.headings[i]?.lineIndex);
    }
  });

  it('keeps the same fraction of the section and the same section', () => {
    const part3 = wide.headings[3]!;
    const next = wide.headings[4]!;
    const middle = Math.floor((part3.lineIndex + next.lineIndex) / 2);
    const mapped = anchorTop(wide, middle, narrow);
    expect(headingAt(narrow.headings, mapped)).toBe(3);
    const span = narrow.headings[4]!.lineIndex - narrow.headings[3]!.lineIndex;
    expect(Math.abs(mapped - (narrow.headings[3]!.lineIndex + span / 2))).toBeLessThanOrEqual(2);
  });

  it('finds the heading above a line by binary search', () => {
    expect(headingAt(wide.headings, 0)).toBe(0);
    expect(headingAt(wide.headings, wide.lines.length)).toBe(5);
    expect(headingAt([], 10)).toBe(-1);
  });
});

describe('footer and text fitting', () => {
  it('keeps the best-ranked hints that fit, in their display order', () => {
    const hints = [
      { keys: 'a', action: 'one', rank: 3 },
      { keys: 'b', action: 'two', rank: 1 },
      { keys: 'c', action: 'three', rank: 2 },
    ];
    // "b two" (5) + 2 + "c three" (7) = 14 fits; adding "a one" needs 21.
    expect(fitHints(hints, 14).map((h) => h.keys)).toEqual(['b', 'c']);
    expect(fitHints(hints, 21).map((h) => h.keys)).toEqual(['a', 'b', 'c']);
    expect(fitHints(hints, 3)).toEqual([]);
  });

  it('truncates with an ellipsis and word-wraps to a width', () => {
    expect(truncate('restart policies', 8)).toBe('restart…');
    expect(truncate('short', 8)).toBe('short');
    expect(wrapWords('a file:12: an error message here', 12)).toEqual([
      'a file:12:',
      'an error',
      'message here',
    ]);
  });

  it('uses colour unless NO_COLOR is set, hyperlinks only on a real, capable terminal', () => {
    expect(documentStyle({ TERM: 'xterm-256color' }, true)).toEqual({
      color: true,
      hyperlinks: true,
    });
    expect(documentStyle({ TERM: 'xterm', NO_COLOR: '' }, true).color).toBe(false);
    expect(documentStyle({ TERM: 'dumb' }, true).hyperlinks).toBe(false);
    expect(documentStyle({ TERM: 'xterm' }, false).hyperlinks).toBe(false);
  });
});

describe('course map (front matter only)', () => {
  it('reads one front matter key from the head of a file', () => {
    const bank = resolve(FIXTURES, 'quizzes', 'good', 'quizzes', '01-image-basics.quiz.md');
    expect(frontMatterField(bank, 'lesson')).toBe('image-basics');
    expect(frontMatterField(bank, 'nothing')).toBeUndefined();
    expect(frontMatterField(resolve(FIXTURES, 'missing.md'), 'id')).toBeUndefined();
  });

  it('knows which lessons have a quiz and a lab; a pack is namespaced, a same-named one clashes', () => {
    const good = { dir: resolve(FIXTURES, 'lessons-good'), pack: '' };
    const quizzes = { dir: resolve(FIXTURES, 'quizzes', 'good'), pack: 'q' };
    const again = { ...good, pack: 'again' };
    const map = courseMap([good, quizzes, again, again]);
    const [basics, restart, packBasics, , clash] = map.lessons;
    expect(basics).toMatchObject({ hasQuiz: true, labId: 'image-basics-lab' });
    expect(basics?.meta.broken).toBeUndefined();
    expect(restart).toMatchObject({ hasQuiz: false });
    expect(restart?.labId).toBeUndefined();
    // The same lessons as a pack: ids qualified, nothing broken; its lab id too.
    expect(packBasics?.meta.id).toBe('again/image-basics');
    expect(packBasics?.meta.broken).toBeUndefined();
    expect(packBasics?.labId).toBe('again/image-basics-lab');
    // A second pack of the same name cannot replace the first.
    expect(clash?.meta.id).toBe('again/image-basics');
    expect(clash?.meta.broken?.[0]?.code).toBe('duplicate-id');
  });
});
