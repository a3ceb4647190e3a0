/**
 * Spaced review with FSRS (ts-fsrs 5). One card per question; answers turn into ratings,
 * ratings into the next due date. Cards are stored as JSON (dates as ISO strings) in the
 * progress store and revived into Dates when read back.
 */
import { createEmptyCard, fsrs, Rating, State, type Card, type Grade } from 'ts-fsrs';
import { z } from 'zod';

export { Rating, State, type Card, type Grade };

// No fuzz: the same answers on the same days give the same schedule (testable, explainable).
const scheduler = fsrs({ enable_fuzz: false });

export function newCard(now: Date): Card {
  return createEmptyCard(now);
}

export function rate(card: Card, rating: Grade, now: Date): Card {
  return scheduler.next(card, now, rating).card;
}

export interface RatingThresholds {
  /** Correct but slower than this (ms) counts as Hard. */
  readonly slowMs: number;
  /** Correct and faster than this (ms), without a hint, counts as Easy. */
  readonly fastMs: number;
}

export const DEFAULT_THRESHOLDS: RatingThresholds = { slowMs: 45_000, fastMs: 8_000 };

export function ratingFromAnswer(
  correct: boolean,
  msTaken: number,
  hintUsed: boolean,
  thresholds = DEFAULT_THRESHOLDS,
): Grade {
  if (!correct) return Rating.Again;
  if (hintUsed || msTaken > thresholds.slowMs) return Rating.Hard;
  if (msTaken < thresholds.fastMs) return Rating.Easy;
  return Rating.Good;
}

export interface SerializedCard {
  due: string;
  stability: number;
  difficulty: number;
  elapsed_days: number;
  scheduled_days: number;
  learning_steps: number;
  reps: number;
  lapses: number;
  state: State;
  last_review?: string;
}

export function serializeCard(card: Card): SerializedCard {
  return {
    due: card.due.toISOString(),
    stability: card.stability,
    difficulty: card.difficulty,
    elapsed_days: card.elapsed_days,
    scheduled_days: card.scheduled_days,
    learning_steps: card.learning_steps,
    reps: card.reps,
    lapses: card.lapses,
    state: card.state,
    ...(card.last_review ? { last_review: card.last_review.toISOString() } : {}),
  };
}

const isoDate = z.iso.datetime({ offset: true }).transform((text) => new Date(text));
const count = z.number().int().min(0);
const serializedCardSchema = z.object({
  due: isoDate,
  stability: z.number().min(0),
  difficulty: z.number().min(0),
  elapsed_days: z.number().min(0),
  scheduled_days: z.number().min(0),
  learning_steps: count.default(0),
  reps: count,
  lapses: count,
  state: z.enum(State),
  last_review: isoDate.optional(),
});

/** A card read back from storage, or undefined when the stored value is not a card. */
export function reviveCard(data: unknown): Card | undefined {
  const result = serializedCardSchema.safeParse(data);
  if (!result.success) return undefined;
  const { last_review, ...rest } = result.data;
  return { ...rest, ...(last_review ? { last_review } : {}) };
}

/** The cards due at `now`, most overdue first. */
export function dueCards<T extends { readonly due: Date }>(cards: readonly T[], now: Date): T[] {
  return cards
    .filter((card) => card.due.getTime() <= now.getTime())
    .sort((a, b) => a.due.getTime() - b.due.getTime());
}

/** Ids of the due cards in a record keyed by question id, most overdue first. */
export function dueIds(cards: Readonly<Record<string, Card>>, now: Date): string[] {
  return Object.entries(cards)
    .filter(([, card]) => card.due.getTime() <= now.getTime())
    .sort(([, a], [, b]) => a.due.getTime() - b.due.getTime())
    .map(([id]) => id);
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** When the card is due next, in words: "now", "in 10 minutes", "in 3 days", "in 2 months". */
export function nextDueLabel(card: Pick<Card, 'due'>, now: Date): string {
  const ms = card.due.getTime() - now.getTime();
  if (ms <= 0) return 'now';
  const plural = (n: number, unit: string) => `in ${n} ${unit}${n === 1 ? '' : 's'}`;
  // Round first, then pick the unit, so 59.7 minutes reads "in 1 hour", not "in 60 minutes".
  const minutes = Math.max(1, Math.round(ms / MINUTE));
  if (minutes < 60) return plural(minutes, 'minute');
  const hours = Math.round(ms / HOUR);
  if (hours < 24) return plural(hours, 'hour');
  const days = Math.round(ms / DAY);
  if (days < 31) return plural(days, 'day');
  if (days < 365) return plural(Math.round(days / 30), 'month');
  return plural(Math.round(days / 365), 'year');
}
