import { Box, Text, useInput } from 'ink';
import { useMemo, useState } from 'react';
import { courseOutline } from '../../course/outline.js';
import { formatSummary } from '../../progress/format-summary.js';
import { summarise } from '../../progress/summary.js';
import { useServices } from '../app-context.js';
import { ScreenFrame } from '../components/ScreenFrame.js';
import { useTerminalSize } from '../hooks/use-terminal-size.js';
import { useNavigation } from '../navigation.js';

const HINTS = [
  { keys: '↑↓/jk', action: 'scroll' },
  { keys: 'r', action: 'refresh' },
  { keys: 'q/esc', action: 'back' },
];

/** Where the learner stands: completion, lessons, domains, review, exams, streak. */
export function Progress() {
  const { roots, store } = useServices();
  const { back } = useNavigation();
  const { columns, rows } = useTerminalSize();
  const [refresh, setRefresh] = useState(0);
  const [top, setTop] = useState(0);
  const outline = useMemo(() => courseOutline(roots), [roots]);
  const lines = useMemo(
    () => formatSummary(summarise(outline, store.read()), Math.min(columns, 100)),
    // `refresh` is a dependency on purpose: pressing r re-reads the store.
    [outline, store, columns, refresh],
  );
  // Title, margins and the footer take 5 rows; keep one spare so Ink never scrolls.
  const height = Math.max(3, rows - 6);
  const maxTop = Math.max(0, lines.length - height);

  useInput((input, key) => {
    if (input === 'q' || key.escape) back();
    else if (input === 'j' || key.downArrow) setTop((t) => Math.min(maxTop, t + 1));
    else if (input === 'k' || key.upArrow) setTop((t) => Math.max(0, t - 1));
    else if (key.pageDown || input === ' ') setTop((t) => Math.min(maxTop, t + height));
    else if (key.pageUp) setTop((t) => Math.max(0, t - height));
    else if (input === 'r') setRefresh((n) => n + 1);
  });

  const shown = lines.slice(top, top + height);
  return (
    <ScreenFrame
      title="Progress"
      subtitle={maxTop > 0 ? `${Math.round((top / maxTop) * 100)}%` : undefined}
      hints={HINTS}
    >
      <Box flexDirection="column">
        {shown.map((line, index) => (
          <Text key={top + index} wrap="truncate-end">
            {line || ' '}
          </Text>
        ))}
      </Box>
    </ScreenFrame>
  );
}
