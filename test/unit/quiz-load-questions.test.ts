import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkNumberFlag, checkSeed } from '../../src/commands/quiz-args.js';
import {
  filterChoices,
  loadQuestions,
  resolveFilter,
  unknownFilterMessage,
} from '../../src/quiz/load-questions.js';

// COURSE stands for the bundled course (ids as written), GOOD for a pack (ids namespaced).
const COURSE = { dir: resolve(import.meta.dirname, '..', 'fixtures', 'quiz-course'), pack: '' };
const GOOD = { dir: resolve(import.meta.dirname, '..', 'fixtures', 'quizzes', 'good'), pack: 'g' };

describe('loadQuestions', () => {
  it('loads every bank of every root once and keeps the result', () => {
    const catalog = loadQuestions([COURSE, GOOD]);
    expect(catalog.banks.map((b) => b.name)).toEqual([
      '01-quizfix',
      '02-quizfix-net',
      'g/01-image-basics',
      'g/02-networking',
    ]);
    expect(catalog.questions).toHaveLength(6 + 7);
    expect(catalog.byId.get('qf-digests')?.type).toBe('single');
    expect(catalog.byId.get('g/default-bridge-name')?.type).toBeDefined();
    expect(catalog.byId.has('default-bridge-name')).toBe(false);
    expect(loadQuestions([COURSE, GOOD])).toBe(catalog);
  });

  it('filters by lesson, domain, tag and bank name, in that order', () => {
    const catalog = loadQuestions([COURSE, GOOD]);
    expect(resolveFilter(catalog, 'quizfix-basics')).toMatchObject({ kind: 'lesson' });
    expect(resolveFilter(catalog, 'quizfix-basics')?.questions).toHaveLength(5);
    const networking = resolveFilter(catalog, 'networking');
    expect(networking?.kind).toBe('domain');
    expect(networking?.questions.map((q) => q.id).sort()).toEqual([
      'g/default-bridge-name',
      'qf-default-bridge',
    ]);
    expect(resolveFilter(catalog, 'qf-choice')?.questions.map((q) => q.id)).toEqual([
      'qf-digests',
      'qf-tags-tf',
      'qf-default-bridge',
    ]);
    expect(resolveFilter(catalog, 'g/02-networking')).toMatchObject({ kind: 'bank' });
    expect(resolveFilter(catalog, 'nothing-like-this')).toBeUndefined();
  });

  it('lists what exists when a filter matches nothing', () => {
    const catalog = loadQuestions([COURSE]);
    const { tags } = filterChoices(catalog);
    expect(tags.map((t) => t.value)).toContain('qf-order');
    const message = unknownFilterMessage(catalog, 'nope');
    expect(message).toContain('no questions match "nope"');
    expect(message).toContain('lessons: quizfix-basics');
    expect(message).toContain('domains: images, networking');
  });
});

describe('quiz argument checks', () => {
  it('accepts absent and sensible values, refuses the rest naming the value', () => {
    expect(checkNumberFlag({}, 'count')).toEqual({ ok: true, value: undefined });
    expect(checkNumberFlag({ count: 5 }, 'count')).toEqual({ ok: true, value: 5 });
    expect(checkNumberFlag({ minutes: 0.5 }, 'minutes')).toEqual({ ok: true, value: 0.5 });
    for (const [name, value] of [
      ['count', 0],
      ['count', 2.5],
      ['questions', -1],
      ['minutes', 0],
      ['pass', 101],
    ] as const) {
      const result = checkNumberFlag({ [name]: value }, name);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error).toContain(`--${name} ${value} is not valid`);
    }
    expect(checkSeed({ seed: '  ' }).ok).toBe(false);
    expect(checkSeed({ seed: 'abc' })).toEqual({ ok: true, value: 'abc' });
  });
});
