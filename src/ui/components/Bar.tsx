/** Text bars for scores and progress: fit in any terminal, readable without colour. */
import { Text } from 'ink';

/** `█████░░░░░` for `value` out of `total`, `width` cells wide. */
export function barText(value: number, total: number, width: number): string {
  const cells = Math.max(1, Math.floor(width));
  const filled = total <= 0 ? 0 : Math.round((Math.min(value, total) / total) * cells);
  return '█'.repeat(filled) + '░'.repeat(cells - filled);
}

const SPARKS = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'] as const;

/** One character per percentage (0-100): a tiny chart of past scores. */
export function sparkline(percents: readonly number[]): string {
  return percents
    .map((p) => SPARKS[Math.min(7, Math.max(0, Math.floor((p / 100) * 7.999)))])
    .join('');
}

export interface BarProps {
  readonly value: number;
  readonly total: number;
  readonly width: number;
  readonly color?: string;
}

export function Bar({ value, total, width, color }: BarProps) {
  return <Text color={color}>{barText(value, total, width)}</Text>;
}
