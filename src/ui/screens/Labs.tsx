/**
 * The labs of every loaded content root, each with its progress (tasks passed of total)
 * and its lesson. First offers to clean up after sessions that ended without cleanup.
 */
import { Box, Text, useInput } from 'ink';
import SelectInput from 'ink-select-input';
import { useMemo, useState } from 'react';
import { listLessons } from '../../content/lessons.js';
import { allLabs } from '../../labs/catalog.js';
import { readLab } from '../../labs/engine.js';
import { useServices } from '../app-context.js';
import { PendingCleanup } from '../components/PendingCleanup.js';
import { ScreenFrame } from '../components/ScreenFrame.js';
import { useNavigation } from '../navigation.js';

export interface LabRow {
  readonly id: string;
  readonly title: string;
  readonly tasks: number;
  readonly passed: number;
  readonly withHelp: number;
  readonly lesson?: string;
  readonly minutes?: number;
}

const HINTS = [
  { keys: '↑↓/jk', action: 'move' },
  { keys: 'enter', action: 'open' },
  { keys: 'q/esc', action: 'back' },
];

export function Labs() {
  const { open, back } = useNavigation();
  const { roots, store } = useServices();
  const [pendingDone, setPendingDone] = useState(false);

  const rows = useMemo<LabRow[]>(() => {
    const progress = store.read().labs;
    const titles = new Map<string, string>();
    for (const root of roots) {
      try {
        for (const lesson of listLessons(root).lessons) titles.set(lesson.id, lesson.title);
      } catch {
        // A broken lessons folder only costs the lesson titles here.
      }
    }
    return allLabs(roots).map((summary) => {
      const lab = readLab(summary.file).lab;
      const records = progress[summary.id]?.tasks ?? {};
      const taskIds = lab?.tasks.map((t) => t.id) ?? [];
      const passed = taskIds.filter((id) => records[id]?.passedAt);
      return {
        id: summary.id,
        title: summary.title,
        tasks: taskIds.length,
        passed: passed.length,
        withHelp: passed.filter((id) => records[id]?.solvedWithHelp).length,
        ...(summary.lesson ? { lesson: titles.get(summary.lesson) ?? summary.lesson } : {}),
        ...(summary.minutes ? { minutes: summary.minutes } : {}),
      };
    });
  }, [roots, store, pendingDone]);

  useInput(
    (input, key) => {
      if (input === 'q' || key.escape) back();
    },
    { isActive: pendingDone },
  );

  const items = rows.map((row) => {
    const mark = row.tasks > 0 && row.passed === row.tasks ? '✓' : row.passed > 0 ? '◐' : '○';
    const help = row.withHelp ? `, ${row.withHelp} with help` : '';
    return {
      key: row.id,
      value: row.id,
      label: `${mark} ${row.title} — ${row.passed}/${row.tasks} tasks${help}`,
    };
  });
  const [highlighted, setHighlighted] = useState(0);
  const current = rows[highlighted];

  return (
    <ScreenFrame
      title="Labs"
      subtitle={`${rows.length} lab${rows.length === 1 ? '' : 's'}: hands-on with your Docker engine`}
      hints={pendingDone ? HINTS : [{ keys: 'y/n', action: 'answer' }]}
    >
      {!pendingDone ? <PendingCleanup onDone={() => setPendingDone(true)} onCancel={back} /> : null}
      {pendingDone && rows.length === 0 ? <Text>No labs in the loaded content.</Text> : null}
      {pendingDone && rows.length > 0 ? (
        <Box flexDirection="column">
          <SelectInput
            items={items}
            onHighlight={(item) =>
              setHighlighted(
                Math.max(
                  0,
                  rows.findIndex((r) => r.id === item.value),
                ),
              )
            }
            onSelect={(item) => open({ name: 'lab', id: item.value })}
          />
          {current ? (
            <Box marginTop={1} flexDirection="column">
              <Text dimColor wrap="truncate-end">
                {current.id}
                {current.lesson ? ` · lesson: ${current.lesson}` : ''}
                {current.minutes ? ` · about ${current.minutes} min` : ''}
              </Text>
            </Box>
          ) : null}
        </Box>
      ) : null}
    </ScreenFrame>
  );
}
