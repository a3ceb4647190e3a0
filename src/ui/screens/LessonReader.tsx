/**
 * The lesson reader: a pager over the rendered lesson. The lesson is rendered once per
 * width; each frame draws only the lines that fit, so the live area stays shorter than
 * the terminal (Ink never clears the scrollback) and a page-down costs one screenful,
 * whatever the lesson's length. The position is kept in the progress store.
 */
import { Box, Text, useInput, useStdout } from 'ink';
import TextInput from 'ink-text-input';
import { useEffect, useMemo, useRef, useState } from 'react';
import { recordLessonPosition } from '../../progress/records.js';
import type { LessonProgress } from '../../progress/schema.js';
import type { ProgressStore } from '../../progress/store.js';
import { useServices } from '../app-context.js';
import { KeyHints } from '../components/KeyHints.js';
import { MarkdownView } from '../components/Markdown.js';
import { useLessonDoc, useLoadedLesson } from '../hooks/use-lesson-doc.js';
import { useScroll } from '../hooks/use-scroll.js';
import { useTerminalSize, type TerminalSize } from '../hooks/use-terminal-size.js';
import type { RenderedDoc, RenderedHeading } from '../markdown/types.js';
import { stringWidth } from '../markdown/width.js';
import { useNavigation } from '../navigation.js';
import { headingAt } from '../reader/anchor.js';
import { fitHints, truncate, type RankedHint } from '../reader/hints.js';
import { findMatches, highlightLine, lineTexts } from '../reader/search.js';
import { documentStyle } from '../reader/terminal.js';
import type { ScreenId } from '../screens.js';

export interface LessonReaderProps {
  readonly id: string;
  /** A section slug to open at, instead of the remembered position. */
  readonly section?: string;
  /** Whether a screen exists in this build (the quiz and lab screens may not yet). */
  readonly canOpen?: (screen: ScreenId) => boolean;
  /** Overrides the terminal size (tests and the benchmark). */
  readonly viewport?: TerminalSize;
}

/** Rows around the text: the title line, the status line and the key hints line. */
export const CHROME_ROWS = 3;
/** One row left free below the live area, so it is always shorter than the terminal. */
const FREE_ROWS = 1;
const SAVE_DELAY_MS = 400;

/** How many lesson lines the reader shows in a terminal of `rows` rows. */
export function readerHeight(rows: number): number {
  return Math.max(1, rows - CHROME_ROWS - FREE_ROWS);
}

type Mode = 'read' | 'toc' | 'search';

interface Search {
  readonly query: string;
  readonly matches: readonly number[];
  /** Index into `matches` of the match n/N last went to. */
  readonly current: number;
}

