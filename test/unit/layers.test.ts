/**
 * The folder layering of src/ (scripts/layers.ts): no folder imports a higher layer or a
 * peer, so there is no folder cycle; and the check does catch a wrong import.
 */
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkLayers } from '../../scripts/layers.js';

describe('the layering of src/', () => {
  it('src/ follows it: no upward, sideways or unknown import', () => {
    expect(checkLayers(resolve(import.meta.dirname, '../../src')).map((v) => v.message)).toEqual(
      [],
    );
  });

  it('a deliberately wrong import fails it, static and dynamic, at its line', () => {
    const found = checkLayers(resolve(import.meta.dirname, '../fixtures/layers/src'));
    expect(
      found.map((v) => `${v.file.split('/').slice(-2).join('/')}:${v.line} ${v.from}->${v.to}`),
    ).toEqual([
      'content/read.ts:2 content->labs',
      'content/read.ts:5 content->labs',
      'mystery/x.ts:2 mystery->content',
    ]);
    expect(found[0]!.message).toMatch(/content\/ may not import labs\/, a higher layer/);
    expect(found[2]!.message).toMatch(/mystery\/ is not in LAYERS/);
  });
});
