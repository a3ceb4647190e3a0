/**
 * What the learner sees after answering: a one-line verdict (right, close, wrong), then a
 * scrollable markdown document with every option marked (and its `>` feedback), the typed
 * command against the accepted one, or the order given against the right order; then the
 * explanation and the lesson section it comes from.
 */
import { Box, Text, useInput } from 'ink';
import { memo, useMemo, useState } from 'react';
import type { Answer, GradeResult } from '../../quiz/grade.js';
import { shuffleOptions } from '../../quiz/random.js';
import type { Question } from '../../quiz/types.js';
import { useMarkdown } from '../hooks/use-markdown.js';
import { MarkdownView } from './Markdown.js';

export type Verdict = 'right' | 'close' | 'wrong';

export function verdictOf(result: GradeResult | undefined): Verdict {
  if (!result) return 'wrong';
  if (result.correct) return 'right';
  return result.commandMatch === 'close' ? 'close' : 'wrong';
}

const VERDICT_STYLE: Record<Verdict, { mark: string; color: string }> = {
  right: { mark: '✓', color: 'green' },
  close: { mark: '≈', color: 'yellow' },
  wrong: { mark: '✗', color: 'red' },
};

/** The verdict line's text, e.g. "✓ Correct." or "≈ close: you are missing `--digests`". */
export function verdictLine(result: GradeResult | undefined): string {
  const verdict = verdictOf(result);
  return `${VERDICT_STYLE[verdict].mark} ${result ? result.message : 'Not answered.'}`;
}

/** Inline code that survives any backticks inside the command. */
function code(text: string): string {
  const fence = text.includes('`') ? '`` ' : '`';
  return `${fence}${text}${fence.split('').reverse().join('')}`;
}

/** The feedback document (markdown) for an answer; `answer` undefined = not answered. */
export function feedbackMarkdown(
  question: Question,
  answer: Answer | undefined,
  result: GradeResult | undefined,
  seed: string,
): string {
  const parts: string[] = [];
  if (question.type === 'command') {
    parts.push(
      answer?.kind === 'command' ? `You typed: ${code(answer.text)}` : 'You gave no answer.',
    );
    const [first, ...others] = question.accept;
    if (first)
      parts.push(
        `Accepted: ${code(first)}${others.length ? ` (or ${others.map(code).join(', ')})` : ''}`,
      );
  } else if (question.type === 'order') {
    const given = answer?.kind === 'order' ? answer.stepIds : [];
    const byId = new Map(question.steps.map((s) => [s.id, s]));
    if (given.length) {
      parts.push(
        'Your order:\n\n' +
          given
            .map(
              (id, i) =>
                `${i + 1}. ${question.steps[i]?.id === id ? '✓' : '✗'} ${byId.get(id)?.text ?? id}`,
            )
            .join('\n'),
      );
    }
    parts.push(
      'The right order:\n\n' + question.steps.map((s, i) => `${i + 1}. ${s.text}`).join('\n'),
    );
  } else {
    const chosen = new Set(answer?.kind === 'choice' ? answer.optionIds : []);
    const notes = new Map((result?.feedback ?? []).map((f) => [f.optionId, f.text]));
    const lines = shuffleOptions(question, seed).map((option) => {
      const picked = chosen.has(option.id);
      const label = picked
        ? option.correct
          ? '✓ your answer, right:'
          : '✗ your answer, wrong:'
        : option.correct
          ? '○ missed, this is right:'
          : '·';
      // Feedback of an option the learner neither chose nor missed is still worth reading.
      const feedback = notes.get(option.id) ?? option.feedback;
      return `- ${label} ${option.text}${feedback ? `  \n  *${feedback}*` : ''}`;
    });
    parts.push(lines.join('\n'));
  }
  parts.push(`**Explanation**\n\n${question.explanation}`);
  if (question.ref) parts.push(`Lesson: \`${question.ref}\``);
  return parts.join('\n\n');
}

export interface AnswerFeedbackProps {
  readonly question: Question;
  readonly answer: Answer | undefined;
  readonly result: GradeResult | undefined;
  readonly seed: string;
  readonly width: number;
  /** Rows for the verdict, the document window and the scroll line. */
  readonly height: number;
  /** Whether ↑↓/jk scroll this view. */
  readonly active: boolean;
}

export const AnswerFeedback = memo(function AnswerFeedback({
  question,
  answer,
  result,
  seed,
  width,
  height,
  active,
}: AnswerFeedbackProps) {
  const markdown = useMemo(
    () => feedbackMarkdown(question, answer, result, seed),
    [question, answer, result, seed],
  );
  const doc = useMarkdown(markdown, width);
  const rows = Math.max(3, height - 2);
  const [start, setStart] = useState(0);
  const maxStart = Math.max(0, doc.lines.length - rows);
  useInput(
    (input, key) => {
      if (key.downArrow || input === 'j') setStart((s) => Math.min(maxStart, s + 1));
      else if (key.upArrow || input === 'k') setStart((s) => Math.max(0, s - 1));
      else if (key.pageDown) setStart((s) => Math.min(maxStart, s + rows - 1));
      else if (key.pageUp) setStart((s) => Math.max(0, s - rows + 1));
    },
    { isActive: active && maxStart > 0 },
  );
  const style = VERDICT_STYLE[verdictOf(result)];
  return (
    <Box flexDirection="column">
      <Text color={style.color} bold wrap="truncate-end">
        {verdictLine(result)}
      </Text>
      <MarkdownView doc={doc} start={Math.min(start, maxStart)} height={rows} />
      {maxStart > 0 ? (
        <Text dimColor>
          {start < maxStart
            ? `  ↓ ${doc.lines.length - rows - start} more lines (↑↓ scroll)`
            : '  (end — ↑ scrolls back)'}
        </Text>
      ) : null}
    </Box>
  );
});
