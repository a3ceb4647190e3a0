import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import { KeyHints, type KeyHint } from './KeyHints.js';

export interface ScreenFrameProps {
  /** Shown in bold on the first line. */
  readonly title: string;
  /** Shown dimmed after the title, e.g. counts or a position. */
  readonly subtitle?: string;
  readonly hints: readonly KeyHint[];
  readonly children: ReactNode;
}

/** Title line, body, and the key-hint footer: the layout every screen shares. */
export function ScreenFrame({ title, subtitle, hints, children }: ScreenFrameProps) {
  return (
    <Box flexDirection="column">
      <Box>
        <Text bold color="cyan">
          {title}
        </Text>
        {subtitle ? <Text dimColor> {subtitle}</Text> : null}
      </Box>
      <Box flexDirection="column" marginY={1}>
        {children}
      </Box>
      <KeyHints hints={hints} />
    </Box>
  );
}
