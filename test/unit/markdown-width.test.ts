import { describe, expect, it } from 'vitest';
import { graphemes, splitByWidth, stringWidth } from '../../src/ui/markdown/width.js';

describe('stringWidth', () => {
  it.each([
    ['docker', 6],
    ['', 0],
    ['日本語', 6],
    ['ｄｏｃｋｅｒ', 12], // fullwidth letters
    ['e\u0301', 1], // e + combining acute accent
    ['🐳', 2],
    ['👩‍💻', 2], // ZWJ sequence is one emoji
    ['a\u200bb', 2], // zero-width space
    ['•│─┃↪', 5], // ambiguous and neutral symbols count as narrow, like Ink
  ])('%j is %i columns', (text, width) => {
    expect(stringWidth(text)).toBe(width);
  });
});

describe('splitByWidth / graphemes', () => {
  it('never splits a wide character or a grapheme across pieces', () => {
    expect(splitByWidth('日本語', 3)).toEqual(['日', '本', '語']);
    expect(splitByWidth('ab👩‍💻cd', 3)).toEqual(['ab', '👩‍💻c', 'd']);
    expect(graphemes('e\u0301x')).toEqual(['e\u0301', 'x']);
  });

  it('gives a character wider than the space a piece of its own', () => {
    expect(splitByWidth('日x', 1)).toEqual(['日', 'x']);
  });
});
