/**
 * The bookkeeping of a practice or review answer: read the question's FSRS card from the
 * progress store, rate it, and record the answer with the new card. Plain TypeScript so the
 * screens stay thin and the scheduling rules are testable without a terminal.
 */
import { recordAnswer } from '../progress/records.js';
import type { ProgressStore } from '../progress/store.js';
import type { Answer } from './grade.js';
import {
  newCard,
  rate,
  Rating,
  reviveCard,
  serializeCard,
  type Card,
  type Grade,
} from './scheduler.js';

export const RATING_NAMES: Readonly<Record<Grade, string>> = {
  [Rating.Again]: 'Again',
  [Rating.Hard]: 'Hard',
  [Rating.Good]: 'Good',
  [Rating.Easy]: 'Easy',
};

export const GRADES: readonly Grade[] = [Rating.Again, Rating.Hard, Rating.Good, Rating.Easy];

/** The stored card of a question, or undefined when it has none (or it is unreadable). */
export function storedCard(store: ProgressStore, questionId: string): Card | undefined {
  return reviveCard(store.read().questions[questionId]?.card);
}

/** Every stored card whose question is still in the course, keyed by question id. */
export function storedCards(
  store: ProgressStore,
  known: (questionId: string) => boolean,
): Record<string, Card> {
  const cards: Record<string, Card> = {};
  for (const [id, progress] of Object.entries(store.read().questions)) {
    if (!known(id)) continue;
    const card = reviveCard(progress.card);
    if (card) cards[id] = card;
  }
  return cards;
}

/** The card after `rating`, starting from `card` (or a new card). Does not save. */
export function nextCard(card: Card | undefined, rating: Grade, now: Date): Card {
  return rate(card ?? newCard(now), rating, now);
}

export interface StudyAnswer {
  readonly questionId: string;
  readonly correct: boolean;
  readonly answer: Answer;
  readonly rating: Grade;
}

/** Rates the question's card and records the answer with it; returns the new card. */
export function recordStudyAnswer(store: ProgressStore, entry: StudyAnswer, now: Date): Card {
  const card = nextCard(storedCard(store, entry.questionId), entry.rating, now);
  recordAnswer(
    store,
    {
      questionId: entry.questionId,
      correct: entry.correct,
      answer: entry.answer,
      card: serializeCard(card) as unknown as Record<string, unknown>,
    },
    now,
  );
  return card;
}
