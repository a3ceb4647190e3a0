/**
 * What a course pack's lab will do, before it first runs: every line complete (wrapped,
 * never cut), scrolled with j/k and space/b, and the yes/no question always in view.
 */
import { Box, Text } from 'ink';
import { splitByWidth } from '../markdown/width.js';

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

/** The preview's lines wrapped to `width`; continuation rows indented under their item. */
export function wrapPreview(
  lines: readonly string[],
  width: number,
): { text: string; item: boolean }[] {
  const rows: { text: string; item: boolean }[] = [];
  for (const line of lines) {
    const item = line.startsWith('  ');
    const indent = item ? 2 : 0;
    const hanging = item ? 4 : 2;
    const [first, ...rest] = splitByWidth(line.slice(indent), Math.max(10, width - indent));
    rows.push({ text: ' '.repeat(indent) + first, item });
    for (const piece of rest.flatMap((r) => splitByWidth(r, Math.max(10, width - hanging))))
      rows.push({ text: ' '.repeat(hanging) + piece, item });
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
