/**
 * Practice: a round of questions with immediate feedback. Without a filter it starts on a
 * chooser (all questions, each lesson, each domain, with counts). Every answer is recorded
 * with its FSRS card, rated from correctness, time taken and whether the hint was used.
 * The round ends with the score and the missed questions; `r` retakes only those.
 */
import { Box, Text, useInput } from 'ink';
import SelectInput from 'ink-select-input';
import { useCallback, useMemo, useRef, useState } from 'react';
import { DOMAINS, isDomainId } from '../../content/domains.js';
import { listCourseLessons } from '../../content/course-map.js';
import { grade, type Answer, type GradeResult } from '../../quiz/grade.js';
import {
  filterChoices,
  loadQuestions,
  resolveFilter,
  unknownFilterMessage,
  type QuestionCatalog,
} from '../../quiz/load-questions.js';
import { newSeed, seededShuffle } from '../../quiz/random.js';
import { ratingFromAnswer } from '../../quiz/scheduler.js';
import { recordStudyAnswer } from '../../quiz/study-record.js';
import type { Question } from '../../quiz/types.js';
import { useServices } from '../app-context.js';
import { AnswerFeedback, verdictOf, type Verdict } from '../components/AnswerFeedback.js';
import { barText } from '../components/Bar.js';
import type { KeyHint } from '../components/KeyHints.js';
import { MarkdownView } from '../components/Markdown.js';
import { askHints, QuestionView } from '../components/QuestionView.js';
import { ScreenFrame } from '../components/ScreenFrame.js';
import { useKeptState } from '../hooks/use-kept-state.js';
import { useMarkdown } from '../hooks/use-markdown.js';
import { useTerminalSize } from '../hooks/use-terminal-size.js';
import { useNavigation } from '../navigation.js';
import type { Route, ScreenId } from '../screens.js';

export const DEFAULT_ROUND_SIZE = 10;

export interface QuizProps {
  readonly route: Extract<Route, { name: 'quiz' }> & { readonly seed?: string };
  /** Whether a screen exists in this build (the lesson link needs the lesson reader). */
  readonly canOpen?: (screen: ScreenId) => boolean;
  /** The clock, in ms (tests pass their own). */
  readonly now?: () => number;
}

interface Outcome {
  readonly question: Question;
  readonly verdict: Verdict;
}

interface QuizState {
  readonly phase: 'choose' | 'ask' | 'feedback' | 'end';
  readonly title: string;
  readonly seed: string;
  readonly questions: readonly Question[];
  readonly index: number;
  readonly outcomes: readonly Outcome[];
  readonly answer?: Answer;
  readonly result?: GradeResult;
  readonly hintShown: boolean;
  readonly round: number;
  readonly error?: string;
}

function startRound(
  title: string,
  pool: readonly Question[],
  seed: string,
  count: number | undefined,
  round: number,
): QuizState {
  const questions = seededShuffle(pool, `${seed}:round${round}`).slice(
    0,
    count ?? DEFAULT_ROUND_SIZE,
  );
  return { phase: 'ask', title, seed, questions, index: 0, outcomes: [], hintShown: false, round };
}

function initialState(catalog: QuestionCatalog, route: QuizProps['route']): QuizState {
  const seed = route.seed ?? newSeed();
  const base = { seed, questions: [], index: 0, outcomes: [], hintShown: false, round: 0 };
  if (route.filter === undefined) return { ...base, phase: 'choose', title: 'Practice' };
  const resolved = resolveFilter(catalog, route.filter);
  if (!resolved)
    return {
      ...base,
      phase: 'choose',
      title: 'Practice',
      error: unknownFilterMessage(catalog, route.filter),
    };
  return startRound(`Practice · ${resolved.label}`, resolved.questions, seed, route.count, 0);
}

const lessonRef = (question: Question) => {
  const [lesson, section] = (question.ref ?? '').split('#');
  const id = lesson || question.lesson;
  return id ? { id, ...(section ? { section } : {}) } : undefined;
};

