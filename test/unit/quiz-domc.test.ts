import { describe, expect, it } from 'vitest';
import {
  answerDomc,
  currentOption,
  startDomc,
  unshownOptions,
  type DomcState,
} from '../../src/quiz/domc.js';
import type { QuizOption } from '../../src/quiz/types.js';

const option = (id: string, correct: boolean): QuizOption => ({ id, text: id, correct, line: 1 });
const single = {
  id: 'single-q',
  options: [option('k', true), option('d1', false), option('d2', false), option('d3', false)],
};
const multi = {
  id: 'multi-q',
  options: [option('k1', true), option('k2', true), option('d1', false), option('d2', false)],
};

/** Answers truthfully until the item is decided. */
function answerTruthfully(state: DomcState): DomcState {
  let s = state;
  for (let id = currentOption(s); id !== undefined; id = currentOption(s))
    s = answerDomc(s, s.keys.includes(id));
  return s;
}

describe('DOMC', () => {
  it('offers options in a seeded order, the same for the same seed', () => {
    expect(startDomc(single, 'x').order).toEqual(startDomc(single, 'x').order);
    expect([...startDomc(single, 'x').order].sort()).toEqual(['d1', 'd2', 'd3', 'k']);
    const orders = new Set(
      ['a', 'b', 'c', 'd', 'e', 'f'].map((seed) => startDomc(single, seed).order.join()),
    );
    expect(orders.size).toBeGreaterThan(1);
  });

  it('single answer: right as soon as the key gets a yes, leaving the rest unshown', () => {
    const seed = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'].find(
      (s) => startDomc(single, s).order.indexOf('k') === 1,
    ) as string;
    const end = answerTruthfully(startDomc(single, seed));
    expect(end.status).toBe('right');
    expect(end.shown.map((s) => [s.said, s.correct])).toEqual([
      ['no', false],
      ['yes', true],
    ]);
    expect(unshownOptions(end)).toHaveLength(2);
    expect(currentOption(end)).toBeUndefined();
  });

  it('stops wrong at a yes to a distractor', () => {
    const seed = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'].find(
      (x) => startDomc(single, x).order[0] !== 'k',
    ) as string;
    let s = startDomc(single, seed);
    const first = currentOption(s);
    s = answerDomc(s, true);
    expect(s.status).toBe('wrong');
    expect(s.shown).toEqual([{ optionId: first, said: 'yes', correct: false }]);
    expect(unshownOptions(s)).toHaveLength(3);
    expect(answerDomc(s, true)).toBe(s); // decided: further answers change nothing
  });

  it('stops wrong at a no to a key, after correct noes to distractors', () => {
    const seed = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'].find((x) =>
      startDomc(multi, x).order[0]?.startsWith('d'),
    ) as string;
    let s = startDomc(multi, seed);
    while (s.status === 'asking') s = answerDomc(s, false);
    expect(s.status).toBe('wrong');
    expect(s.shown[0]).toMatchObject({ said: 'no', correct: false });
    expect(s.shown[s.shown.length - 1]).toMatchObject({ said: 'no', correct: true });
    expect(s.shown.filter((x) => x.correct)).toHaveLength(1);
  });

  it('multi: right only when every key has been accepted', () => {
    const end = answerTruthfully(startDomc(multi, 'any'));
    expect(end.status).toBe('right');
    expect(
      end.shown
        .filter((s) => s.said === 'yes')
        .map((s) => s.optionId)
        .sort(),
    ).toEqual(['k1', 'k2']);
    // The last option shown is the second key: distractors after it are never shown.
    expect(end.shown[end.shown.length - 1]?.correct).toBe(true);
    expect(end.shown.length + unshownOptions(end).length).toBe(4);
  });
});