export function LessonReader({ id, section, canOpen = () => false, viewport }: LessonReaderProps) {
  const { roots, store } = useServices();
  const { open, back } = useNavigation();
  const terminal = useTerminalSize();
  const { stdout } = useStdout();
  const { columns, rows } = viewport ?? terminal;
  const width = Math.max(20, columns);
  const height = readerHeight(rows);
  const style = useMemo(() => documentStyle(process.env, Boolean(stdout.isTTY)), [stdout]);

  const loaded = useLoadedLesson(roots, id);
  const doc = useLessonDoc(loaded, width, style);
  const remembered = useMemo(() => readProgress(store, id), [store, id]);
  const scroll = useScroll(doc, height, (first) => {
    const target = section ? first.headings.find((h) => h.slug === section) : undefined;
    return target ? target.lineIndex : (remembered?.position ?? 0);
  });
  const { top, maxTop, atEnd, scrollBy, scrollTo } = scroll;

  const [mode, setMode] = useState<Mode>('read');
  const [message, setMessage] = useState<string>(
    section && doc && !doc.headings.some((h) => h.slug === section)
      ? `No section "${section}" in this lesson.`
      : '',
  );
  const [draft, setDraft] = useState('');
  const [search, setSearch] = useState<Search>();
  const [tocIndex, setTocIndex] = useState(0);
  const [read, setRead] = useState(Boolean(remembered?.readAt));

  const savePosition = usePositionSaving(
    store,
    id,
    remembered,
    doc ? top : undefined,
    Boolean(doc) && atEnd,
    () => setRead(true),
  );
  // Save before leaving, so the screen shown next (rendered before this one unmounts)
  // already sees the position.
  const leave = () => {
    savePosition();
    back();
  };

  const toc = useMemo(
    () => (doc ? doc.headings.filter((h) => h.depth === 2 || h.depth === 3) : []),
    [doc],
  );
  // A re-wrap changes which lines match: search again at the new width.
  const searchDoc = useRef(doc);
  useEffect(() => {
    if (searchDoc.current === doc) return;
    searchDoc.current = doc;
    if (search && doc) {
      const matches = findMatches(lineTexts(doc), search.query);
      const current = Math.max(
        0,
        matches.findIndex((line) => line >= top),
      );
      const next = { ...search, matches, current };
      setSearch(next);
      setMessage(matchMessage(next));
    }
  }, [doc]);

  const entry = loaded.ok ? loaded.entry : undefined;
  const page = Math.max(1, height - 1);

  const goToMatch = (next: Search) => {
    setSearch(next);
    setMessage(matchMessage(next));
    const line = next.matches[next.current];
    // Keep two lines of context above the match.
    if (line !== undefined) scrollTo(line - Math.min(2, Math.floor(height / 4)));
  };

  const submitSearch = (value: string) => {
    setMode('read');
    const query = value.trim();
    if (!query || !doc) {
      setMessage('');
      return;
    }
    const matches = findMatches(lineTexts(doc), query);
    // The first match on the screen or below it; wrap to the first one.
    const from = matches.findIndex((line) => line >= top);
    goToMatch({ query, matches, current: from === -1 ? 0 : from });
  };

  const step = (direction: 1 | -1) => {
    if (!search) {
      setMessage('Search first with /.');
      return;
    }
    const count = search.matches.length;
    if (count === 0) return goToMatch(search);
    goToMatch({ ...search, current: (search.current + direction + count) % count });
  };

  const openQuiz = () => {
    if (!entry?.hasQuiz) return setMessage('This lesson has no quiz.');
    if (!canOpen('quiz')) return setMessage('Quizzes are not in this version of dockdrill yet.');
    savePosition();
    open({ name: 'quiz', filter: id });
  };
  const openLab = () => {
    if (!entry?.labId) return setMessage('This lesson has no lab.');
    if (!canOpen('lab')) return setMessage('Labs are not in this version of dockdrill yet.');
    savePosition();
    open({ name: 'lab', id: entry.labId });
  };

  useInput(
    (input, key) => {
      if (key.escape || input === 'q') return leave();
      if (!doc) return;
      if (key.downArrow || input === 'j' || key.return) scrollBy(1);
      else if (key.upArrow || input === 'k') scrollBy(-1);
      else if (key.pageDown || input === ' ' || input === 'f') scrollBy(page);
      else if (key.pageUp || input === 'b') scrollBy(-page);
      else if (key.home || input === 'g') scrollTo(0);
      else if (key.end || input === 'G') scrollTo(maxTop);
      else if (input === 't') {
        if (toc.length === 0) return setMessage('This lesson has no sections.');
        setTocIndex(Math.max(0, headingAt(toc, top)));
        setMode('toc');
        return;
      } else if (input === '/') {
        setDraft('');
        setMode('search');
        return;
      } else if (input === 'n') return step(1);
      else if (input === 'N') return step(-1);
      else if (input === 'z') return openQuiz();
      else if (input === 'L') return openLab();
      else return;
      if (message && !search) setMessage('');
    },
    { isActive: mode === 'read' },
  );

  useInput(
    (input, key) => {
      if (key.escape || input === 'q' || input === 't') return setMode('read');
      if (key.downArrow || input === 'j') setTocIndex((i) => Math.min(toc.length - 1, i + 1));
      else if (key.upArrow || input === 'k') setTocIndex((i) => Math.max(0, i - 1));
      else if (key.home || input === 'g') setTocIndex(0);
      else if (key.end || input === 'G') setTocIndex(toc.length - 1);
      else if (key.return) {
        const heading = toc[tocIndex];
        if (heading) scrollTo(heading.lineIndex);
        setMode('read');
      }
    },
    { isActive: mode === 'toc' },
  );

  useInput(
    (_input, key) => {
      if (key.escape) {
        setMode('read');
        setMessage('');
      }
    },
    { isActive: mode === 'search' },
  );

  if (!loaded.ok || !doc) {
    const text = loaded.ok ? '' : loaded.message;
    return (
      <Box flexDirection="column">
        <Text bold color="cyan">
          Lesson
        </Text>
        <Text color="red">{text}</Text>
        <KeyHints hints={[{ keys: 'q/esc', action: 'back' }]} />
      </Box>
    );
  }

  const percent = maxTop === 0 ? 100 : Math.round((Math.min(top, maxTop) / maxTop) * 100);
  const current = toc[headingAt(toc, top)];
  // The position and the read mark always show; the section name only when it fits.
  const position = `${percent}%${read ? ' · read ✓' : ''}`;
  const title = truncate(loaded.lesson.meta.title, Math.max(8, width - stringWidth(position) - 2));
  const room = width - stringWidth(title) - 2 - stringWidth(position);
  const sectionName = current && room >= 8 ? `${truncate(current.title, room - 3)} · ` : '';
  const rightShown = truncate(sectionName + position, Math.max(0, width - stringWidth(title) - 2));

  return (
    <Box flexDirection="column">
      <Box>
        <Text bold color="cyan" wrap="truncate-end">
          {title}
        </Text>
        <Text dimColor wrap="truncate-end">
          {'  '}
          {rightShown}
        </Text>
      </Box>
      {mode === 'toc' ? (
        <TableOfContents headings={toc} selected={tocIndex} height={height} width={width} />
      ) : (
        <Window doc={doc} top={top} height={height} search={search} />
      )}
      <StatusLine
        mode={mode}
        draft={draft}
        onDraft={setDraft}
        onSubmit={submitSearch}
        message={message}
        width={width}
      />
      <Box height={1} overflow="hidden">
        <KeyHints hints={fitHints(hintsFor(mode, entry?.hasQuiz, entry?.labId), width)} />
      </Box>
    </Box>
  );
}

