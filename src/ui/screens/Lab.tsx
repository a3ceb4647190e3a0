/**
 * One lab: the workspace path, the task list with marks, the current task's prose, and the
 * results of its checks field by field. The learner works with the real docker CLI in
 * another terminal (or the `!` shell); `c` checks, `w` re-checks on every docker event.
 * Everything slow runs async with a spinner, so keys always answer.
 */
import { Box, Text, useInput, useStdin, useStdout } from 'ink';
import { useMemo, useRef, useState } from 'react';
import { listLessons, resolveLessonRef, type LessonIndex } from '../../content/lessons.js';
import { openShell } from '../../docker/shell.js';
import type { CleanupPlan, LabTask } from '../../labs/engine.js';
import { useServices } from '../app-context.js';
import type { KeyHint } from '../components/KeyHints.js';
import { LabApproval, lastScrollTop, wrapPreview } from '../components/LabApproval.js';
import { MarkdownView } from '../components/Markdown.js';
import { ScreenFrame } from '../components/ScreenFrame.js';
import { Spinner } from '../components/Spinner.js';
import { useLabSession, type LabSession, type TaskStatus } from '../hooks/use-lab-session.js';
import { useTerminalSize } from '../hooks/use-terminal-size.js';
import {
  cleanupLines,
  fitLines,
  hintLines,
  resultLines,
  solutionLines,
  type PanelLine,
} from '../lab-lines.js';
import { markKept } from '../lab-journals.js';
import { renderMarkdown } from '../markdown/render-lines.js';
import { useNavigation } from '../navigation.js';

export interface LabProps {
  readonly id: string;
}

type Dialog =
  | { readonly kind: 'solution' }
  | { readonly kind: 'reset' }
  | { readonly kind: 'reset-task'; readonly task: LabTask; readonly plan: CleanupPlan }
  | { readonly kind: 'reset-lab'; readonly plan: CleanupPlan }
  | { readonly kind: 'leave'; readonly plan: CleanupPlan };

const MARKS: Record<TaskStatus, { mark: string; color?: string }> = {
  todo: { mark: '○' },
  failed: { mark: '✗', color: 'red' },
  passed: { mark: '✓', color: 'green' },
  help: { mark: '✓', color: 'yellow' },
};

const BACK: KeyHint = { keys: 'q/esc', action: 'back' };
const APPROVAL_HINTS: readonly KeyHint[] = [
  { keys: 'y', action: 'run it' },
  { keys: 'n/esc', action: 'go back' },
  { keys: 'j/k', action: 'scroll' },
  { keys: 'space/b', action: 'page' },
];
const YES_NO: readonly KeyHint[] = [
  { keys: 'y', action: 'yes' },
  { keys: 'n', action: 'no' },
  { keys: 'esc', action: 'cancel' },
];

