import { describe, expect, it } from 'vitest';
import { grade } from '../../src/quiz/grade.js';
import { parseBank } from '../../src/quiz/parse-bank.js';
import { seededShuffle, shuffleOptions, shuffleSteps } from '../../src/quiz/random.js';
import type { Question } from '../../src/quiz/types.js';

const bank = parseBank(
  `---
domain: images
---
### one
Which one?

- [ ] alpha
  > alpha is wrong because of A.
- [x] beta
  > beta is right.
- [ ] gamma

#### Explanation
E

### many
\`\`\`yaml
type: multi
\`\`\`
Which ones?

- [x] red
- [x] green
  > green counts.
- [ ] blue
  > blue does not.
- [ ] black

#### Explanation
E

### tf
\`\`\`yaml
type: truefalse
\`\`\`
Layers are read-only.

- [x] True
- [ ] False

#### Explanation
E

### cmd
\`\`\`yaml
type: command
\`\`\`
List image digests.

#### Accept
- \`docker image ls --digests\`

#### Explanation
E

### steps
\`\`\`yaml
type: order
\`\`\`
Order them.

1. first
2. second
3. third

#### Explanation
E
`,
  'grade.quiz.md',
);

function q(id: string): Question {
  const found = bank.bank.questions.find((question) => question.id === id);
  if (!found) throw new Error(`missing ${id}: ${JSON.stringify(bank.problems)}`);
  return found;
}
const idOf = (question: Question, text: string) =>
  question.options.find((o) => o.text === text)?.id ?? 'none';
const choose = (question: Question, ...texts: string[]) => ({
  kind: 'choice' as const,
  optionIds: texts.map((t) => idOf(question, t)),
});

describe('grade', () => {
  it('bank parsed cleanly', () => {
    expect(bank.problems).toEqual([]);
  });

  it('single: right, wrong with feedback for the chosen and the missed key, and none', () => {
    const one = q('one');
    expect(grade(one, choose(one, 'beta'))).toMatchObject({
      correct: true,
      feedback: [{ status: 'chosen-correct', text: 'beta is right.' }],
    });
    const wrong = grade(one, choose(one, 'alpha'));
    expect(wrong.correct).toBe(false);
    expect(wrong.feedback).toEqual([
      {
        optionId: idOf(one, 'alpha'),
        status: 'chosen-wrong',
        text: 'alpha is wrong because of A.',
      },
      { optionId: idOf(one, 'beta'), status: 'missed', text: 'beta is right.' },
    ]);
    expect(grade(one, choose(one, 'beta', 'alpha')).correct).toBe(false);
    expect(grade(one, { kind: 'choice', optionIds: [] })).toMatchObject({
      correct: false,
      message: 'No answer given.',
    });
  });

  it('multi: all keys and nothing else is right; otherwise partial credit', () => {
    const many = q('many');
    expect(grade(many, choose(many, 'green', 'red'))).toMatchObject({ correct: true, partial: 1 });
    const half = grade(many, choose(many, 'red'));
    expect(half).toMatchObject({
      correct: false,
      partial: 0.5,
      message: 'Not quite: 1 of 2 right options chosen.',
    });
    expect(half.feedback.map((f) => f.status)).toEqual(['chosen-correct', 'missed']);
    expect(grade(many, choose(many, 'red', 'green', 'blue'))).toMatchObject({
      correct: false,
      partial: 0.5,
    });
    expect(grade(many, choose(many, 'blue', 'black')).partial).toBe(0);
  });

  it('truefalse', () => {
    const tf = q('tf');
    expect(grade(tf, choose(tf, 'True')).correct).toBe(true);
    expect(grade(tf, choose(tf, 'False')).correct).toBe(false);
  });

  it('an unknown option id never counts as right', () => {
    const one = q('one');
    expect(grade(one, { kind: 'choice', optionIds: [idOf(one, 'beta'), 'o-stale'] }).correct).toBe(
      false,
    );
  });

  it('command: exact, close with the difference, wrong', () => {
    const cmd = q('cmd');
    expect(grade(cmd, { kind: 'command', text: 'docker images --digests' })).toMatchObject({
      correct: true,
      commandMatch: 'exact',
    });
    expect(grade(cmd, { kind: 'command', text: 'docker images' })).toMatchObject({
      correct: false,
      commandMatch: 'close',
      message: 'close: you are missing `--digests`',
    });
    expect(grade(cmd, { kind: 'command', text: 'docker ps' }).commandMatch).toBe('wrong');
  });

  it('order: by step identity, with the share of steps in place', () => {
    const steps = q('steps');
    const [a, b, c] = steps.steps.map((s) => s.id) as [string, string, string];
    expect(grade(steps, { kind: 'order', stepIds: [a, b, c] })).toMatchObject({
      correct: true,
      partial: 1,
    });
    expect(grade(steps, { kind: 'order', stepIds: [a, c, b] })).toMatchObject({
      correct: false,
      message: 'Not quite: 1 of 3 steps are in the right place.',
    });
    expect(grade(steps, { kind: 'order', stepIds: [a, b] }).correct).toBe(false);
    expect(grade(steps, { kind: 'order', stepIds: [a, b, b] }).correct).toBe(false);
  });
});

describe('seeded shuffle', () => {
  it('is the same for the same seed and differs across seeds', () => {
    const items = Array.from({ length: 20 }, (_, i) => i);
    expect(seededShuffle(items, 'paper-1')).toEqual(seededShuffle(items, 'paper-1'));
    expect(seededShuffle(items, 'paper-1')).not.toEqual(seededShuffle(items, 'paper-2'));
    expect([...seededShuffle(items, 'paper-1')].sort((x, y) => x - y)).toEqual(items);
  });

  it('shuffles each question with its own seed, and grading follows identity, not position', () => {
    const one = q('one');
    const shown = shuffleOptions(one, 'seed-42');
    expect(shown.map((o) => o.id)).toEqual(shuffleOptions(one, 'seed-42').map((o) => o.id));
    // Some seed puts the key somewhere other than its source position; the answer still grades right.
    const seed = ['a', 'b', 'c', 'd', 'e', 'f', 'g'].find(
      (s) => shuffleOptions(one, s).findIndex((o) => o.correct) !== 1,
    );
    expect(seed).toBeDefined();
    const paper = shuffleOptions(one, seed as string);
    const shownKey = paper.find((o) => o.correct);
    expect(grade(one, { kind: 'choice', optionIds: [shownKey?.id ?? ''] }).correct).toBe(true);
    // Picking "the second option shown" is graded by what it is, not by where the key was in the source.
    const second = paper[1];
    expect(grade(one, { kind: 'choice', optionIds: [second?.id ?? ''] }).correct).toBe(
      second?.correct,
    );
  });

  it('does not show order steps already in order', () => {
    const steps = q('steps');
    for (const seed of ['s1', 's2', 's3', 's4', 's5', 's6']) {
      expect(shuffleSteps(steps, seed).map((s) => s.id)).not.toEqual(steps.steps.map((s) => s.id));
    }
  });
});