/** The visible lines, with search matches highlighted; always exactly `height` rows. */
function Window({
  doc,
  top,
  height,
  search,
}: {
  readonly doc: RenderedDoc;
  readonly top: number;
  readonly height: number;
  readonly search: Search | undefined;
}) {
  const shown = useMemo(() => {
    if (!search || search.matches.length === 0) return doc;
    // Only the visible lines are restyled; the rest of the array is shared, not copied.
    const end = Math.min(doc.lines.length, top + height);
    const lines = doc.lines.slice(0, end);
    const currentLine = search.matches[search.current];
    for (const line of search.matches) {
      if (line < top) continue;
      if (line >= end) break;
      lines[line] = highlightLine(lines[line]!, search.query, line === currentLine);
    }
    return { ...doc, lines };
  }, [doc, top, height, search]);
  const blank = Math.max(0, top + height - doc.lines.length);
  return (
    <Box flexDirection="column" height={height} overflow="hidden">
      <MarkdownView doc={shown} start={top} height={height} />
      {blank > 0 ? <Box height={blank} /> : null}
    </Box>
  );
}

function TableOfContents({
  headings,
  selected,
  height,
  width,
}: {
  readonly headings: readonly RenderedHeading[];
  readonly selected: number;
  readonly height: number;
  readonly width: number;
}) {
  const listHeight = Math.max(1, height - 1);
  const first = Math.max(
    0,
    Math.min(selected - Math.floor(listHeight / 2), headings.length - listHeight),
  );
  const visible = headings.slice(first, first + listHeight);
  return (
    <Box flexDirection="column" height={height} overflow="hidden">
      <Text bold>Contents</Text>
      {visible.map((heading, offset) => {
        const index = first + offset;
        const isSelected = index === selected;
        const indent = heading.depth === 3 ? '    ' : '  ';
        return (
          <Text key={index} color={isSelected ? 'cyan' : undefined} bold={isSelected}>
            {truncate(`${isSelected ? '❯' : ' '}${indent}${heading.title}`, width)}
          </Text>
        );
      })}
    </Box>
  );
}

