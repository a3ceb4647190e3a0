/**
 * One question, asked: the stem as markdown and the input its type needs. It only collects
 * an answer and hands it up (`onAnswer`); grading, feedback and moving on belong to the
 * screen. Key it by question id so every question starts with fresh input state.
 *
 * Keys: single/truefalse ↑↓ + enter or a number; multi ↑↓, space or a number toggles,
 * enter submits; order ↑↓ picks a step, space grabs it, ↑↓ move it, space drops it, enter
 * submits; command: type, enter submits, esc stops typing (so screen keys work), i/enter
 * types again. pgup/pgdn scroll a long stem.
 */
import { Box, Text, useInput } from 'ink';
import TextInput from 'ink-text-input';
import { memo, useEffect, useMemo, useState } from 'react';
import type { Answer } from '../../quiz/grade.js';
import { shuffleOptions, shuffleSteps } from '../../quiz/random.js';
import type { Question } from '../../quiz/types.js';
import { renderForWidth, useMarkdown } from '../hooks/use-markdown.js';
import type { KeyHint } from './KeyHints.js';
import { MarkdownView } from './Markdown.js';

export interface QuestionViewProps {
  readonly question: Question;
  /** The paper's seed: fixes the option and step order. */
  readonly seed: string;
  readonly width: number;
  /** Rows for the whole view: the stem gets what the input leaves. */
  readonly height: number;
  /** Whether keys reach this view. */
  readonly active: boolean;
  /** An answer given before (exam: coming back to a question). */
  readonly initial?: Answer;
  readonly onAnswer: (answer: Answer) => void;
  /** command questions: true while the text field has the keyboard. */
  readonly onTyping?: (typing: boolean) => void;
}

const PREFIX = 6;

