/**
 * The DCA-style exam: a start page (settings, paper by domain, past results), then a timed
 * paper with a clock always in view, moving back and forth, flags, a review grid and a
 * submit that asks first; time running out submits by itself. DOMC mode asks single and
 * multi items one option at a time. Results are recorded (exam history, and each answer's
 * attempt; exams do not change FSRS cards: no feedback is given, so they are no review).
 * The paper is saved on every change while it is open, so quitting, Ctrl+C or SIGTERM
 * loses nothing: the start page offers to resume it.
 */
import { Box, Text, useInput } from 'ink';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { answerDomc, currentOption, startDomc, type DomcState } from '../../quiz/domc.js';
import { assembleExam, DEFAULT_PASS_MARK, ExamSession, type ExamResult } from '../../quiz/exam.js';
import type { Answer } from '../../quiz/grade.js';
import { loadQuestions } from '../../quiz/load-questions.js';
import { newSeed } from '../../quiz/random.js';
import type { Question } from '../../quiz/types.js';
import {
  clearExamInProgress,
  recordAnswer,
  recordExam,
  saveExamInProgress,
} from '../../progress/records.js';
import type { ExamInProgress, ExamRecord } from '../../progress/schema.js';
import { useServices } from '../app-context.js';
import { barText, sparkline } from '../components/Bar.js';
import { MarkdownView } from '../components/Markdown.js';
import { askHints, QuestionView } from '../components/QuestionView.js';
import { ScreenFrame } from '../components/ScreenFrame.js';
import { formatClock, TimerBar } from '../components/TimerBar.js';
import { useKeptState } from '../hooks/use-kept-state.js';
import { renderForWidth, useMarkdown } from '../hooks/use-markdown.js';
import { useTerminalSize } from '../hooks/use-terminal-size.js';
import { useNavigation } from '../navigation.js';
import type { Route } from '../screens.js';
import { ExamResults } from './ExamResults.js';

export const DEFAULT_EXAM_QUESTIONS = 55;
export const DEFAULT_EXAM_MINUTES = 90;

export interface ExamProps {
  readonly route: Extract<Route, { name: 'exam' }>;
  /** The clock in ms (tests drive their own). */
  readonly now?: () => number;
  /** How often the timer looks at the clock. */
  readonly tickMs?: number;
}

type Phase = 'start' | 'running' | 'grid' | 'confirm' | 'abandon' | 'results';

/** How often an open paper is saved even when nothing changes (its time used moves on). */
const SAVE_EVERY_MS = 15_000;

interface ExamState {
  readonly phase: Phase;
  readonly seed: string;
  /** Set when a saved paper was resumed: its DOMC mode, not the route's. */
  readonly domcMode?: boolean;
  readonly session?: ExamSession;
  readonly domc: Readonly<Record<string, DomcState>>;
  readonly result?: ExamResult;
  readonly gridCursor: number;
}

