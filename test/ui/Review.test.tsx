import { describe, expect, it } from 'vitest';
import { recordAnswer } from '../../src/progress/records.js';
import {
  nextDueLabel,
  Rating,
  reviveCard,
  serializeCard,
  type Grade,
} from '../../src/quiz/scheduler.js';
import { nextCard } from '../../src/quiz/study-record.js';
import { Review } from '../../src/ui/screens/Review.js';
import { makeServices, recordingNavigation, renderWith, waitForFrame } from './render-app.js';
import { manualClock, optionNumber, QUIZ_COURSE } from './quiz-helpers.js';

const card = (rating: Grade, at: Date) =>
  serializeCard(nextCard(undefined, rating, at)) as unknown as Record<string, unknown>;

describe('Review screen', () => {
  it('says nothing is due when there are no cards yet', async () => {
    const { lastFrame, unmount } = renderWith(<Review />, makeServices({ roots: [QUIZ_COURSE] }));
    await waitForFrame(lastFrame, 'Nothing due — you have no review cards yet.');
    unmount();
  });

  it('asks the due cards only, proposes a rating, takes an override and stores the new card', async () => {
    const clock = manualClock();
    const services = makeServices({ roots: [QUIZ_COURSE] });
    const long = new Date(clock.now() - 10 * 86_400_000);
    // Due now: answered wrong ten days ago (Again = due within minutes of then).
    recordAnswer(
      services.store,
      { questionId: 'qf-digests', correct: false, card: card(Rating.Again, long) },
      long,
    );
    // Not due: answered Easy just now.
    const fresh = new Date(clock.now());
    recordAnswer(
      services.store,
      { questionId: 'qf-tags-tf', correct: true, card: card(Rating.Easy, fresh) },
      fresh,
    );
    const before = reviveCard(services.store.read().questions['qf-digests']?.card);

    const { lastFrame, stdin, unmount } = renderWith(
      <Review now={clock.now} />,
      services,
      recordingNavigation(),
    );
    const frame = await waitForFrame(lastFrame, '1/1 due · qf-digests');
    clock.advance(3000); // fast and right: Easy
    stdin.write(optionNumber(frame, '--digests'));
    const rated = await waitForFrame(lastFrame, 'Rating: Easy');
    const at = new Date(clock.now());
    for (const [grade, name] of [
      [Rating.Again, 'Again'],
      [Rating.Hard, 'Hard'],
      [Rating.Good, 'Good'],
      [Rating.Easy, 'Easy'],
    ] as const)
      expect(rated).toMatch(
        new RegExp(`${grade} ${name}\\s+due ${nextDueLabel(nextCard(before, grade, at), at)}`),
      );

    stdin.write('2'); // override: Hard
    const done = await waitForFrame(lastFrame, 'Review done: 1 card reviewed.');
    const expected = nextCard(before, Rating.Hard, at);
    expect(done).toContain(`qf-digests: Hard, next due ${nextDueLabel(expected, at)}`);
    const stored = reviveCard(services.store.read().questions['qf-digests']?.card);
    expect(stored?.due.toISOString()).toBe(expected.due.toISOString());
    expect(stored?.reps).toBe((before?.reps ?? 0) + 1);
    // The soonest card now decides the "next due" line.
    const soonest = [
      stored?.due,
      reviveCard(services.store.read().questions['qf-tags-tf']?.card)?.due,
    ]
      .map((d) => d?.getTime() ?? Infinity)
      .reduce((a, b) => Math.min(a, b));
    expect(done).toContain(
      `Nothing due — next card due ${nextDueLabel({ due: new Date(soonest) }, at)}.`,
    );
    unmount();
  });

  it('enter keeps the proposed rating (a wrong answer is Again)', async () => {
    const clock = manualClock();
    const services = makeServices({ roots: [QUIZ_COURSE] });
    const long = new Date(clock.now() - 5 * 86_400_000);
    recordAnswer(
      services.store,
      { questionId: 'qf-default-bridge', correct: true, card: card(Rating.Good, long) },
      long,
    );
    const { lastFrame, stdin, unmount } = renderWith(<Review now={clock.now} />, services);
    const frame = await waitForFrame(lastFrame, 'qf-default-bridge');
    stdin.write(optionNumber(frame, 'host'));
    await waitForFrame(lastFrame, 'Rating: Again');
    stdin.write('\r');
    await waitForFrame(lastFrame, 'qf-default-bridge: Again, next due in');
    const stored = services.store.read().questions['qf-default-bridge'];
    expect(stored).toMatchObject({ attempts: 2, lastCorrect: false });
    // Again brings the card back within the hour, not days later.
    const due = reviveCard(stored?.card)?.due.getTime() ?? 0;
    expect(due - clock.now()).toBeGreaterThan(0);
    expect(due - clock.now()).toBeLessThan(3_600_000);
    unmount();
  });
});
