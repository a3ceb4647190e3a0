/**
 * Offers to clean up after lab sessions that ended without cleanup (Ctrl+C, SIGTERM, a
 * crash): for each journal left by a dockdrill that is gone, the list of what would be
 * removed, then y (remove) or n (keep; not asked again until the lab is used again).
 * Calls `onDone` when every journal has been answered (at once when there are none).
 */
import { Box, Text, useInput } from 'ink';
import { useEffect, useState } from 'react';
import { DockerError } from '../../docker/index.js';
import { loadLab } from '../../labs/catalog.js';
import { cleanup, planCleanup, type CleanupPlan, type PendingJournal } from '../../labs/engine.js';
import { useServices } from '../app-context.js';
import { cleanupLines } from '../lab-lines.js';
import { journalsToOffer, markKept } from '../lab-journals.js';
import { Spinner } from './Spinner.js';

export interface PendingCleanupProps {
  readonly onDone: () => void;
  /** Most lines of the list to show. */
  readonly maxLines?: number;
  /**
   * q/Esc while docker is still being asked (or is cleaning): leave without waiting.
   * Fault suite: a hanging docker held the Labs screen until its timeout. The journal stays.
   */
  readonly onCancel?: () => void;
}

type State =
  | { readonly kind: 'planning'; readonly pending: PendingJournal }
  | { readonly kind: 'asking'; readonly pending: PendingJournal; readonly plan: CleanupPlan }
  | { readonly kind: 'cleaning'; readonly pending: PendingJournal }
  | { readonly kind: 'failed'; readonly message: string };

export function PendingCleanup({ onDone, maxLines = 8, onCancel }: PendingCleanupProps) {
  const { docker, home, roots } = useServices();
  const [queue, setQueue] = useState<PendingJournal[] | undefined>(undefined);
  const [state, setState] = useState<State>();

  useEffect(() => {
    const found = journalsToOffer(home);
    setQueue(found);
    if (found.length === 0) onDone();
  }, [home]);

  const pending = queue?.[0];
  useEffect(() => {
    if (!pending) return;
    const controller = new AbortController();
    setState({ kind: 'planning', pending });
    const lab = loadLab(roots, pending.labId);
    planCleanup(
      docker,
      {
        labId: pending.labId,
        dataDir: home,
        ...(lab.ok ? { resources: lab.lab.resources } : {}),
      },
      { signal: controller.signal },
    ).then(
      (plan) => {
        if (controller.signal.aborted) return;
        if (plan.items.length === 0) {
          // Nothing left on the engine: the journal is stale, drop it silently.
          void cleanup(docker, plan).finally(() => next());
          return;
        }
        setState({ kind: 'asking', pending, plan });
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        setState({
          kind: 'failed',
          message: error instanceof DockerError ? `${error.message} ${error.fix}` : String(error),
        });
      },
    );
    return () => controller.abort();
  }, [pending]);

  const next = () => {
    const rest = (queue ?? []).slice(1);
    setState(undefined);
    setQueue(rest);
    if (rest.length === 0) onDone();
  };

  useInput(
    (input, key) => {
      if (!state) return;
      if (
        (state.kind === 'planning' || state.kind === 'cleaning') &&
        (input === 'q' || key.escape)
      ) {
        onCancel?.();
        return;
      }
      if (state.kind === 'failed') {
        if (input || key.escape || key.return) {
          setState(undefined);
          setQueue([]);
          onDone();
        }
        return;
      }
      if (state.kind !== 'asking') return;
      if (input === 'y') {
        setState({ kind: 'cleaning', pending: state.pending });
        void cleanup(docker, state.plan).then(
          (report) => {
            if (report.failed.length)
              setState({
                kind: 'failed',
                message: `Could not remove: ${report.failed.map((f) => `${f.item.name} (${f.error})`).join('; ')}`,
              });
            else next();
          },
          (error: unknown) => setState({ kind: 'failed', message: String(error) }),
        );
      } else if (input === 'n' || key.escape) {
        markKept(home, state.pending.labId);
        next();
      }
    },
    { isActive: Boolean(state) },
  );

  if (!queue || !state || !pending) return null;
  if (state.kind === 'failed')
    return (
      <Box flexDirection="column">
        <Text color="red">{state.message}</Text>
        <Text dimColor>Press any key to go on.</Text>
      </Box>
    );
  if (state.kind === 'planning')
    return (
      <Spinner label={`An earlier session of lab ${pending.labId} did not clean up: looking…`} />
    );
  if (state.kind === 'cleaning') return <Spinner label={`Cleaning up lab ${pending.labId}…`} />;
  const lines = cleanupLines(state.plan.items);
  const shown = lines.slice(0, maxLines);
  return (
    <Box flexDirection="column">
      <Text color="yellow" bold>
        Lab {pending.labId} was left without cleanup
        {pending.interrupted ? ' (interrupted in the middle of a step)' : ''}. It left:
      </Text>
      {shown.map((line, i) => (
        <Text key={i} wrap="truncate-end">
          {line.text}
        </Text>
      ))}
      {lines.length > shown.length ? (
        <Text dimColor>… and {lines.length - shown.length} more</Text>
      ) : null}
      <Text color="yellow">Remove them now? y: remove · n: keep them</Text>
    </Box>
  );
}