export function Exam({ route, now = Date.now, tickMs = 1000 }: ExamProps) {
  const { roots, store } = useServices();
  const { back } = useNavigation();
  const { columns, rows } = useTerminalSize();
  const catalog = useMemo(() => loadQuestions(roots), [roots]);
  const count = route.questions ?? DEFAULT_EXAM_QUESTIONS;
  const minutes = route.minutes ?? DEFAULT_EXAM_MINUTES;
  const passMark = route.pass ?? DEFAULT_PASS_MARK;
  const [state, setState] = useKeptState<ExamState>(route, 'exam', () => ({
    phase: 'start',
    seed: route.seed ?? newSeed(),
    domc: {},
    gridCursor: 0,
  }));
  const domcMode = state.domcMode ?? route.domc ?? false;
  // The unfinished paper on disk, read once when the screen opens (and after a discard).
  const [saved, setSaved] = useState<ExamInProgress | undefined>(() => store.read().examInProgress);
  const paper = useMemo(
    () => assembleExam(catalog.questions, { count, seed: state.seed }),
    [catalog, count, state.seed],
  );
  const [typing, setTyping] = useState(false);
  const width = Math.max(30, columns - 2);
  const session = state.session;

  // The timer and the submit key can both end the paper: read the latest state from a
  // ref so it is graded and recorded exactly once, outside any state updater.
  const latest = useRef(state);
  latest.current = state;
  const finished = useRef(false);
  const finish = useCallback(() => {
    const s = latest.current;
    if (!s.session || finished.current) return;
    finished.current = true;
    const at = now();
    const result = s.session.submit(at);
    saveExam(store, s.session, result, at);
    setState((current) => ({ ...current, phase: 'results', result }));
  }, [now, setState, store]);

  // Save the open paper on every change, and every few seconds for the clock.
  const open = state.phase !== 'start' && state.phase !== 'results';
  const save = useCallback(() => {
    const s = latest.current;
    if (!s.session || finished.current) return;
    try {
      saveExamInProgress(store, {
        ...s.session.snapshot(now()),
        domc: s.domcMode ?? route.domc ?? false,
        savedAt: new Date(now()).toISOString(),
      });
    } catch {
      // Unwritable progress must not stop the exam; handing in reports through the store.
    }
  }, [store, now, route.domc]);
  useEffect(() => {
    if (open) save();
  }, [open, session, save]);
  useEffect(() => {
    if (!open) return;
    const timer = setInterval(save, SAVE_EVERY_MS);
    return () => clearInterval(timer);
  }, [open, save]);

  const leave = (discard: boolean) => {
    finished.current = true;
    if (discard) {
      try {
        clearExamInProgress(store);
      } catch {
        // Nothing to lose: the learner asked to throw the paper away.
      }
    } else save();
    back();
  };

  const answer = useCallback(
    (a: Answer) => {
      setState((s) => {
        if (!s.session) return s;
        const q = s.session.currentQuestion;
        if (!q) return s;
        const answered = s.session.answer(q.id, a, now());
        return { ...s, session: answered.next() };
      });
    },
    [now, setState],
  );

  const sayDomc = (yes: boolean) =>
    setState((s) => {
      const q = s.session?.currentQuestion;
      if (!s.session || !q) return s;
      const before = s.domc[q.id] ?? startDomc(q, s.seed);
      const after = answerDomc(before, yes);
      let next = s.session;
      if (after.status !== 'asking') {
        const ids = after.shown.filter((x) => x.said === 'yes').map((x) => x.optionId);
        next = next.answer(q.id, { kind: 'choice', optionIds: ids }, now());
      }
      return { ...s, session: next, domc: { ...s.domc, [q.id]: after } };
    });

  const current = session?.currentQuestion;
  const domcItem = domcMode && current && current.options.length > 0 && current.type !== 'order';

  useInput(
    (input, key) => {
      const set = (phase: Phase) => setState((s) => ({ ...s, phase }));
      switch (state.phase) {
        case 'start':
          if (key.escape || input === 'q') return back();
          if (saved && input === 'r') {
            const resumed = ExamSession.resume(saved, catalog.byId, now());
            if (resumed)
              return setState((s) => ({
                ...s,
                phase: 'running',
                session: resumed,
                seed: saved.seed ?? s.seed,
                domcMode: saved.domc,
              }));
          }
          if (saved && (input === 'd' || input === 'r')) {
            // `r` lands here only when none of its questions is left in the course.
            try {
              clearExamInProgress(store);
            } catch {
              // Shown again next time; nothing else depends on it.
            }
            return setSaved(undefined);
          }
          if (key.return && paper.length > 0)
            setState((s) => ({
              ...s,
              phase: 'running',
              session: ExamSession.start(paper, now(), {
                timeLimitMs: minutes * 60_000,
                passMark,
                seed: s.seed,
              }),
            }));
          return;
        case 'running': {
          if (!session) return;
          const move = (to: ExamSession) => setState((s) => ({ ...s, session: to }));
          if (domcItem && current && (state.domc[current.id]?.status ?? 'asking') === 'asking') {
            if (input === 'y') return sayDomc(true);
            if (input === 'n') return sayDomc(false);
          } else if (input === 'n') return move(session.next());
          if (key.rightArrow) move(session.next());
          else if (key.leftArrow || input === 'p') move(session.previous());
          else if (input === 'f' && current) move(session.toggleFlag(current.id));
          else if (input === 'g')
            setState((s) => ({ ...s, phase: 'grid', gridCursor: session.current }));
          else if (input === 's') set('confirm');
          else if (key.escape || input === 'q') set('abandon');
          return;
        }
        case 'grid': {
          if (!session) return;
          const cols = gridColumns(columns);
          const total = session.questions.length;
          const moveCursor = (delta: number) =>
            setState((s) => ({
              ...s,
              gridCursor: Math.min(total - 1, Math.max(0, s.gridCursor + delta)),
            }));
          if (key.rightArrow || input === 'l') moveCursor(1);
          else if (key.leftArrow || input === 'h') moveCursor(-1);
          else if (key.downArrow || input === 'j') moveCursor(cols);
          else if (key.upArrow || input === 'k') moveCursor(-cols);
          else if (key.return)
            setState((s) => ({ ...s, phase: 'running', session: session.goTo(s.gridCursor) }));
          else if (input === 's') set('confirm');
          else if (key.escape || input === 'g' || input === 'q') set('running');
          return;
        }
        case 'confirm':
          if (input === 'y') finish();
          else if (input === 'n' || key.escape) set('running');
          return;
        case 'abandon':
          // q again leaves, keeping the paper (fault suite monkey: q/Esc must always get out).
          if (input === 'q' || input === 'k') leave(false);
          else if (input === 'y') leave(true);
          else if (input === 'n' || key.escape) set('running');
          return;
        case 'results':
          return;
      }
    },
    { isActive: !typing && state.phase !== 'results' },
  );

  if (state.phase === 'results' && state.result && session)
    return (
      <ExamResults
        result={state.result}
        questions={session.questions}
        seed={state.seed}
        timeLimitMs={session.timeLimitMs}
        onDone={back}
      />
    );

  if (state.phase === 'start' || !session)
    return (
      <StartPage
        paper={paper}
        available={catalog.questions.length}
        count={count}
        minutes={minutes}
        passMark={passMark}
        domc={domcMode}
        seed={state.seed}
        exams={store.read().exams}
        saved={saved}
      />
    );

  const answered = session.questions.length - session.unanswered().length;
  const flagged = current ? session.flagged.has(current.id) : false;
  const body = Math.max(8, rows - 9);
  const header = (
    <>
      <TimerBar
        startedAt={session.startedAt}
        limitMs={session.timeLimitMs}
        now={now}
        tickMs={tickMs}
        width={Math.min(width, 60)}
        onExpire={finish}
      />
      <Text wrap="truncate-end">
        Question {session.current + 1}/{session.questions.length} · {answered} answered ·{' '}
        {session.flagged.size} flagged
        {flagged ? <Text color="yellow"> · ⚑ flagged</Text> : null}
        {current && current.id in session.answers ? <Text color="green"> · ✓ answered</Text> : null}
      </Text>
    </>
  );

  if (state.phase === 'grid')
    return (
      <ScreenFrame
        title="Exam · review grid"
        hints={[
          { keys: 'arrows', action: 'move' },
          { keys: 'enter', action: 'go to' },
          { keys: 's', action: 'submit' },
          { keys: 'g/esc', action: 'back' },
        ]}
      >
        {header}
        <ReviewGrid session={session} cursor={state.gridCursor} columns={columns} />
      </ScreenFrame>
    );

  const navHints = [
    { keys: '←→/p n', action: 'move' },
    { keys: 'f', action: 'flag' },
    { keys: 'g', action: 'grid' },
    { keys: 's', action: 'hand in' },
  ];
  const domcState =
    current && domcItem ? (state.domc[current.id] ?? startDomc(current, state.seed)) : undefined;
  const hints =
    state.phase === 'confirm'
      ? [
          { keys: 'y', action: 'yes' },
          { keys: 'n/esc', action: 'no' },
        ]
      : state.phase === 'abandon'
        ? [
            { keys: 'q/k', action: 'leave, keep it' },
            { keys: 'y', action: 'leave, discard it' },
            { keys: 'n/esc', action: 'stay' },
          ]
        : typing
          ? askHints(current as Question, true)
          : domcState?.status === 'asking'
            ? [
                { keys: 'y/n', action: 'yes/no' },
                ...navHints.map((h) =>
                  h.keys === '←→/p n' ? { keys: '←→/p', action: 'move' } : h,
                ),
              ]
            : [...(current ? askHints(current, false) : []), ...navHints];

  return (
    <ScreenFrame title="Exam" subtitle={domcMode ? 'DOMC' : undefined} hints={hints}>
      {header}
      {state.phase === 'confirm' ? (
        <Text color="yellow" bold>
          Submit the exam now? {session.unanswered().length} unanswered, {session.flagged.size}{' '}
          flagged. (y/n)
        </Text>
      ) : state.phase === 'abandon' ? (
        <Text color="yellow" bold>
          Leave the exam? It is kept to resume later, and scored only when handed in.
        </Text>
      ) : current && domcState ? (
        <DomcView
          key={current.id}
          question={current}
          state={domcState}
          width={width}
          height={body}
        />
      ) : current ? (
        <QuestionView
          key={current.id}
          question={current}
          seed={state.seed}
          width={width}
          height={body}
          active={state.phase === 'running'}
          initial={session.answers[current.id]}
          onAnswer={answer}
          onTyping={setTyping}
        />
      ) : null}
    </ScreenFrame>
  );
}

