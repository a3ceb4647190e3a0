/**
 * Discrete Option Multiple Choice, as in the DCA exam: options are shown one at a time in a
 * seeded random order and the learner says yes or no to each. The item ends as soon as its
 * outcome is known: a yes to a wrong option or a no to a right one fails it; accepting every
 * right option passes it (for a single-answer item, that is the yes to its key). The options
 * never shown are part of the record: they tell which distractors were never tested.
 */
import { shuffleOptions } from './random.js';
import type { Question } from './types.js';

export type DomcStatus = 'asking' | 'right' | 'wrong';

export interface DomcShown {
  readonly optionId: string;
  readonly said: 'yes' | 'no';
  /** Whether the option is a key. */
  readonly correct: boolean;
}

export interface DomcState {
  readonly questionId: string;
  /** Option ids in the order they will be offered. */
  readonly order: readonly string[];
  readonly keys: readonly string[];
  readonly shown: readonly DomcShown[];
  readonly status: DomcStatus;
}

export function startDomc(question: Pick<Question, 'id' | 'options'>, seed: string): DomcState {
  return {
    questionId: question.id,
    order: shuffleOptions(question, seed).map((o) => o.id),
    keys: question.options.filter((o) => o.correct).map((o) => o.id),
    shown: [],
    status: 'asking',
  };
}

/** The option id to show now, or undefined when the item is decided. */
export function currentOption(state: DomcState): string | undefined {
  return state.status === 'asking' ? state.order[state.shown.length] : undefined;
}

export function answerDomc(state: DomcState, yes: boolean): DomcState {
  const optionId = currentOption(state);
  if (optionId === undefined) return state;
  const correct = state.keys.includes(optionId);
  const shown = [...state.shown, { optionId, said: yes ? 'yes' : 'no', correct } as const];
  let status: DomcStatus = 'asking';
  if (yes !== correct) status = 'wrong';
  else if (state.keys.every((key) => shown.some((s) => s.optionId === key && s.said === 'yes')))
    status = 'right';
  else if (shown.length >= state.order.length) status = 'right'; // no keys at all: every no was right
  return { ...state, shown, status };
}

/** Option ids never shown because the item was decided before them. */
export function unshownOptions(state: DomcState): string[] {
  return state.order.slice(state.shown.length);
}