export function Lab({ id }: LabProps) {
  const services = useServices();
  const { back } = useNavigation();
  const session = useLabSession(services, id);
  const { columns, rows } = useTerminalSize();
  const { stdin, isRawModeSupported } = useStdin();
  const { stdout } = useStdout();
  const [dialog, setDialog] = useState<Dialog>();
  const [solutionShown, setSolutionShown] = useState<Record<string, boolean>>({});
  const [scroll, setScroll] = useState(0);
  const [approvalScroll, setApprovalScroll] = useState(0);
  // The approval's title, intro, position line, prompt, margins and key hints take 10 rows.
  const approvalRoom = Math.max(3, rows - 10);
  const lab = session.lab;
  const task = session.task;

  const lessons = useMemo<LessonIndex[]>(() => {
    try {
      return services.roots.map((root) => listLessons(root));
    } catch {
      return [];
    }
  }, [services.roots]);
  const describeRef = (ref: string): string => {
    for (const index of lessons) {
      const found = resolveLessonRef(index, ref);
      if (found)
        return `lesson “${found.lesson.title}”${found.section ? ` › ${found.section.title}` : ''} (${ref})`;
    }
    return `lesson ${ref}`;
  };

  const width = Math.max(20, columns - 1);
  const doc = useMemo(
    () =>
      task
        ? renderMarkdown(task.prose.trim() || '(no description)', {
            width,
            color: !('NO_COLOR' in process.env),
            hyperlinks: false,
          })
        : undefined,
    [task, width],
  );

  // Set by the first q/Esc of a ready lab. Fault suite: when docker is down or hangs, the
  // cleanup question cannot be asked, and q used to do nothing; now the second q leaves
  // without cleanup (the journal keeps what the lab made, and Labs offers cleanup later).
  const leaving = useRef(false);
  const leave = () => {
    if (!lab || session.phase.kind !== 'ready' || leaving.current) {
      session.cancel();
      back();
      return;
    }
    leaving.current = true;
    // Cleanup makes docker events; a watch round they trigger would cut the cleanup short.
    if (session.watching) session.setWatching(false);
    void session.planLabCleanup().then((plan) => {
      if (!plan) return; // the error is on the status line; the next q leaves
      if (plan.items.length === 0) {
        // Nothing on the engine: drop the journal (if any) and go.
        void session.cleanUp(plan).then(() => back());
        return;
      }
      leaving.current = false; // the question is asked: Esc there means stay
      setDialog({ kind: 'leave', plan });
    });
  };

  const openShellHere = () => {
    const workspace = session.workspace;
    if (!workspace) return;
    if (!isRawModeSupported) {
      session.say('No terminal to open a shell in.', 'bad');
      return;
    }
    // Ink steps aside: cooked mode, a clear screen, the learner's shell; then we take over again.
    stdout.write(
      `\u001B[2J\u001B[H${'─'.repeat(Math.min(60, width))}\ndockdrill: a shell in the lab workspace\n${workspace}\nType \`exit\` to return to the lab.\n`,
    );
    stdin.setRawMode(false);
    const result = openShell(workspace, { env: { DOCKDRILL_LAB: lab?.id ?? '' } });
    stdin.setRawMode(true);
    stdout.write('\u001B[2J\u001B[H');
    if (result.error)
      session.say(`The shell ${result.shell} could not start: ${result.error}`, 'bad');
    else session.say(`Back from the shell.`);
    if (task) session.check(task);
  };

  useInput((input, key) => {
    // Dialogs take the keyboard first.
    if (dialog) {
      const yes = input === 'y';
      const no = input === 'n';
      if (key.escape) return setDialog(undefined);
      if (dialog.kind === 'solution') {
        if (yes && task) {
          session.revealSolution(task);
          setSolutionShown((s) => ({ ...s, [task.id]: true }));
        }
        if (yes || no) setDialog(undefined);
        return;
      }
      if (dialog.kind === 'reset') {
        if (input === 't' && task) {
          setDialog(undefined);
          void session.planTaskReset(task).then((plan) => {
            if (plan) setDialog({ kind: 'reset-task', task, plan });
          });
        } else if (input === 'l') {
          setDialog(undefined);
          void session.planLabCleanup().then((plan) => {
            if (plan) setDialog({ kind: 'reset-lab', plan });
          });
        } else if (no) setDialog(undefined);
        return;
      }
      if (dialog.kind === 'reset-task') {
        if (yes) {
          session.resetTask(dialog.task, dialog.plan);
          setSolutionShown((s) => ({ ...s, [dialog.task.id]: false }));
        }
        if (yes || no) setDialog(undefined);
        return;
      }
      if (dialog.kind === 'reset-lab') {
        if (yes) {
          session.resetLab(dialog.plan);
          setSolutionShown({});
        }
        if (yes || no) setDialog(undefined);
        return;
      }
      if (dialog.kind === 'leave') {
        if (yes) {
          const plan = dialog.plan;
          setDialog(undefined);
          void session.cleanUp(plan).then((report) => {
            if (report && report.failed.length === 0) back();
            else if (report)
              session.say(
                `Could not remove: ${report.failed.map((f) => `${f.item.name} (${f.error})`).join('; ')}`,
                'bad',
              );
          });
        } else if (input === 'q') {
          // q again leaves without cleanup and without "kept" (fault suite monkey: q/Esc must
          // always get out); the journal stays, so the next start offers the cleanup.
          session.cancel();
          back();
        } else if (no) {
          session.cancel();
          // Kept on purpose: the Labs screen will not offer to clean these up.
          if (lab) markKept(services.home, lab.id);
          back();
        }
        return;
      }
      return;
    }

    if (session.phase.kind === 'approve') {
      // Nothing has run yet: y goes on to setup; n, q or Esc leave without touching docker.
      if (input === 'y') session.approve();
      else if (input === 'n' || input === 'q' || key.escape) back();
      else {
        const total = wrapPreview(session.phase.lines, Math.max(20, columns - 1)).length;
        const last = lastScrollTop(total, approvalRoom);
        const by =
          input === 'j' || key.downArrow
            ? 1
            : input === 'k' || key.upArrow
              ? -1
              : input === ' ' || key.pageDown
                ? approvalRoom - 1
                : input === 'b' || key.pageUp
                  ? -(approvalRoom - 1)
                  : 0;
        if (by) setApprovalScroll((top) => Math.min(last, Math.max(0, Math.min(top, last) + by)));
      }
      return;
    }
    if (input === 'q' || key.escape) return leave();
    if (session.phase.kind === 'error' && input === 'r') return session.retry();
    if (session.phase.kind !== 'ready' || !lab || !task) return;

    if (input === 'c') session.check(task);
    else if (input === 'h') session.nextHint(task);
    else if (input === 's') {
      if (solutionShown[task.id]) setSolutionShown((s) => ({ ...s, [task.id]: false }));
      else if (session.records[task.id]?.solvedWithHelp)
        setSolutionShown((s) => ({ ...s, [task.id]: true }));
      else setDialog({ kind: 'solution' });
    } else if (input === 'a' && solutionShown[task.id]) session.applySolution(task);
    else if (input === 'r') setDialog({ kind: 'reset' });
    else if (input === 'w') session.setWatching(!session.watching);
    else if (input === '!') openShellHere();
    else if (input === 'n' || key.rightArrow || key.tab) {
      session.move(1);
      setScroll(0);
    } else if (input === 'p' || key.leftArrow) {
      session.move(-1);
      setScroll(0);
    } else if (input === 'j' || key.downArrow) setScroll((s) => s + 1);
    else if (input === 'k' || key.upArrow) setScroll((s) => Math.max(0, s - 1));
  });

  const title = lab ? `Lab: ${lab.title}` : 'Lab';
  if (session.phase.kind === 'missing') {
    return (
      <ScreenFrame title={title} hints={[BACK]}>
        <Text color="red">{session.phase.message}</Text>
      </ScreenFrame>
    );
  }

  const workspaceLines = session.workspace ? (
    <Box flexDirection="column">
      <Text dimColor>Workspace (work here; `!` opens a shell in it):</Text>
      <Text>{session.workspace}</Text>
    </Box>
  ) : null;

  if (session.phase.kind === 'approve') {
    const { pack, lines } = session.phase;
    return (
      <ScreenFrame title={title} hints={APPROVAL_HINTS}>
        <LabApproval
          pack={pack}
          lines={lines}
          columns={columns}
          room={approvalRoom}
          scroll={approvalScroll}
        />
      </ScreenFrame>
    );
  }

  if (session.phase.kind !== 'ready' || !lab || !task || !doc) {
    const phase = session.phase;
    return (
      <ScreenFrame
        title={title}
        hints={phase.kind === 'error' ? [{ keys: 'r', action: 'retry' }, BACK] : [BACK]}
      >
        {workspaceLines}
        <Box marginTop={1} flexDirection="column">
          {phase.kind === 'images' ? (
            <>
              <Spinner label={`Checking the images: ${lab?.images.join(', ') || 'none'}`} />
              {phase.line ? (
                <Text dimColor wrap="truncate-end">
                  {phase.line}
                </Text>
              ) : null}
            </>
          ) : phase.kind === 'setup' ? (
            <>
              <Spinner label="Setting up the lab…" />
              {phase.step ? (
                <Text dimColor wrap="truncate-end">
                  {phase.step}
                </Text>
              ) : null}
            </>
          ) : phase.kind === 'error' ? (
            <>
              <Text color="red" bold>
                {phase.title}
              </Text>
              <Text>{phase.message}</Text>
            </>
          ) : null}
        </Box>
      </ScreenFrame>
    );
  }

  // The lower panel: a dialog, else the solution, hints and results of the current task.
  let panel: PanelLine[] = [];
  let prompt: string | undefined;
  let hints: readonly KeyHint[];
  if (dialog) {
    hints =
      dialog.kind === 'reset'
        ? [
            { keys: 't', action: 'this task' },
            { keys: 'l', action: 'whole lab' },
            { keys: 'esc', action: 'cancel' },
          ]
        : YES_NO;
    if (dialog.kind === 'solution')
      prompt = `Show the solution of ${task.id}? The task will count as solved with help. (y/n)`;
    else if (dialog.kind === 'reset') prompt = `Reset what? t: task ${task.id} · l: the whole lab`;
    else if (dialog.kind === 'reset-task') {
      prompt = dialog.plan.items.length
        ? `Reset ${dialog.task.id}: remove these and restore its files? (y/n)`
        : `Reset ${dialog.task.id}: nothing to remove; restore its files and progress? (y/n)`;
      panel = cleanupLines(dialog.plan.items);
    } else if (dialog.kind === 'reset-lab') {
      prompt = 'Reset the lab: remove these, restore the workspace and set up again? (y/n)';
      panel = cleanupLines(dialog.plan.items);
    } else {
      prompt = 'Leaving the lab. Clean up what it made? y: remove these · n: keep them';
      panel = cleanupLines(dialog.plan.items);
    }
  } else {
    const found = session.results[task.id];
    if (solutionShown[task.id]) panel.push(...solutionLines(task));
    panel.push(...hintLines(task, session.hintsShown[task.id] ?? 0));
    if (found) panel.push(...resultLines(found, describeRef));
    hints = [
      { keys: 'c', action: 'check' },
      { keys: 'h', action: 'hint' },
      { keys: 's', action: 'solution' },
      ...(solutionShown[task.id] ? [{ keys: 'a', action: 'apply it' }] : []),
      { keys: 'w', action: session.watching ? 'stop watching' : 'watch' },
      { keys: 'r', action: 'reset' },
      { keys: '!', action: 'shell' },
      { keys: 'n/p ←→', action: 'task' },
      { keys: '↑↓', action: 'scroll' },
      BACK,
    ];
  }

  // Rows: title 1 + margins 2 + workspace 2 + tasks 1 + heading 1 + status 1 + prompt + hints 2.
  const fixed = 10 + (prompt ? 1 : 0);
  const room = Math.max(4, rows - fixed);
  const panelRoom = Math.max(2, Math.min(panel.length, room - Math.min(doc.lines.length, 3)));
  const shownPanel = fitLines(panel, panelRoom);
  const proseRoom = Math.max(1, room - shownPanel.length);
  const maxScroll = Math.max(0, doc.lines.length - proseRoom);
  const start = Math.min(scroll, maxScroll);
  const status = session.status(task);
  const done = lab.tasks.filter((t) => ['passed', 'help'].includes(session.status(t))).length;

  return (
    <ScreenFrame
      title={title}
      subtitle={`${done}/${lab.tasks.length} done${session.watching ? ' · watching' : ''}`}
      hints={hints}
    >
      {workspaceLines}
      <Box columnGap={2} flexWrap="wrap">
        {lab.tasks.map((t, i) => {
          const mark = MARKS[session.status(t)];
          return (
            <Text key={t.id} bold={i === session.index} inverse={i === session.index}>
              <Text color={mark.color}>{mark.mark}</Text> {t.id}
            </Text>
          );
        })}
      </Box>
      <Text bold wrap="truncate-end">
        Task {session.index + 1}/{lab.tasks.length}: {task.id}{' '}
        <Text color={MARKS[status].color}>
          {status === 'passed'
            ? '✓ done'
            : status === 'help'
              ? '✓ done (with help)'
              : status === 'failed'
                ? '✗ not yet'
                : ''}
        </Text>
        {maxScroll > 0 ? (
          <Text dimColor>
            {' '}
            (lines {start + 1}-{Math.min(doc.lines.length, start + proseRoom)} of {doc.lines.length}
            )
          </Text>
        ) : null}
      </Text>
      <MarkdownView doc={doc} start={start} height={proseRoom} />
      {shownPanel.map((line, i) => (
        <Text key={i} color={line.color} bold={line.bold} dimColor={line.dim} wrap="truncate-end">
          {line.text}
        </Text>
      ))}
      {prompt ? (
        <Text color="yellow" bold wrap="truncate-end">
          {prompt}
        </Text>
      ) : null}
      <StatusLine session={session} />
    </ScreenFrame>
  );
}

function StatusLine({ session }: { readonly session: LabSession }) {
  if (session.busy) return <Spinner label={session.busy.label} />;
  const notice = session.notice;
  if (notice)
    return (
      <Text
        color={notice.tone === 'good' ? 'green' : notice.tone === 'bad' ? 'red' : undefined}
        wrap="truncate-end"
      >
        {notice.text}
      </Text>
    );
  if (session.watching)
    return <Text dimColor>Watching docker events: the task re-checks on every change.</Text>;
  return <Text dimColor>Do the task with docker in another terminal, then press c.</Text>;
}
