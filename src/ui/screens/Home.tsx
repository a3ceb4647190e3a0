import { Box, Text, useInput } from 'ink';
import SelectInput from 'ink-select-input';
import { useState } from 'react';
import { useShellServices } from '../app-context.js';
import { ScreenFrame } from '../components/ScreenFrame.js';
import { useDockerStatus, type DockerStatus } from '../hooks/use-docker-status.js';
import { useNavigation } from '../navigation.js';
import type { Route, ScreenId } from '../screens.js';

export interface HomeProps {
  /** Screens that exist in this build; choosing another one says so instead of opening. */
  readonly available: ReadonlySet<ScreenId>;
  /** The menu entry to highlight first: the one the learner came back from. */
  readonly initialScreen?: ScreenId;
  /** Why the progress store could not be opened, if it could not. */
  readonly storeError?: string;
}

interface MenuItem {
  readonly label: string;
  readonly value: ScreenId | 'quit';
}

const ITEMS: readonly MenuItem[] = [
  { label: 'Lessons', value: 'lessons' },
  { label: 'Quizzes', value: 'quiz' },
  { label: 'Review', value: 'review' },
  { label: 'Labs', value: 'labs' },
  { label: 'Exam', value: 'exam' },
  { label: 'Progress', value: 'progress' },
  { label: 'Doctor', value: 'doctor' },
  { label: 'Quit', value: 'quit' },
];

const HINTS = [
  { keys: '↑↓/jk', action: 'move' },
  { keys: 'enter', action: 'open' },
  { keys: 'q/esc', action: 'quit' },
];

export function Home({ available, initialScreen, storeError }: HomeProps) {
  const { open, quit } = useNavigation();
  const { docker, summary, store } = useShellServices();
  const status = useDockerStatus(docker);
  const [notice, setNotice] = useState<string>();

  useInput((input, key) => {
    if (input === 'q' || key.escape) quit();
  });

  const select = (item: MenuItem) => {
    if (item.value === 'quit') return quit();
    if (!available.has(item.value)) {
      setNotice(`${item.label} is not in this version of dockdrill yet.`);
      return;
    }
    setNotice(undefined);
    open({ name: item.value } as Route);
  };

  return (
    <ScreenFrame title="dockdrill" subtitle="learn Docker images hands-on" hints={HINTS}>
      <Text>
        {summary.lessons} lessons · {summary.questions} questions · {summary.labs} labs
      </Text>
      <DockerLine status={status} />
      {store?.notice ? <Text color="yellow">{store.notice.message}</Text> : null}
      {storeError ? <Text color="red">Your progress could not be opened: {storeError}</Text> : null}
      <Box marginTop={1}>
        <SelectInput
          items={ITEMS.map((item) => ({ ...item, key: item.value }))}
          initialIndex={Math.max(
            0,
            ITEMS.findIndex((item) => item.value === initialScreen),
          )}
          onSelect={select}
        />
      </Box>
      {notice ? (
        <Box marginTop={1}>
          <Text color="yellow">{notice}</Text>
        </Box>
      ) : null}
    </ScreenFrame>
  );
}

function DockerLine({ status }: { readonly status: DockerStatus }) {
  if (status.state === 'checking') return <Text dimColor>Docker: checking…</Text>;
  if (status.state === 'ok')
    return <Text color="green">Docker: engine {status.version} reachable ✓</Text>;
  return (
    <Text color="red">
      Docker: {status.reason} ✗ <Text dimColor>(open Doctor for the fix)</Text>
    </Text>
  );
}
