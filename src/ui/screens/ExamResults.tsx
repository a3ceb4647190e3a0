/**
 * The end of an exam: score, PASS/FAIL against the mark, a bar per domain, time used; then
 * (enter) a walk through every item with the learner's answer, the key and the explanation.
 */
import { Box, Text, useInput } from 'ink';
import { useState } from 'react';
import { DOMAINS, isDomainId } from '../../content/domains.js';
import type { ExamResult } from '../../quiz/exam-session.js';
import type { Question } from '../../quiz/types.js';
import { AnswerFeedback } from '../components/AnswerFeedback.js';
import { barText } from '../components/Bar.js';
import { ScreenFrame } from '../components/ScreenFrame.js';
import { formatClock } from '../components/TimerBar.js';
import { useTerminalSize } from '../hooks/use-terminal-size.js';

export interface ExamResultsProps {
  readonly result: ExamResult;
  readonly questions: readonly Question[];
  /** The paper's seed (fixes the option order shown in the walk-through). */
  readonly seed: string;
  readonly timeLimitMs: number;
  readonly onDone: () => void;
}

export function domainTitle(domain: string): string {
  return isDomainId(domain) ? DOMAINS[domain].title : domain;
}

export function ExamResults({ result, questions, seed, timeLimitMs, onDone }: ExamResultsProps) {
  const { columns, rows } = useTerminalSize();
  const [walk, setWalk] = useState<number>();
  const byId = new Map(questions.map((q) => [q.id, q]));
  const count = result.items.length;

  useInput((input, key) => {
    if (walk === undefined) {
      if (key.return && count > 0) setWalk(0);
      else if (key.escape || input === 'q') onDone();
      return;
    }
    if (key.rightArrow || input === 'n') setWalk((w) => Math.min(count - 1, (w ?? 0) + 1));
    else if (key.leftArrow || input === 'p') setWalk((w) => Math.max(0, (w ?? 0) - 1));
    else if (key.escape || input === 'b') setWalk(undefined);
    else if (input === 'q') onDone();
  });

  if (walk !== undefined) {
    const item = result.items[walk];
    const question = item ? byId.get(item.questionId) : undefined;
    return (
      <ScreenFrame
        title="Exam answers"
        subtitle={`${walk + 1}/${count} · ${item?.questionId ?? ''}${item?.flagged ? ' · ⚑ flagged' : ''}`}
        hints={[
          { keys: '←→/n p', action: 'item' },
          { keys: '↑↓', action: 'scroll' },
          { keys: 'esc/b', action: 'summary' },
          { keys: 'q', action: 'done' },
        ]}
      >
        {question && item ? (
          <AnswerFeedback
            key={item.questionId}
            question={question}
            answer={item.answer}
            result={item.grade}
            seed={seed}
            width={Math.max(30, columns - 2)}
            height={Math.max(6, rows - 7)}
            active
          />
        ) : (
          <Text>This question is no longer in the course.</Text>
        )}
      </ScreenFrame>
    );
  }

  const labelWidth = Math.min(
    28,
    Math.max(...result.perDomain.map((d) => domainTitle(d.domain).length), 8),
  );
  const barWidth = Math.max(5, Math.min(24, columns - labelWidth - 20));
  return (
    <ScreenFrame
      title="Exam results"
      subtitle={result.seed ? `seed ${result.seed}` : undefined}
      hints={[
        ...(count ? [{ keys: 'enter', action: 'walk through the answers' }] : []),
        { keys: 'q/esc', action: 'done' },
      ]}
    >
      <Text bold>
        Score: {result.scorePercent}% ({result.correct}/{result.total}){' '}
        <Text color={result.passed ? 'green' : 'red'}>{result.passed ? 'PASS' : 'FAIL'}</Text>
        <Text dimColor> · pass mark {result.passMark}%</Text>
      </Text>
      <Text>
        Time used: {formatClock(result.timeUsedMs)} of {formatClock(timeLimitMs)}
        {result.timedOut ? (
          <Text color="yellow"> (time ran out: submitted automatically)</Text>
        ) : null}
      </Text>
      <Box flexDirection="column" marginTop={1}>
        <Text underline>By domain</Text>
        {result.perDomain.map((d) => (
          <Text key={d.domain} wrap="truncate-end">
            {domainTitle(d.domain).slice(0, labelWidth).padEnd(labelWidth)}{' '}
            <Text
              color={d.total && d.correct / d.total >= result.passMark / 100 ? 'green' : 'yellow'}
            >
              {barText(d.correct, d.total, barWidth)}
            </Text>{' '}
            {d.correct}/{d.total}
          </Text>
        ))}
      </Box>
      <Text dimColor>
        {result.items.filter((i) => !i.answer).length} unanswered ·{' '}
        {result.items.filter((i) => i.flagged).length} flagged
      </Text>
    </ScreenFrame>
  );
}
