/**
 * Grades an answer to a question. Choices are identified by option id, never by the
 * position they were shown at, so a shuffled paper grades the same as the source order.
 */
import { matchCommand, type MatchKind } from './command-match.js';
import type { Question } from './types.js';

export type Answer =
  /** single, multi, truefalse: the ids of the chosen options. */
  | { readonly kind: 'choice'; readonly optionIds: readonly string[] }
  /** command: what the learner typed. */
  | { readonly kind: 'command'; readonly text: string }
  /** order: step ids in the order the learner put them. */
  | { readonly kind: 'order'; readonly stepIds: readonly string[] };

const isStrings = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every((item) => typeof item === 'string');

/** Whether saved data (a resumed exam's answers) is an Answer this version understands. */
export function isAnswer(value: unknown): value is Answer {
  if (typeof value !== 'object' || value === null) return false;
  const answer = value as Record<string, unknown>;
  switch (answer.kind) {
    case 'choice':
      return isStrings(answer.optionIds);
    case 'command':
      return typeof answer.text === 'string';
    case 'order':
      return isStrings(answer.stepIds);
    default:
      return false;
  }
}

export type FeedbackStatus = 'chosen-correct' | 'chosen-wrong' | 'missed';

export interface OptionFeedback {
  readonly optionId: string;
  readonly status: FeedbackStatus;
  /** The option's `>` feedback, when the author wrote one. */
  readonly text?: string;
}

export interface GradeResult {
  readonly correct: boolean;
  /** 0..1 credit for multi and order answers that are partly right. */
  readonly partial?: number;
  /** Options to comment on: every chosen option and every missed key. */
  readonly feedback: readonly OptionFeedback[];
  readonly message: string;
  /** command questions: how close the typed command was. */
  readonly commandMatch?: MatchKind;
}

export function grade(question: Question, answer: Answer): GradeResult {
  switch (question.type) {
    case 'single':
    case 'truefalse':
    case 'multi':
      return gradeChoice(question, answer.kind === 'choice' ? answer.optionIds : []);
    case 'command':
      return gradeCommand(question, answer.kind === 'command' ? answer.text : '');
    case 'order':
      return gradeOrder(question, answer.kind === 'order' ? answer.stepIds : []);
  }
}

function gradeChoice(question: Question, chosenIds: readonly string[]): GradeResult {
  const chosen = new Set(chosenIds);
  const feedback: OptionFeedback[] = [];
  let right = 0;
  let wrong = 0;
  let missed = 0;
  for (const option of question.options) {
    const picked = chosen.has(option.id);
    if (!picked && !option.correct) continue;
    const status: FeedbackStatus = picked
      ? option.correct
        ? 'chosen-correct'
        : 'chosen-wrong'
      : 'missed';
    if (status === 'chosen-correct') right++;
    else if (status === 'chosen-wrong') wrong++;
    else missed++;
    feedback.push({
      optionId: option.id,
      status,
      ...(option.feedback ? { text: option.feedback } : {}),
    });
  }
  // Ids that are not options of this question (stale answer, bug) count as wrong choices.
  const known = new Set(question.options.map((o) => o.id));
  wrong += [...chosen].filter((id) => !known.has(id)).length;
  const keys = right + missed;
  const correct = wrong === 0 && missed === 0 && (question.type === 'multi' || chosen.size === 1);
  if (question.type !== 'multi') {
    const message = correct ? 'Correct.' : chosen.size === 0 ? 'No answer given.' : 'Not quite.';
    return { correct, feedback, message };
  }
  const partial = keys === 0 ? 0 : Math.max(0, (right - wrong) / keys);
  let message = 'Correct: you found every right option.';
  if (!correct) {
    const parts = [`${right} of ${keys} right option${keys === 1 ? '' : 's'} chosen`];
    if (wrong > 0) parts.push(`${wrong} wrong one${wrong === 1 ? '' : 's'} chosen`);
    message = `Not quite: ${parts.join(', ')}.`;
  }
  return { correct, partial: correct ? 1 : partial, feedback, message };
}

function gradeCommand(question: Question, text: string): GradeResult {
  const result = matchCommand(text, question.accept);
  return {
    correct: result.match === 'exact',
    feedback: [],
    message: result.message,
    commandMatch: result.match,
  };
}

function gradeOrder(question: Question, stepIds: readonly string[]): GradeResult {
  const expected = question.steps.map((s) => s.id);
  const inPlace = expected.filter((id, i) => stepIds[i] === id).length;
  const complete =
    stepIds.length === expected.length &&
    new Set(stepIds).size === expected.length &&
    stepIds.every((id) => expected.includes(id));
  const correct = complete && inPlace === expected.length;
  const partial = expected.length === 0 ? 0 : inPlace / expected.length;
  const message = correct
    ? 'Correct: every step is in the right place.'
    : complete
      ? `Not quite: ${inPlace} of ${expected.length} steps are in the right place.`
      : 'Not quite: put every step in the list exactly once.';
  return { correct, partial, feedback: [], message };
}