function saveExam(
  store: ReturnType<typeof useServices>['store'],
  session: ExamSession,
  result: ExamResult,
  at: number,
): void {
  const when = new Date(at);
  const record: ExamRecord = {
    at: when.toISOString(),
    score: result.scorePercent,
    passed: result.passed,
    passMark: result.passMark,
    questionCount: result.total,
    timeUsedMs: result.timeUsedMs,
    ...(result.seed !== undefined ? { seed: result.seed } : {}),
    domains: result.perDomain.map((d) => ({ ...d })),
  };
  try {
    recordExam(store, record, when);
    for (const item of result.items) {
      const answer = session.answers[item.questionId];
      // Exams record attempts but leave FSRS cards alone: without feedback it is no review.
      if (answer)
        recordAnswer(store, { questionId: item.questionId, correct: item.correct, answer }, when);
    }
  } catch {
    // A store that cannot be written must not take the results away; the store's own
    // notice tells the learner about a corrupt file on the next start.
  }
}

/** "2025-03-04 14:05" in the learner's time zone. */
function localStamp(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const two = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} ${two(d.getHours())}:${two(d.getMinutes())}`;
}

const CELL = 7;
function gridColumns(columns: number): number {
  return Math.max(4, Math.min(10, Math.floor((columns - 2) / CELL)));
}

function ReviewGrid({
  session,
  cursor,
  columns,
}: {
  session: ExamSession;
  cursor: number;
  columns: number;
}) {
  const cols = gridColumns(columns);
  const rows: Question[][] = [];
  session.questions.forEach((q, i) => {
    if (i % cols === 0) rows.push([]);
    rows[rows.length - 1]?.push(q);
  });
  return (
    <Box flexDirection="column" marginTop={1}>
      {rows.map((row, r) => (
        <Box key={r}>
          {row.map((q, c) => {
            const index = r * cols + c;
            const answered = q.id in session.answers;
            const flagged = session.flagged.has(q.id);
            const mark = `${flagged ? '⚑' : ' '}${answered ? '✓' : '·'}`;
            return (
              <Text
                key={q.id}
                inverse={index === cursor}
                color={flagged ? 'yellow' : answered ? 'green' : 'red'}
              >
                {`${String(index + 1).padStart(3)}${mark}`.padEnd(CELL - 1)}
              </Text>
            );
          })}
        </Box>
      ))}
      <Text dimColor>
        ✓ answered, · not answered, ⚑ flagged — {session.unanswered().length} unanswered,{' '}
        {session.flagged.size} flagged
      </Text>
    </Box>
  );
}

function DomcView({
  question,
  state,
  width,
  height,
}: {
  question: Question;
  state: DomcState;
  width: number;
  height: number;
}) {
  const stem = useMarkdown(question.stem, width);
  const optionId = currentOption(state);
  const option = question.options.find((o) => o.id === optionId);
  const optionDoc = useMemo(
    () => (option ? renderForWidth(option.text, width - 4) : undefined),
    [option, width],
  );
  const stemRows = Math.max(2, height - 6);
  return (
    <Box flexDirection="column">
      <MarkdownView doc={stem} start={0} height={stemRows} />
      <Text dimColor>
        Option {Math.min(state.shown.length + 1, state.order.length)} of at most{' '}
        {state.order.length}, one at a time:
      </Text>
      {optionDoc ? (
        <>
          <Box>
            <Text color="cyan">{'  ▸ '}</Text>
            <MarkdownView doc={optionDoc} start={0} height={3} />
          </Box>
          <Text bold>Is this a correct answer? y yes · n no</Text>
        </>
      ) : (
        <Text color="green">
          This item is complete ({state.shown.length} option{state.shown.length === 1 ? '' : 's'}{' '}
          shown). Move on with →.
        </Text>
      )}
    </Box>
  );
}

function StartPage(props: {
  paper: readonly Question[];
  available: number;
  count: number;
  minutes: number;
  passMark: number;
  domc: boolean;
  seed: string;
  exams: readonly ExamRecord[];
  saved?: ExamInProgress;
}) {
  const { paper, exams, saved } = props;
  const byDomain = new Map<string, number>();
  for (const q of paper) byDomain.set(q.domain, (byDomain.get(q.domain) ?? 0) + 1);
  const recent = exams.slice(-5).reverse();
  return (
    <ScreenFrame
      title="Exam"
      subtitle="DCA-style, timed"
      hints={[
        ...(saved
          ? [
              { keys: 'r', action: 'resume' },
              { keys: 'd', action: 'discard it' },
            ]
          : []),
        ...(paper.length ? [{ keys: 'enter', action: saved ? 'start new' : 'start' }] : []),
        { keys: 'q/esc', action: 'back' },
      ]}
    >
      {saved ? <SavedPaper saved={saved} /> : null}
      <Text>
        {props.count} questions · {props.minutes} minute{props.minutes === 1 ? '' : 's'} · pass mark{' '}
        {props.passMark}% · DOMC {props.domc ? 'on' : 'off'} · seed {props.seed}
      </Text>
      {paper.length === 0 ? (
        <Text color="yellow">There are no quiz questions in this course yet.</Text>
      ) : (
        <Text wrap="truncate-end">
          Paper: {paper.length} question{paper.length === 1 ? '' : 's'}
          {paper.length < props.count ? ` (the course has only ${props.available})` : ''} ·{' '}
          {[...byDomain].map(([d, n]) => `${d} ${n}`).join(', ')}
        </Text>
      )}
      <Box flexDirection="column" marginTop={1}>
        {exams.length === 0 ? (
          <Text dimColor>No exams taken yet.</Text>
        ) : (
          <>
            <Text>
              History ({exams.length} exam{exams.length === 1 ? '' : 's'}):{' '}
              <Text color="cyan">{sparkline(exams.slice(-30).map((e) => e.score))}</Text>
            </Text>
            {recent.map((e, i) => (
              <Text key={`${e.at}-${i}`}>
                {' '}
                {localStamp(e.at)} {String(e.score).padStart(3)}%{' '}
                <Text color={e.passed ? 'green' : 'red'}>{e.passed ? 'PASS' : 'FAIL'}</Text>{' '}
                <Text color={e.passed ? 'green' : 'red'}>{barText(e.score, 100, 10)}</Text>{' '}
                <Text dimColor>
                  {e.questionCount} q · {formatClock(e.timeUsedMs)}
                </Text>
              </Text>
            ))}
          </>
        )}
      </Box>
    </ScreenFrame>
  );
}

/** The unfinished paper on the start page: when, how far, how much time is left. */
function SavedPaper({ saved }: { readonly saved: ExamInProgress }) {
  const answered = saved.questionIds.filter((id) => id in saved.answers).length;
  return (
    <Box marginBottom={1}>
      <Text color="yellow" wrap="wrap">
        Unfinished exam from {localStamp(saved.savedAt)}: {answered}/{saved.questionIds.length}{' '}
        answered, {formatClock(Math.max(0, saved.timeLimitMs - saved.usedMs))} left. r resumes it; a
        new exam replaces it.
      </Text>
    </Box>
  );
}
