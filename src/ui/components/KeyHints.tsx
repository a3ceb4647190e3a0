import { Box, Text } from 'ink';

export interface KeyHint {
  /** The key as the learner types it, e.g. "↑↓/jk" or "q". */
  readonly keys: string;
  /** What it does, e.g. "move". */
  readonly action: string;
}

export interface KeyHintsProps {
  readonly hints: readonly KeyHint[];
}

/** The footer line of key hints that every screen shows. */
export function KeyHints({ hints }: KeyHintsProps) {
  return (
    <Box flexWrap="wrap" columnGap={2}>
      {hints.map((hint) => (
        <Text key={hint.keys}>
          <Text bold>{hint.keys}</Text>
          <Text dimColor> {hint.action}</Text>
        </Text>
      ))}
    </Box>
  );
}