export function Quiz({ route, canOpen, now = Date.now }: QuizProps) {
  const { roots, store } = useServices();
  const { open, back } = useNavigation();
  const { columns, rows } = useTerminalSize();
  const catalog = useMemo(() => loadQuestions(roots), [roots]);
  const [state, setState] = useKeptState<QuizState>(route, 'quiz', () =>
    initialState(catalog, route),
  );
  const [typing, setTyping] = useState(false);
  const [notice, setNotice] = useState<string>();
  const askedAt = useRef(now());
  const width = Math.max(30, columns - 2);
  // Title, margins and the hint line(s) take 6 rows; stay a row short of the terminal.
  const body = Math.max(8, rows - 7);
  const question = state.questions[state.index];

  const onAnswer = useCallback(
    (answer: Answer) => {
      if (!question) return;
      const result = grade(question, answer);
      const taken = now() - askedAt.current;
      const rating = ratingFromAnswer(result.correct, taken, state.hintShown);
      try {
        recordStudyAnswer(
          store,
          { questionId: question.id, correct: result.correct, answer, rating },
          new Date(now()),
        );
      } catch (error) {
        setNotice(`Could not save this answer: ${(error as Error).message}`);
      }
      setState((s) => ({
        ...s,
        phase: 'feedback',
        answer,
        result,
        outcomes: [...s.outcomes, { question, verdict: verdictOf(result) }],
      }));
    },
    [question, now, state.hintShown, store, setState],
  );

  const nextQuestion = () => {
    setNotice(undefined);
    askedAt.current = now();
    setState((s) => {
      const { answer: _a, result: _r, ...rest } = s;
      return s.index + 1 < s.questions.length
        ? { ...rest, phase: 'ask', index: s.index + 1, hintShown: false }
        : { ...rest, phase: 'end' };
    });
  };

  const openLesson = () => {
    if (!question) return;
    const target = lessonRef(question);
    if (!target) return setNotice('This question does not link to a lesson.');
    if (canOpen && !canOpen('lesson'))
      return setNotice(
        `The lesson reader is not in this version of dockdrill yet (${target.id}${target.section ? '#' + target.section : ''}).`,
      );
    setNotice(undefined);
    open({ name: 'lesson', ...target });
  };

  useInput(
    (input, key) => {
      if (state.phase === 'choose') {
        if (key.escape || input === 'q') back();
        return;
      }
      if (key.escape || input === 'q') return back();
      if (state.phase === 'ask') {
        if (input === 'h' && question?.hint) setState((s) => ({ ...s, hintShown: true }));
        return;
      }
      if (state.phase === 'feedback') {
        if (key.return || input === 'n' || input === ' ') nextQuestion();
        else if (input === 'o') openLesson();
        return;
      }
      if (state.phase === 'end') {
        const missed = state.outcomes.filter((o) => o.verdict !== 'right');
        if (input === 'r' && missed.length) {
          askedAt.current = now();
          setState((s) =>
            startRound(
              s.title.replace(/ · retake.*$/, '') + ' · retake',
              missed.map((o) => o.question),
              s.seed,
              missed.length,
              s.round + 1,
            ),
          );
        } else if (input === 'n') {
          askedAt.current = now();
          setState((s) => ({ ...initialState(catalog, route), seed: s.seed, round: s.round + 1 }));
        }
      }
    },
    { isActive: !typing },
  );

  if (state.phase === 'choose')
    return (
      <Chooser
        catalog={catalog}
        error={state.error}
        height={body}
        onChoose={(title, pool) => {
          askedAt.current = now();
          setState((s) => startRound(`Practice · ${title}`, pool, s.seed, route.count, s.round));
        }}
      />
    );

  if (state.phase === 'end') return <RoundEnd state={state} />;
  if (!question)
    return (
      <ScreenFrame title={state.title} hints={[{ keys: 'q/esc', action: 'back' }]}>
        <Text>No questions to practise here.</Text>
      </ScreenFrame>
    );

  const right = state.outcomes.filter((o) => o.verdict === 'right').length;
  const progress = (
    <Text>
      <Text color="cyan">
        {barText(state.index + (state.phase === 'feedback' ? 1 : 0), state.questions.length, 20)}
      </Text>
      <Text>
        {' '}
        {state.index + 1}/{state.questions.length} · {right} right
      </Text>
    </Text>
  );
  const hints: KeyHint[] =
    state.phase === 'ask'
      ? [
          ...askHints(question, typing),
          ...(question.hint && !typing ? [{ keys: 'h', action: 'hint' }] : []),
          ...(typing ? [] : [{ keys: 'q/esc', action: 'back' }]),
        ]
      : [
          { keys: 'enter/n', action: 'next' },
          { keys: '↑↓', action: 'scroll' },
          ...(lessonRef(question) ? [{ keys: 'o', action: 'open lesson' }] : []),
          { keys: 'q/esc', action: 'back' },
        ];
  const extra = (state.hintShown && question.hint ? 1 : 0) + (notice ? 1 : 0);
  return (
    <ScreenFrame title={state.title} subtitle={question.id} hints={hints}>
      {progress}
      {state.phase === 'ask' ? (
        <QuestionView
          key={`${state.round}:${question.id}`}
          question={question}
          seed={state.seed}
          width={width}
          height={body - 1 - extra}
          active
          onAnswer={onAnswer}
          onTyping={setTyping}
        />
      ) : (
        <Answered
          question={question}
          answer={state.answer}
          result={state.result}
          seed={state.seed}
          width={width}
          height={body - 1 - extra}
        />
      )}
      {state.hintShown && question.hint && state.phase === 'ask' ? (
        <Text color="magenta" wrap="truncate-end">
          Hint: {question.hint}
        </Text>
      ) : null}
      {notice ? (
        <Text color="yellow" wrap="truncate-end">
          {notice}
        </Text>
      ) : null}
    </ScreenFrame>
  );
}

