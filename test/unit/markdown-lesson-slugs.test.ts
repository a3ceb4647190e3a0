import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listLessons, loadLesson } from '../../src/content/lessons.js';
import { renderMarkdown } from '../../src/ui/markdown/render-lines.js';

const good = { dir: resolve(import.meta.dirname, '..', 'fixtures', 'lessons-good'), pack: '' };

describe('renderer and loader agree on section slugs', () => {
  it.each(listLessons(good).lessons.map((l) => [l.id, l] as const))('%s', (_id, meta) => {
    const lesson = loadLesson(meta);
    const doc = renderMarkdown(lesson.body, { width: 60, color: false, hyperlinks: false });
    const rendered = doc.headings
      .filter((h) => h.depth === 2 || h.depth === 3)
      .map((h) => [h.slug, h.title]);
    expect(rendered).toEqual(lesson.sections.map((s) => [s.slug, s.title]));
    expect(rendered.length).toBeGreaterThan(2);
  });
});