function StatusLine({
  mode,
  draft,
  onDraft,
  onSubmit,
  message,
  width,
}: {
  readonly mode: Mode;
  readonly draft: string;
  readonly onDraft: (value: string) => void;
  readonly onSubmit: (value: string) => void;
  readonly message: string;
  readonly width: number;
}) {
  if (mode === 'search') {
    return (
      <Box height={1} overflow="hidden">
        <Text color="yellow">/</Text>
        <TextInput value={draft} onChange={onDraft} onSubmit={onSubmit} placeholder="search" />
      </Box>
    );
  }
  return (
    <Box height={1} overflow="hidden">
      <Text color="yellow" wrap="truncate-end">
        {message ? truncate(message, width) : ' '}
      </Text>
    </Box>
  );
}

function matchMessage(search: Search): string {
  if (search.matches.length === 0) return `No match for “${search.query}”.`;
  return `Match ${search.current + 1}/${search.matches.length} for “${search.query}”  n/N next/previous`;
}

/** Footer hints in display order; `rank` says which survive a narrow terminal. */
function hintsFor(mode: Mode, hasQuiz = false, labId?: string): RankedHint[] {
  if (mode === 'toc')
    return [
      { keys: '↑↓/jk', action: 'move', rank: 2 },
      { keys: 'enter', action: 'jump', rank: 1 },
      { keys: 'esc/t', action: 'close', rank: 0 },
    ];
  if (mode === 'search')
    return [
      { keys: 'enter', action: 'search', rank: 0 },
      { keys: 'esc', action: 'cancel', rank: 1 },
    ];
  return [
    { keys: '↑↓/jk', action: 'scroll', rank: 5 },
    { keys: 'space/b', action: 'page', rank: 6 },
    { keys: 't', action: 'contents', rank: 1 },
    { keys: '/', action: 'search', rank: 2 },
    ...(hasQuiz ? [{ keys: 'z', action: 'quiz', rank: 3 }] : []),
    ...(labId ? [{ keys: 'L', action: 'lab', rank: 4 }] : []),
    { keys: 'g/G', action: 'top/end', rank: 7 },
    { keys: 'q', action: 'back', rank: 0 },
  ];
}

function readProgress(store: ProgressStore, id: string): LessonProgress | undefined {
  try {
    return store.read().lessons[id];
  } catch {
    return undefined;
  }
}

/**
 * Saves the position a moment after scrolling stops, at once when the end is reached
 * (that marks the lesson read), and on leaving the reader.
 */
function usePositionSaving(
  store: ProgressStore,
  id: string,
  remembered: LessonProgress | undefined,
  top: number | undefined,
  atEnd: boolean,
  onRead: () => void,
): () => void {
  const latest = useRef({ top, atEnd });
  latest.current = { top, atEnd };
  // -1: nothing saved in this visit yet, so opening alone records the lesson as opened
  // (the course map shows it in progress and highlights it when the learner comes back).
  const saved = useRef({ top: -1, read: Boolean(remembered?.readAt) });
  const timer = useRef<NodeJS.Timeout>(undefined);
  const onReadRef = useRef(onRead);
  onReadRef.current = onRead;

  const save = () => {
    clearTimeout(timer.current);
    timer.current = undefined;
    const { top: position, atEnd: end } = latest.current;
    if (position === undefined) return;
    const newlyRead = end && !saved.current.read;
    if (position === saved.current.top && !newlyRead) return;
    try {
      recordLessonPosition(store, id, position, end);
      saved.current = { top: position, read: saved.current.read || end };
      if (newlyRead) onReadRef.current();
    } catch {
      // A store that cannot be written must not break reading; the next save retries.
    }
  };

  useEffect(() => {
    if (top === undefined) return;
    if (atEnd && !saved.current.read) {
      save();
      return;
    }
    clearTimeout(timer.current);
    timer.current = setTimeout(save, SAVE_DELAY_MS);
  }, [top, atEnd]);

  // Flush on unmount too (Ctrl+C, or the app quitting under the reader).
  useEffect(() => save, []);
  return save;
}
