import { describe, expect, it } from 'vitest';
import {
  Rating,
  State,
  dueCards,
  dueIds,
  newCard,
  nextDueLabel,
  rate,
  ratingFromAnswer,
  reviveCard,
  serializeCard,
} from '../../src/quiz/scheduler.js';

const now = new Date('2025-03-01T10:00:00.000Z');
const DAY = 86_400_000;

describe('scheduler', () => {
  it('turns answers into ratings', () => {
    expect(ratingFromAnswer(false, 1_000, false)).toBe(Rating.Again);
    expect(ratingFromAnswer(true, 3_000, false)).toBe(Rating.Easy);
    expect(ratingFromAnswer(true, 20_000, false)).toBe(Rating.Good);
    expect(ratingFromAnswer(true, 120_000, false)).toBe(Rating.Hard);
    expect(ratingFromAnswer(true, 3_000, true)).toBe(Rating.Hard);
  });

  it('schedules, serialises to JSON with ISO dates and revives to Dates', () => {
    const card = rate(newCard(now), Rating.Good, now);
    expect(card.reps).toBe(1);
    expect(card.due.getTime()).toBeGreaterThan(now.getTime());
    const later = new Date(card.due.getTime() + 1000);
    const reviewed = rate(card, Rating.Good, later);
    const stored = JSON.parse(JSON.stringify(serializeCard(reviewed))) as unknown;
    expect(stored).toMatchObject({
      due: reviewed.due.toISOString(),
      last_review: later.toISOString(),
      reps: 2,
    });
    const revived = reviveCard(stored);
    expect(revived).toEqual(reviewed);
    expect(revived?.due).toBeInstanceOf(Date);
    expect(revived?.last_review).toBeInstanceOf(Date);
    // The revived card keeps scheduling exactly like the original.
    const next = new Date(reviewed.due.getTime() + DAY);
    expect(rate(revived!, Rating.Easy, next)).toEqual(rate(reviewed, Rating.Easy, next));
  });

  it('Again after a review sends the card to relearning, sooner than Good would', () => {
    const learned = rate(
      rate(newCard(now), Rating.Good, now),
      Rating.Good,
      new Date(now.getTime() + DAY),
    );
    const when = new Date(learned.due.getTime());
    const again = rate(learned, Rating.Again, when);
    const good = rate(learned, Rating.Good, when);
    expect(again.lapses).toBe(learned.lapses + 1);
    expect(again.due.getTime()).toBeLessThan(good.due.getTime());
    expect([State.Relearning, State.Learning]).toContain(again.state);
  });

  it('revives a new card without last_review and rejects garbage', () => {
    const fresh = serializeCard(newCard(now));
    expect(fresh).not.toHaveProperty('last_review');
    expect(reviveCard(fresh)).toEqual(newCard(now));
    expect(reviveCard({ ...fresh, due: 'yesterday' })).toBeUndefined();
    expect(reviveCard({ ...fresh, state: 9 })).toBeUndefined();
    expect(reviveCard(null)).toBeUndefined();
  });

  it('finds due cards, most overdue first', () => {
    const a = { ...newCard(now), due: new Date(now.getTime() - DAY) };
    const b = { ...newCard(now), due: new Date(now.getTime() - 2 * DAY) };
    const c = { ...newCard(now), due: new Date(now.getTime() + DAY) };
    expect(dueCards([a, b, c], now)).toEqual([b, a]);
    expect(dueIds({ a, b, c }, now)).toEqual(['b', 'a']);
  });

  it('labels the next due date', () => {
    const at = (ms: number) => ({ due: new Date(now.getTime() + ms) });
    expect(nextDueLabel(at(-5), now)).toBe('now');
    expect(nextDueLabel(at(10 * 60_000), now)).toBe('in 10 minutes');
    expect(nextDueLabel(at(60_000), now)).toBe('in 1 minute');
    expect(nextDueLabel(at(5 * 3_600_000), now)).toBe('in 5 hours');
    expect(nextDueLabel(at(59.7 * 60_000), now)).toBe('in 1 hour');
    expect(nextDueLabel(at(3 * DAY), now)).toBe('in 3 days');
    expect(nextDueLabel(at(DAY), now)).toBe('in 1 day');
    expect(nextDueLabel(at(90 * DAY), now)).toBe('in 3 months');
  });
});
