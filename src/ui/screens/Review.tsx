/**
 * Spaced review: the questions whose FSRS card is due now, across every bank, most overdue
 * first. After each answer the screen proposes a rating from correctness and effort and
 * shows when the card would come back for each rating; 1-4 overrides it, enter accepts it.
 */
import { Box, Text, useInput } from 'ink';
import { useCallback, useMemo, useRef, useState } from 'react';
import { grade, type Answer, type GradeResult } from '../../quiz/grade.js';
import { loadQuestions } from '../../quiz/load-questions.js';
import {
  dueIds,
  nextDueLabel,
  ratingFromAnswer,
  type Card,
  type Grade,
} from '../../quiz/scheduler.js';
import {
  GRADES,
  nextCard,
  RATING_NAMES,
  recordStudyAnswer,
  storedCard,
  storedCards,
} from '../../quiz/study-record.js';
import { useServices } from '../app-context.js';
import { AnswerFeedback } from '../components/AnswerFeedback.js';
import { askHints, QuestionView } from '../components/QuestionView.js';
import { ScreenFrame } from '../components/ScreenFrame.js';
import { useKeptState } from '../hooks/use-kept-state.js';
import { useTerminalSize } from '../hooks/use-terminal-size.js';
import { useNavigation } from '../navigation.js';
import type { Route } from '../screens.js';

export interface ReviewProps {
  readonly route?: Extract<Route, { name: 'review' }>;
  readonly now?: () => number;
}

interface ReviewState {
  readonly queue: readonly string[];
  readonly index: number;
  readonly phase: 'ask' | 'rate' | 'done';
  readonly answer?: Answer;
  readonly result?: GradeResult;
  readonly auto?: Grade;
  readonly hintShown: boolean;
  /** "image-tags: next due in 3 days", after each rating. */
  readonly saved?: string;
  readonly reviewed: number;
}

/** "in 3 days" for the soonest card, or undefined when there are no cards. */
function soonestDue(cards: Record<string, Card>, now: Date): string | undefined {
  const dues = Object.values(cards).map((c) => c.due.getTime());
  if (dues.length === 0) return undefined;
  return nextDueLabel({ due: new Date(Math.min(...dues)) }, now);
}

