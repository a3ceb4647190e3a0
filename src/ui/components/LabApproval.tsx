/**
 * What a course pack's lab will do, before it first runs: every line complete (wrapped,
 * never cut), scrolled with j/k and space/b, and the yes/no question always in view.
 */
import { Box, Text } from 'ink';
import { splitByWidth, stringWidth } from '../markdown/width.js';

export interface LabApprovalProps {
  /** The pack's name, as the learner loaded it. */
  readonly pack: string;
  /** labRunPreview's lines: section titles, and items indented by two spaces. */
  readonly lines: readonly string[];
  readonly columns: number;
  /** Rows the list may use. */
  readonly room: number;
  /** First wrapped row shown (clamped here). */
  readonly scroll: number;
}

/**
 * The preview's lines wrapped to `width` between words (a word longer than a row is cut
 * into pieces); continuation rows hang under their item. Nothing is dropped but the one
 * space at each break between words.
 */
export function wrapPreview(
  lines: readonly string[],
  width: number,
): { text: string; item: boolean }[] {
  const rows: { text: string; item: boolean }[] = [];
  for (const line of lines) {
    const item = line.startsWith('  ');
    const indent = item ? 2 : 0;
    const hanging = item ? 4 : 2;
    let prefix = ' '.repeat(indent);
    let room = Math.max(10, width - indent);
    let current = '';
    const flush = () => {
      rows.push({ text: prefix + current, item });
      prefix = ' '.repeat(hanging);
      room = Math.max(10, width - hanging);
      current = '';
    };
    for (const word of line.slice(indent).split(' ')) {
      const joined = current ? `${current} ${word}` : word;
      if (stringWidth(joined) <= room) {
        current = joined;
        continue;
      }
      if (current) flush();
      const pieces = splitByWidth(word, room);
      for (const piece of pieces.slice(0, -1)) {
        current = piece;
        flush();
      }
      current = pieces[pieces.length - 1] ?? '';
    }
    flush();
  }
  return rows;
}

/** The furthest a list of `total` rows scrolls in `room` rows. */
export function lastScrollTop(total: number, room: number): number {
  return Math.max(0, total - room);
}

export function LabApproval({ pack, lines, columns, room, scroll }: LabApprovalProps) {
  const rows = wrapPreview(lines, Math.max(20, columns - 1));
  const top = Math.min(Math.max(0, scroll), lastScrollTop(rows.length, room));
  const shown = rows.slice(top, top + room);
  const below = rows.length - top - shown.length;
  return (
    <Box flexDirection="column">
      <Text wrap="wrap">
        This lab comes from the course pack “{pack}”, not from dockdrill. Before it first runs, here
        is everything it will do on this machine:
      </Text>
      <Box marginTop={1} flexDirection="column">
        {shown.map((row, i) => (
          <Text key={top + i} dimColor={!row.item}>
            {row.text}
          </Text>
        ))}
      </Box>
      <Text dimColor>
        {rows.length > room
          ? `rows ${top + 1}-${top + shown.length} of ${rows.length}${below > 0 ? ` · ${below} more below (j/space)` : ' · end'}`
          : ' '}
      </Text>
      <Text color="yellow" bold wrap="wrap">
        Run this lab? y: yes (asked again only if anything in its folder changes) · n: go back
      </Text>
    </Box>
  );
}
