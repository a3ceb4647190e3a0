/**
 * The course map: every lesson grouped by exam domain, with the learner's mark (read,
 * in progress, unread), its minutes and whether a quiz and a lab go with it. Built from
 * front matter only; a broken lesson is listed with its error and cannot be opened.
 */
import { Box, Text, useInput } from 'ink';
import { dirname, relative } from 'node:path';
import { useMemo, useState } from 'react';
import { courseMap, type CourseLesson } from '../../content/course-map.js';
import { DOMAINS, type DomainId } from '../../content/domains.js';
import type { LessonProgress } from '../../progress/schema.js';
import { useServices } from '../app-context.js';
import { KeyHints } from '../components/KeyHints.js';
import { useTerminalSize, type TerminalSize } from '../hooks/use-terminal-size.js';
import { useNavigation } from '../navigation.js';
import { truncate, wrapWords } from '../reader/hints.js';

export interface LessonsProps {
  /** Overrides the terminal size (tests). */
  readonly viewport?: TerminalSize;
}

export const MARKS = { read: '✓', started: '◐', unread: '○', broken: '✗' } as const;

/** One row of the map: a domain heading, a lesson, or a broken lesson's error line. */
type Row =
  | { readonly kind: 'domain'; readonly title: string }
  | { readonly kind: 'lesson'; readonly lesson: CourseLesson; readonly mark: string }
  | { readonly kind: 'error'; readonly text: string };

const HINTS = [
  { keys: '↑↓/jk', action: 'move' },
  { keys: 'enter', action: 'read' },
  { keys: 'q/esc', action: 'back' },
];

const ERROR_INDENT = '      ';

/** Title, blank, list, blank, hints, and a free row so the live area stays shorter. */
const CHROME_ROWS = 5;

function markOf(progress: LessonProgress | undefined): string {
  if (progress?.readAt) return MARKS.read;
  if (progress) return MARKS.started;
  return MARKS.unread;
}

function buildRows(
  lessons: readonly CourseLesson[],
  progress: Readonly<Record<string, LessonProgress>>,
  width: number,
): Row[] {
  const groups = new Map<DomainId | undefined, CourseLesson[]>();
  for (const lesson of lessons) {
    const key = lesson.meta.domain;
    groups.set(key, [...(groups.get(key) ?? []), lesson]);
  }
  // Domains in course order (where their first lesson comes); broken ones without a
  // domain last.
  const order: (DomainId | undefined)[] = [...groups.keys()].sort((a, b) =>
    a === undefined ? 1 : b === undefined ? -1 : 0,
  );
  const rows: Row[] = [];
  for (const domain of order) {
    const members = groups.get(domain);
    if (!members?.length) continue;
    rows.push({ kind: 'domain', title: domain ? DOMAINS[domain].title : 'Lessons to fix' });
    for (const lesson of members) {
      const broken = lesson.meta.broken?.length;
      rows.push({
        kind: 'lesson',
        lesson,
        mark: broken ? MARKS.broken : markOf(progress[lesson.meta.id]),
      });
      // file:line relative to the course root, wrapped: the message is the point here.
      const root = dirname(dirname(lesson.meta.dir));
      for (const problem of lesson.meta.broken ?? []) {
        const text = `${relative(root, problem.file)}:${problem.line}: ${problem.message}`;
        for (const line of wrapWords(text, Math.max(10, width - ERROR_INDENT.length)))
          rows.push({ kind: 'error', text: line });
      }
    }
  }
  return rows;
}

function isOpenable(row: Row | undefined): boolean {
  return row?.kind === 'lesson' && !row.lesson.meta.broken?.length;
}

/** The row to highlight first: the lesson opened last, or the first lesson that opens. */
function initialRow(rows: readonly Row[], progress: Readonly<Record<string, LessonProgress>>) {
  let best = -1;
  let bestAt = '';
  rows.forEach((row, index) => {
    if (!isOpenable(row) || row.kind !== 'lesson') return;
    const at = progress[row.lesson.meta.id]?.openedAt ?? '';
    if (best === -1 || at > bestAt) {
      best = index;
      bestAt = at;
    }
  });
  return best;
}