export function Review({ route: given, now = Date.now }: ReviewProps) {
  // Without a route (tests, embedding) the state belongs to this mount alone.
  const [own] = useState(() => ({ name: 'review' }) as const);
  const route = given ?? own;
  const { roots, store } = useServices();
  const { back } = useNavigation();
  const { columns, rows } = useTerminalSize();
  const catalog = useMemo(() => loadQuestions(roots), [roots]);
  const known = useCallback((id: string) => catalog.byId.has(id), [catalog]);
  const [state, setState] = useKeptState<ReviewState>(route, 'review', () => {
    const queue = dueIds(storedCards(store, known), new Date(now()));
    return { queue, index: 0, phase: queue.length ? 'ask' : 'done', hintShown: false, reviewed: 0 };
  });
  const [typing, setTyping] = useState(false);
  const askedAt = useRef(now());
  const width = Math.max(30, columns - 2);
  const body = Math.max(8, rows - 7);
  const question = catalog.byId.get(state.queue[state.index] ?? '');

  const previews = useMemo(() => {
    if (state.phase !== 'rate' || !question) return [];
    const at = new Date(now());
    const card = storedCard(store, question.id);
    return GRADES.map((g) => ({ grade: g, label: nextDueLabel(nextCard(card, g, at), at) }));
    // `now` is read once per answer on purpose: the previews must not move while shown.
  }, [state.phase, question, store]);

  const onAnswer = useCallback(
    (answer: Answer) => {
      if (!question) return;
      const result = grade(question, answer);
      const auto = ratingFromAnswer(result.correct, now() - askedAt.current, state.hintShown);
      setState((s) => ({ ...s, phase: 'rate', answer, result, auto }));
    },
    [question, now, state.hintShown, setState],
  );

  const rateAs = (rating: Grade) => {
    if (!question || !state.answer || !state.result) return;
    const at = new Date(now());
    const card = recordStudyAnswer(
      store,
      {
        questionId: question.id,
        correct: state.result.correct,
        answer: state.answer,
        rating,
      },
      at,
    );
    askedAt.current = now();
    setState((s) => {
      const { answer: _a, result: _r, auto: _g, ...rest } = s;
      const index = s.index + 1;
      return {
        ...rest,
        index,
        phase: index < s.queue.length ? 'ask' : 'done',
        hintShown: false,
        reviewed: s.reviewed + 1,
        saved: `${question.id}: ${RATING_NAMES[rating]}, next due ${nextDueLabel(card, at)}`,
      };
    });
  };

  useInput(
    (input, key) => {
      if (key.escape || input === 'q') return back();
      if (state.phase === 'ask' && input === 'h' && question?.hint)
        setState((s) => ({ ...s, hintShown: true }));
      if (state.phase === 'rate') {
        if (/^[1-4]$/.test(input)) rateAs(Number(input) as Grade);
        else if (key.return && state.auto) rateAs(state.auto);
      }
    },
    { isActive: !typing },
  );

  if (state.phase === 'done' || !question) {
    const next = soonestDue(storedCards(store, known), new Date(now()));
    return (
      <ScreenFrame
        title="Review"
        subtitle="spaced repetition"
        hints={[{ keys: 'q/esc', action: 'back' }]}
      >
        {state.reviewed > 0 ? (
          <Text color="green">
            Review done: {state.reviewed} card{state.reviewed === 1 ? '' : 's'} reviewed.
          </Text>
        ) : null}
        {state.saved ? <Text dimColor>{state.saved}</Text> : null}
        <Text>
          {next
            ? `Nothing due — next card due ${next}.`
            : 'Nothing due — you have no review cards yet. Practise some questions first (Quizzes).'}
        </Text>
      </ScreenFrame>
    );
  }

  const hints =
    state.phase === 'ask'
      ? [
          ...askHints(question, typing),
          ...(question.hint && !typing ? [{ keys: 'h', action: 'hint' }] : []),
          ...(typing ? [] : [{ keys: 'q/esc', action: 'back' }]),
        ]
      : [
          { keys: '1-4', action: 'rate' },
          { keys: 'enter', action: 'accept the rating' },
          { keys: '↑↓', action: 'scroll' },
          { keys: 'q/esc', action: 'back' },
        ];
  const status = `${state.index + 1}/${state.queue.length} due`;
  const hintRow = state.hintShown && question.hint && state.phase === 'ask' ? 1 : 0;
  return (
    <ScreenFrame title="Review" subtitle={`${status} · ${question.id}`} hints={hints}>
      {state.saved ? (
        <Text dimColor wrap="truncate-end">
          {state.saved}
        </Text>
      ) : (
        <Text> </Text>
      )}
      {state.phase === 'ask' ? (
        <QuestionView
          key={`${state.index}:${question.id}`}
          question={question}
          seed={`review:${question.id}:${state.reviewed}`}
          width={width}
          height={body - 1 - hintRow}
          active
          onAnswer={onAnswer}
          onTyping={setTyping}
        />
      ) : (
        <Box flexDirection="column">
          <AnswerFeedback
            question={question}
            answer={state.answer}
            result={state.result}
            seed={`review:${question.id}:${state.reviewed}`}
            width={width}
            height={body - 4}
            active
          />
          <Text>
            Rating: <Text bold>{state.auto ? RATING_NAMES[state.auto] : '?'}</Text>
            <Text dimColor> (from your answer and time; enter keeps it, 1-4 changes it)</Text>
          </Text>
          {[previews.slice(0, 2), previews.slice(2)].map((pair, row) => (
            <Text key={row}>
              {pair.map((p) => (
                <Text key={p.grade}>
                  <Text bold color={p.grade === state.auto ? 'cyan' : undefined}>
                    {p.grade} {RATING_NAMES[p.grade].padEnd(5)}
                  </Text>
                  <Text dimColor>{` due ${p.label}`.padEnd(28)}</Text>
                </Text>
              ))}
            </Text>
          ))}
        </Box>
      )}
      {hintRow ? (
        <Text color="magenta" wrap="truncate-end">
          Hint: {question.hint}
        </Text>
      ) : null}
    </ScreenFrame>
  );
}