function Answered(props: {
  question: Question;
  answer: Answer | undefined;
  result: GradeResult | undefined;
  seed: string;
  width: number;
  height: number;
}) {
  const stem = useMarkdown(props.question.stem, props.width);
  const stemRows = Math.min(3, stem.lines.length);
  return (
    <Box flexDirection="column">
      <Box flexDirection="column">
        <MarkdownView doc={stem} start={0} height={stemRows} />
        {stem.lines.length > stemRows ? <Text dimColor> …</Text> : null}
      </Box>
      <AnswerFeedback
        question={props.question}
        answer={props.answer}
        result={props.result}
        seed={props.seed}
        width={props.width}
        height={props.height - stemRows - 1}
        active
      />
    </Box>
  );
}

function Chooser({
  catalog,
  error,
  height,
  onChoose,
}: {
  catalog: QuestionCatalog;
  error?: string;
  height: number;
  onChoose: (title: string, pool: readonly Question[]) => void;
}) {
  const { roots } = useServices();
  const titles = useMemo(() => {
    const map = new Map<string, string>();
    for (const lesson of listCourseLessons(roots).lessons) map.set(lesson.id, lesson.title);
    return map;
  }, [roots]);
  const items = useMemo(() => {
    const { lessons, domains } = filterChoices(catalog);
    const list = [
      { key: 'all', label: `All questions (${catalog.questions.length})`, value: 'all' },
      ...lessons.map((l) => ({
        key: `lesson:${l.value}`,
        label: `Lesson  ${titles.get(l.value) ?? l.value} (${l.count})`,
        value: `lesson:${l.value}`,
      })),
      ...domains.map((d) => ({
        key: `domain:${d.value}`,
        label: `Domain  ${isDomainId(d.value) ? DOMAINS[d.value].title : d.value} (${d.count})`,
        value: `domain:${d.value}`,
      })),
    ];
    return list;
  }, [catalog, titles]);
  const errorLines = error ? error.split('\n').filter(Boolean).length : 0;
  return (
    <ScreenFrame
      title="Practice"
      subtitle={`${catalog.questions.length} questions in ${catalog.banks.length} banks`}
      hints={[
        { keys: '↑↓', action: 'move' },
        { keys: 'enter', action: 'start' },
        { keys: 'q/esc', action: 'back' },
      ]}
    >
      {error ? <Text color="yellow">{error.trimEnd()}</Text> : null}
      {catalog.questions.length === 0 ? (
        <Text>No quiz banks found. Add `quizzes/*.quiz.md` to the course.</Text>
      ) : (
        <>
          <Text>What do you want to practise?</Text>
          <SelectInput
            items={items}
            limit={Math.max(3, height - 1 - errorLines)}
            itemComponent={OneLineItem}
            onSelect={(item) => {
              if (item.value === 'all') return onChoose('all questions', catalog.questions);
              const [, value] = item.value.split(/:(.*)/);
              const resolved = value ? resolveFilter(catalog, value) : undefined;
              if (resolved) onChoose(resolved.label, resolved.questions);
            }}
          />
        </>
      )}
    </ScreenFrame>
  );
}

/**
 * One row per menu item. Fault suite (terminal sizes): at 60x20 long lesson titles wrapped
 * onto two rows, the menu outgrew the terminal and the screen scrolled.
 */
function OneLineItem({ isSelected = false, label }: { isSelected?: boolean; label: string }) {
  return (
    <Text color={isSelected ? 'blue' : undefined} wrap="truncate-end">
      {label}
    </Text>
  );
}

function RoundEnd({ state }: { state: QuizState }) {
  const right = state.outcomes.filter((o) => o.verdict === 'right').length;
  const total = state.outcomes.length;
  const missed = state.outcomes.filter((o) => o.verdict !== 'right');
  const percent = total ? Math.round((right / total) * 100) : 0;
  const { rows } = useTerminalSize();
  const room = Math.max(2, rows - 12);
  return (
    <ScreenFrame
      title={state.title}
      subtitle="round over"
      hints={[
        ...(missed.length ? [{ keys: 'r', action: 'retake missed' }] : []),
        { keys: 'n', action: 'new round' },
        { keys: 'q/esc', action: 'back' },
      ]}
    >
      <Text bold>
        Score: {right}/{total} ({percent}%){' '}
        <Text color={percent >= 70 ? 'green' : 'yellow'}>{barText(right, total, 20)}</Text>
      </Text>
      {missed.length === 0 ? (
        <Text color="green">Nothing missed. Well done.</Text>
      ) : (
        <Box flexDirection="column" marginTop={1}>
          <Text>Missed ({missed.length}):</Text>
          {missed.slice(0, room).map((o) => (
            <Text key={o.question.id} wrap="truncate-end">
              <Text color={o.verdict === 'close' ? 'yellow' : 'red'}>
                {o.verdict === 'close' ? ' ≈ ' : ' ✗ '}
              </Text>
              {o.question.id} <Text dimColor>{o.question.stem.split('\n')[0]}</Text>
            </Text>
          ))}
          {missed.length > room ? <Text dimColor> … and {missed.length - room} more</Text> : null}
        </Box>
      )}
    </ScreenFrame>
  );
}