export function Lessons({ viewport }: LessonsProps) {
  const { roots, store } = useServices();
  const { open, back } = useNavigation();
  const terminal = useTerminalSize();
  const { columns, rows: terminalRows } = viewport ?? terminal;

  const map = useMemo(() => courseMap(roots), [roots]);
  const progress = useMemo(() => {
    try {
      return store.read().lessons;
    } catch {
      return {};
    }
  }, [store]);
  const rows = useMemo(() => buildRows(map.lessons, progress, columns), [map, progress, columns]);
  const [selected, setSelected] = useState(() => initialRow(rows, progress));

  const move = (direction: 1 | -1) => {
    for (let i = selected + direction; i >= 0 && i < rows.length; i += direction) {
      if (isOpenable(rows[i])) {
        setSelected(i);
        return;
      }
    }
  };

  useInput((input, key) => {
    if (key.escape || input === 'q') return back();
    if (key.downArrow || input === 'j') move(1);
    else if (key.upArrow || input === 'k') move(-1);
    else if (key.return) {
      const row = rows[selected];
      if (row?.kind === 'lesson' && isOpenable(row))
        open({ name: 'lesson', id: row.lesson.meta.id });
    }
  });

  const lessonCount = map.lessons.length;
  const readCount = map.lessons.filter((l) => progress[l.meta.id]?.readAt).length;
  const height = Math.max(3, terminalRows - CHROME_ROWS);
  // Window the list around the selection so a long course never outgrows the terminal.
  const first = Math.max(0, Math.min(selected - Math.floor(height / 2), rows.length - height));
  const visible = rows.slice(first, first + height);

  return (
    <Box flexDirection="column">
      <Box>
        <Text bold color="cyan">
          Lessons
        </Text>
        <Text dimColor>
          {' '}
          {lessonCount} lessons · {readCount} read · {MARKS.read} read {MARKS.started} started{' '}
          {MARKS.unread} unread
        </Text>
      </Box>
      <Box flexDirection="column" marginY={1}>
        {lessonCount === 0 ? <Text>No lessons found in this course.</Text> : null}
        {visible.map((row, offset) => (
          <RowView
            key={first + offset}
            row={row}
            selected={first + offset === selected}
            width={columns}
          />
        ))}
      </Box>
      <KeyHints hints={HINTS} />
    </Box>
  );
}

function RowView({
  row,
  selected,
  width,
}: {
  readonly row: Row;
  readonly selected: boolean;
  readonly width: number;
}) {
  if (row.kind === 'domain') {
    return (
      <Text bold wrap="truncate-end">
        {truncate(row.title, width)}
      </Text>
    );
  }
  if (row.kind === 'error') {
    return (
      <Text color="red" wrap="truncate-end">
        {truncate(`${ERROR_INDENT}${row.text}`, width)}
      </Text>
    );
  }
  const { meta, hasQuiz, labId } = row.lesson;
  const broken = Boolean(meta.broken?.length);
  const extras = broken
    ? 'broken'
    : [`${meta.minutes} min`, hasQuiz ? 'quiz' : '', labId ? 'lab' : '']
        .filter(Boolean)
        .join(' · ');
  const pointer = selected ? '❯' : ' ';
  const head = `${pointer} ${row.mark} `;
  const title = truncate(meta.title, Math.max(10, width - head.length - extras.length - 3));
  return (
    <Text wrap="truncate-end">
      <Text color={selected ? 'cyan' : undefined}>{pointer} </Text>
      <Text color={broken ? 'red' : row.mark === MARKS.read ? 'green' : undefined}>
        {row.mark}{' '}
      </Text>
      <Text bold={selected} color={selected ? 'cyan' : broken ? 'red' : undefined}>
        {title}
      </Text>
      <Text dimColor>
        {'  '}
        {extras}
      </Text>
    </Text>
  );
}