export const QuestionView = memo(function QuestionView({
  question,
  seed,
  width,
  height,
  active,
  initial,
  onAnswer,
  onTyping,
}: QuestionViewProps) {
  const stem = useMarkdown(question.stem, width);
  const options = useMemo(() => shuffleOptions(question, seed), [question, seed]);
  const steps = useMemo(() => new Map(question.steps.map((s) => [s.id, s])), [question]);
  const optionDocs = useMemo(
    () => options.map((o) => renderForWidth(o.text, width - PREFIX)),
    [options, width],
  );
  const stepDocs = useMemo(
    () => new Map(question.steps.map((s) => [s.id, renderForWidth(s.text, width - PREFIX)])),
    [question, width],
  );

  const [cursor, setCursor] = useState(0);
  const [chosen, setChosen] = useState<ReadonlySet<string>>(
    () => new Set(initial?.kind === 'choice' ? initial.optionIds : []),
  );
  const [order, setOrder] = useState<readonly string[]>(() =>
    initial?.kind === 'order' ? initial.stepIds : shuffleSteps(question, seed).map((s) => s.id),
  );
  const [grabbed, setGrabbed] = useState(false);
  const [text, setText] = useState(initial?.kind === 'command' ? initial.text : '');
  const [typing, setTyping] = useState(question.type === 'command' && initial === undefined);
  const [note, setNote] = useState<string>();
  const [stemStart, setStemStart] = useState(0);

  useEffect(() => {
    onTyping?.(active && typing);
  }, [active, typing, onTyping]);
  // Leaving the question (answered, next one) hands the keyboard back to the screen.
  useEffect(() => () => onTyping?.(false), [onTyping]);

  const isChoice = question.type !== 'command' && question.type !== 'order';
  const itemCount = isChoice ? options.length : question.type === 'order' ? order.length : 0;
  const inputRows =
    question.type === 'command'
      ? 2
      : isChoice
        ? optionDocs.reduce((sum, doc) => sum + Math.max(1, doc.lines.length), 0)
        : order.reduce((sum, id) => sum + Math.max(1, stepDocs.get(id)?.lines.length ?? 1), 0);
  const stemRows = Math.max(2, height - inputRows - 2);
  const stemOverflow = stem.lines.length > stemRows;

  const submitChoice = (ids: readonly string[]) => onAnswer({ kind: 'choice', optionIds: ids });

  useInput(
    (input, key) => {
      if (key.pageDown)
        return setStemStart((s) => Math.min(s + stemRows - 1, stem.lines.length - stemRows));
      if (key.pageUp) return setStemStart((s) => Math.max(0, s - stemRows + 1));
      if (question.type === 'command') {
        if (typing) {
          if (key.escape) setTyping(false);
          return;
        }
        if (key.return || input === 'i') setTyping(true);
        return;
      }
      const up = key.upArrow || input === 'k';
      const down = key.downArrow || input === 'j';
      if (question.type === 'order') {
        if (up || down) {
          const to = Math.min(Math.max(0, cursor + (up ? -1 : 1)), itemCount - 1);
          if (grabbed && to !== cursor) {
            const next = [...order];
            [next[cursor], next[to]] = [next[to] as string, next[cursor] as string];
            setOrder(next);
          }
          setCursor(to);
        } else if (input === ' ') setGrabbed((g) => !g);
        else if (key.return) {
          setGrabbed(false);
          onAnswer({ kind: 'order', stepIds: order });
        }
        return;
      }
      // single, truefalse, multi
      if (up) setCursor((c) => (c - 1 + itemCount) % itemCount);
      else if (down) setCursor((c) => (c + 1) % itemCount);
      const digit = /^[1-9]$/.test(input) ? Number(input) - 1 : -1;
      if (question.type === 'multi') {
        const toggle = (index: number) => {
          const id = options[index]?.id;
          if (!id) return;
          const next = new Set(chosen);
          if (next.has(id)) next.delete(id);
          else next.add(id);
          setChosen(next);
          setNote(undefined);
        };
        if (input === ' ') toggle(cursor);
        else if (digit >= 0 && digit < itemCount) {
          setCursor(digit);
          toggle(digit);
        } else if (key.return) {
          if (chosen.size === 0) setNote('Choose at least one option (space), then enter.');
          else submitChoice(options.filter((o) => chosen.has(o.id)).map((o) => o.id));
        }
        return;
      }
      if (digit >= 0 && digit < itemCount) {
        setCursor(digit);
        const id = options[digit]?.id as string;
        setChosen(new Set([id]));
        submitChoice([id]);
      } else if (key.return) {
        const id = options[cursor]?.id;
        if (id) {
          setChosen(new Set([id]));
          submitChoice([id]);
        }
      }
    },
    { isActive: active },
  );

  return (
    <Box flexDirection="column">
      <MarkdownView doc={stem} start={stemOverflow ? stemStart : 0} height={stemRows} />
      {stemOverflow ? (
        <Text dimColor>
          {stemStart + stemRows < stem.lines.length ? '  ↓ more (pgdn)' : '  ↑ (pgup)'}
        </Text>
      ) : (
        <Text> </Text>
      )}
      {isChoice
        ? options.map((option, index) => (
            <Box key={option.id}>
              <Text color={index === cursor && active ? 'cyan' : undefined}>
                {index === cursor && active ? '❯' : ' '}
                {question.type === 'multi'
                  ? chosen.has(option.id)
                    ? '[x]'
                    : '[ ]'
                  : chosen.has(option.id)
                    ? ' ● '
                    : '   '}
                {`${index + 1} `.slice(0, 2)}
              </Text>
              <MarkdownView
                doc={optionDocs[index] as ReturnType<typeof renderForWidth>}
                start={0}
                height={99}
              />
            </Box>
          ))
        : null}
      {question.type === 'order'
        ? order.map((id, index) => (
            // Keyed by position: Ink does not re-lay out keyed children that move.
            <Box key={index}>
              <Text color={index === cursor && active ? (grabbed ? 'yellow' : 'cyan') : undefined}>
                {index === cursor && active ? (grabbed ? '⇅' : '❯') : ' '}
                {`  ${index + 1}. `.slice(-5)}
              </Text>
              {stepDocs.get(id) ? (
                <MarkdownView
                  doc={stepDocs.get(id) as ReturnType<typeof renderForWidth>}
                  start={0}
                  height={99}
                />
              ) : (
                <Text>{steps.get(id)?.text}</Text>
              )}
            </Box>
          ))
        : null}
      {question.type === 'command' ? (
        <Box flexDirection="column">
          <Box>
            <Text color="green">$ </Text>
            <TextInput
              value={text}
              onChange={setText}
              focus={active && typing}
              placeholder={typing ? 'type the docker command' : '(press i to type)'}
              onSubmit={(value) => {
                if (!value.trim()) return setNote('Type a docker command first.');
                setNote(undefined);
                setTyping(false);
                onAnswer({ kind: 'command', text: value });
              }}
            />
          </Box>
          <Text dimColor>
            {typing ? 'enter submits · esc stops typing' : 'i types · answers are never run'}
          </Text>
        </Box>
      ) : null}
      {note ? <Text color="yellow">{note}</Text> : null}
    </Box>
  );
});

/** Key hints for answering each question type. */
export function askHints(question: Question, typing: boolean): KeyHint[] {
  switch (question.type) {
    case 'command':
      return typing
        ? [
            { keys: 'enter', action: 'submit' },
            { keys: 'esc', action: 'stop typing' },
          ]
        : [{ keys: 'i', action: 'type' }];
    case 'order':
      return [
        { keys: '↑↓', action: 'pick' },
        { keys: 'space', action: 'grab/drop' },
        { keys: 'enter', action: 'submit' },
      ];
    case 'multi':
      return [
        { keys: '↑↓', action: 'move' },
        { keys: 'space/1-9', action: 'toggle' },
        { keys: 'enter', action: 'submit' },
      ];
    default:
      return [
        { keys: '↑↓', action: 'move' },
        { keys: 'enter/1-9', action: 'answer' },
      ];
  }
}
