/**
 * One lab session for the Lab screen: load the lab, prepare the workspace, make sure the
 * images are there, run setup, then check tasks (on request or in watch mode), reveal hints,
 * show and apply solutions, reset, and clean up. Every docker call is async and cancellable,
 * so the screen never waits on docker to read a key. Results per task go to the progress
 * store through `recordTask`.
 */
import { copyFileSync, existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { DockerError } from '../../docker/index.js';
import { packOf } from '../../content/namespace.js';
import { approveLab, labRunPreview, needsApproval } from '../../labs/approval.js';
import {
  choosePorts,
  movedPortsMessage,
  readChosenPorts,
  writeChosenPorts,
  type LabPorts,
} from '../../labs/ports.js';
import { loadLab } from '../../labs/catalog.js';
import {
  applySolution,
  cleanup,
  createdObjects,
  ensureImages,
  foreignObjects,
  foreignObjectsMessage,
  labPaths,
  LabImageError,
  normalizeImageRef,
  planCleanup,
  prepareWorkspace,
  runChecks,
  runSetup,
  watchChecks,
  type CheckResult,
  type CleanupPlan,
  type CleanupReport,
  type Lab,
  type LabTask,
} from '../../labs/engine.js';
import { workspaceFile } from '../../labs/checks/run-checks.js';
import { recordTask } from '../../progress/records.js';
import type { TaskProgress } from '../../progress/schema.js';
import type { AppServices } from '../app-context.js';

export type LabPhase =
  | { readonly kind: 'missing'; readonly message: string }
  /** A course pack's lab not approved yet: what it will run, waiting for y/n. */
  | { readonly kind: 'approve'; readonly pack: string; readonly lines: readonly string[] }
  | { readonly kind: 'images'; readonly line?: string }
  | { readonly kind: 'setup'; readonly step?: string }
  | { readonly kind: 'ready' }
  | { readonly kind: 'error'; readonly title: string; readonly message: string };

export type TaskStatus = 'todo' | 'failed' | 'passed' | 'help';

/** Slow work in the ready phase: shown with a spinner, never blocking keys. */
export interface Busy {
  readonly label: string;
}

export interface LabSession {
  readonly lab: Lab | undefined;
  readonly workspace: string | undefined;
  readonly phase: LabPhase;
  readonly busy: Busy | undefined;
  /** Last check results per task id. */
  readonly results: Readonly<Record<string, readonly CheckResult[]>>;
  /** Hints revealed per task id. */
  readonly hintsShown: Readonly<Record<string, number>>;
  readonly records: Readonly<Record<string, TaskProgress>>;
  readonly watching: boolean;
  /** The task on screen (watch mode follows it). */
  readonly index: number;
  readonly task: LabTask | undefined;
  /** Moves to another task, clamped to the lab. */
  move(delta: number): void;
  /** A one-line notice: what just happened (or went wrong). */
  readonly notice: { readonly text: string; readonly tone: 'info' | 'good' | 'bad' } | undefined;
  status(task: LabTask): TaskStatus;
  /** Starts over after an images/setup error. */
  retry(): void;
  /** The learner agreed to run this pack lab: remember it and go on to setup. */
  approve(): void;
  check(task: LabTask): void;
  nextHint(task: LabTask): void;
  /** Marks the task solved with help (the screen shows the solution). */
  revealSolution(task: LabTask): void;
  applySolution(task: LabTask): void;
  /** Watch mode re-checks the current task whenever docker reports a change. */
  setWatching(on: boolean): void;
  /** What resetting a task would remove (its declared objects). */
  planTaskReset(task: LabTask): Promise<CleanupPlan | undefined>;
  resetTask(task: LabTask, plan: CleanupPlan): void;
  /** What cleaning up the whole lab would remove (labelled, declared, journalled). */
  planLabCleanup(): Promise<CleanupPlan | undefined>;
  resetLab(plan: CleanupPlan): void;
  /** Removes the plan's objects; resolves with the report (undefined on error). */
  cleanUp(plan: CleanupPlan): Promise<CleanupReport | undefined>;
  say(text: string, tone?: 'info' | 'good' | 'bad'): void;
  /** Cancels running docker work (leaving the screen). */
  cancel(): void;
}

function describeError(error: unknown): string {
  if (error instanceof DockerError) return `${error.message} ${error.fix}`;
  return error instanceof Error ? error.message : String(error);
}

function askBeforeRun(lab: Lab, store: AppServices['store']): boolean {
  try {
    return needsApproval(lab, store.read());
  } catch {
    return true; // unreadable progress or lab.md: asking is the safe side
  }
}

function approvalPhase(lab: Lab): LabPhase {
  return { kind: 'approve', pack: packOf(lab.id), lines: labRunPreview(lab) };
}

/** How long a preempting job waits for the one it cut short to settle. */
const PREEMPT_WAIT_MS = 5_000;

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

function isAbort(error: unknown, signal: AbortSignal): boolean {
  return signal.aborted || (error instanceof DockerError && error.kind === 'cancelled');
}

export function useLabSession(services: AppServices, labId: string): LabSession {
  const { docker, roots, store, home } = services;
  // The ports chosen when this lab first started here; none yet before its first start.
  const [ports, setPorts] = useState<LabPorts | undefined>(() => readChosenPorts(home, labId));
  const loaded = useMemo(
    () => loadLab(roots, labId, { ports: ports ?? {} }),
    [roots, labId, ports],
  );
  const lab = loaded.ok ? loaded.lab : undefined;
  const [workspace, setWorkspace] = useState<string>();
  // A pack's lab asks before it first runs docker here (and again when its lab.md changes).
  const [approved, setApproved] = useState(() => !lab || !askBeforeRun(lab, store));
  const [phase, setPhase] = useState<LabPhase>(() =>
    loaded.ok
      ? approved
        ? { kind: 'images' }
        : approvalPhase(loaded.lab)
      : {
          kind: 'missing',
          message: loaded.problems.length
            ? loaded.problems.map((p) => `${p.file}:${p.line}: ${p.message}`).join('\n')
            : `There is no lab "${labId}".`,
        },
  );
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState<Busy>();
  const [results, setResults] = useState<Record<string, readonly CheckResult[]>>({});
  const [records, setRecords] = useState<Record<string, TaskProgress>>(
    () => store.read().labs[labId]?.tasks ?? {},
  );
  const [hintsShown, setHintsShown] = useState<Record<string, number>>(() =>
    Object.fromEntries(
      Object.entries(store.read().labs[labId]?.tasks ?? {}).map(([id, t]) => [id, t.hintsUsed]),
    ),
  );
  const [watching, setWatchingState] = useState(false);
  const [index, setIndex] = useState(() => {
    // Open on the first task not passed yet.
    if (!loaded.ok) return 0;
    const done = store.read().labs[labId]?.tasks ?? {};
    const first = loaded.lab.tasks.findIndex((t) => !done[t.id]?.passedAt);
    return first === -1 ? 0 : first;
  });
  const watchTask = lab?.tasks[index];
  const [notice, setNotice] = useState<LabSession['notice']>();
  // Every async job shares the session's controller; leaving the screen aborts them all.
  const controller = useRef(new AbortController());
  const current = useRef<{ token: number; controller: AbortController; settled: Promise<void> }>(
    undefined,
  );
  const jobCount = useRef(0);
  const portsChosen = useRef(false);

  useEffect(() => {
    const current = controller.current;
    return () => current.abort();
  }, []);

  const say = useCallback((text: string, tone: 'info' | 'good' | 'bad' = 'info') => {
    setNotice({ text, tone });
  }, []);

  const record = useCallback(
    (taskId: string, change: (task: TaskProgress) => void) => {
      if (!lab) return;
      try {
        recordTask(store, lab.id, taskId, change);
        setRecords({ ...(store.read().labs[lab.id]?.tasks ?? {}) });
      } catch (error) {
        say(`Progress could not be saved: ${describeError(error)}`, 'bad');
      }
    },
    [lab, store, say],
  );

  /**
   * Runs one busy job at a time, each with its own signal (aborted when the screen goes).
   * A second request while busy is refused with a notice, unless it `preempts` (planning a
   * cleanup before leaving must not wait for a 30-second check). A preempting job starts
   * once the one it cut short has settled: an aborted `run` check removes its throwaway
   * container on the way out, and a cleanup planned before that would miss it.
   */
  const runBusy = useCallback(
    async <T>(
      label: string,
      job: (signal: AbortSignal) => Promise<T>,
      options: { preempt?: boolean } = {},
    ): Promise<T | undefined> => {
      const previous = current.current;
      if (previous && !options.preempt) {
        say('Docker is still busy with the last request…');
        return undefined;
      }
      const token = ++jobCount.current;
      const jobController = new AbortController();
      let settle = () => {};
      const settled = new Promise<void>((resolve) => (settle = resolve));
      current.current = { token, controller: jobController, settled };
      const session = controller.current.signal;
      const signal = AbortSignal.any([session, jobController.signal]);
      try {
        if (previous) {
          previous.controller.abort();
          // Bounded: with a hung engine the cut-short job's own removal may hang too.
          await Promise.race([previous.settled, delay(PREEMPT_WAIT_MS)]);
        }
        if (signal.aborted) return undefined;
        setBusy({ label });
        return await job(signal);
      } catch (error) {
        if (!isAbort(error, signal)) say(describeError(error), 'bad');
        return undefined;
      } finally {
        settle();
        if (current.current?.token === token) {
          current.current = undefined;
          if (!session.aborted) setBusy(undefined);
        }
      }
    },
    [say],
  );

  // Open: (approval,) workspace, images, setup.
  useEffect(() => {
    if (!lab) return;
    if (!approved) {
      setPhase(approvalPhase(lab));
      return;
    }
    const signal = controller.current.signal;
    // A first start (no workspace yet) checks that no object of the learner's own uses a
    // name the lab declares; a lab in progress has made those names itself.
    const fresh = !existsSync(labPaths(home, lab.id).workspace);
    // A first start also picks the lab's host ports: a taken one moves to a free one. The
    // lab is then read again with them (ports changes), and this effect runs once more.
    if (Object.keys(lab.ports).length && (fresh || !ports) && !portsChosen.current) {
      portsChosen.current = true;
      const wanted = loadLab(roots, labId);
      void (async () => {
        try {
          const want = wanted.ok ? wanted.lab.ports : lab.ports;
          // A lab in progress from before ports were kept holds its wanted ports itself
          // (its registry publishes them): keep them rather than move away from its own.
          const choice = fresh ? await choosePorts(want) : { ports: want, moved: [] };
          if (signal.aborted) return;
          writeChosenPorts(home, lab.id, choice.ports);
          if (choice.moved.length) say(movedPortsMessage(choice.moved));
          setPorts(choice.ports);
        } catch (error) {
          setPhase({
            kind: 'error',
            title: 'No free port for the lab',
            message: describeError(error),
          });
        }
      })();
      return;
    }
    let ws: string;
    try {
      ws = prepareWorkspace(lab, home);
      setWorkspace(ws);
    } catch (error) {
      setPhase({
        kind: 'error',
        title: 'The workspace could not be made',
        message: describeError(error),
      });
      return;
    }
    void (async () => {
      try {
        setPhase({ kind: 'images' });
        await ensureImages(docker, lab.images, {
          signal,
          onProgress: ({ image, line }) => {
            if (!signal.aborted) setPhase({ kind: 'images', line: `${image}: ${line}` });
          },
        });
        if (fresh) {
          const foreign = await foreignObjects(docker, lab.id, lab.resources, { signal });
          if (foreign.length) {
            // Not started after all: the next start checks again.
            rmSync(ws, { recursive: true, force: true });
            setPhase({
              kind: 'error',
              title: "Your own objects use this lab's names",
              message: foreignObjectsMessage(lab.id, foreign),
            });
            return;
          }
        }
        setPhase({ kind: 'setup' });
        await runSetup(docker, lab, {
          dataDir: home,
          workspace: ws,
          signal,
          onStep: (argv) => {
            if (!signal.aborted) setPhase({ kind: 'setup', step: `docker ${argv.join(' ')}` });
          },
        });
        if (!signal.aborted) setPhase({ kind: 'ready' });
      } catch (error) {
        if (isAbort(error, signal)) return;
        setPhase({
          kind: 'error',
          title:
            error instanceof LabImageError
              ? 'An image the lab needs is missing'
              : 'The lab could not be set up',
          message: describeError(error),
        });
      }
    })();
  }, [lab, docker, home, attempt, approved, ports, roots, labId, say]);

  const approve = useCallback(() => {
    if (!lab) return;
    try {
      approveLab(store, lab);
    } catch (error) {
      // Run anyway (the learner said yes); it will only ask again next time.
      say(`The approval could not be saved: ${describeError(error)}`, 'bad');
    }
    setApproved(true);
  }, [lab, store, say]);

  const applyResults = useCallback(
    (task: LabTask, found: readonly CheckResult[], source: 'check' | 'watch') => {
      setResults((current) => ({ ...current, [task.id]: found }));
      const passed = found.length > 0 && found.every((r) => r.passed);
      const before = store.read().labs[lab?.id ?? '']?.tasks[task.id];
      // Watch rounds are not attempts; the round that first turns a task green is.
      if (source === 'check' || (passed && !before?.passedAt)) {
        record(task.id, (t) => {
          t.attempts += 1;
          if (passed && !t.passedAt) t.passedAt = new Date().toISOString();
        });
      }
      if (passed) say(`Task ${task.id} done ✓`, 'good');
      else if (source === 'check') {
        const failed = found.filter((r) => !r.passed).length;
        say(
          `${failed} of ${found.length} check${found.length === 1 ? '' : 's'} not met yet`,
          'bad',
        );
      }
    },
    [lab, store, record, say],
  );

  const check = useCallback(
    (task: LabTask) => {
      if (!lab || !workspace) return;
      void runBusy(`Checking ${task.id}…`, async (signal) => {
        const found = await runChecks(docker, task.checks, {
          workspace,
          labId: lab.id,
          owned: new Set(lab.resources.containers),
          signal,
        });
        if (!signal.aborted) applyResults(task, found, 'check');
      });
    },
    [lab, workspace, docker, runBusy, applyResults],
  );

  // Watch mode follows the task the screen asks for (setWatching + check passes it in).
  useEffect(() => {
    if (!lab || !workspace || !watching || !watchTask) return;
    const watch = new AbortController();
    const onSessionAbort = () => watch.abort();
    controller.current.signal.addEventListener('abort', onSessionAbort, { once: true });
    const task = watchTask;
    void watchChecks(docker, task.checks, {
      workspace,
      labId: lab.id,
      owned: new Set(lab.resources.containers),
      signal: watch.signal,
      onResults: (found) => applyResults(task, found, 'watch'),
      onError: (error) => say(`Watch: ${describeError(error)}`, 'bad'),
    }).catch((error: unknown) => {
      if (!watch.signal.aborted) {
        say(`Watch mode stopped: ${describeError(error)}`, 'bad');
        setWatchingState(false);
      }
    });
    return () => {
      controller.current.signal.removeEventListener('abort', onSessionAbort);
      watch.abort();
    };
  }, [lab, workspace, watching, watchTask, docker, applyResults, say]);

  const status = useCallback(
    (task: LabTask): TaskStatus => {
      const rec = records[task.id];
      const found = results[task.id];
      if (found) {
        if (found.length > 0 && found.every((r) => r.passed))
          return rec?.solvedWithHelp ? 'help' : 'passed';
        return 'failed';
      }
      if (rec?.passedAt) return rec.solvedWithHelp ? 'help' : 'passed';
      return 'todo';
    },
    [records, results],
  );

  const nextHint = useCallback(
    (task: LabTask) => {
      const shown = hintsShown[task.id] ?? 0;
      if (task.hints.length === 0) return say('This task has no hints.');
      if (shown >= task.hints.length) return say('No more hints: `s` shows the solution.');
      const next = shown + 1;
      setHintsShown((current) => ({ ...current, [task.id]: next }));
      record(task.id, (t) => {
        t.hintsUsed = Math.max(t.hintsUsed, next);
      });
    },
    [hintsShown, record, say],
  );

  const revealSolution = useCallback(
    (task: LabTask) => {
      record(task.id, (t) => {
        t.solvedWithHelp = true;
      });
    },
    [record],
  );

  const apply = useCallback(
    (task: LabTask) => {
      if (!lab || !workspace) return;
      void runBusy(`Applying the solution of ${task.id}…`, async (signal) => {
        await applySolution(docker, lab, task, { dataDir: home, workspace, signal });
        const found = await runChecks(docker, task.checks, {
          workspace,
          labId: lab.id,
          owned: new Set(lab.resources.containers),
          signal,
        });
        if (!signal.aborted) applyResults(task, found, 'check');
      });
    },
    [lab, workspace, docker, home, runBusy, applyResults],
  );

  const planTaskReset = useCallback(
    async (task: LabTask) => {
      if (!lab) return undefined;
      // The task's own objects: what its solution creates, as far as the lab declares it.
      const made = task.solution.commands.flatMap((c) => createdObjects(c.argv));
      const wanted = (kind: string, declared: readonly string[], norm = (s: string) => s) =>
        made
          .filter((o) => o.kind === kind)
          .map((o) => o.name)
          .filter((name) => declared.map(norm).includes(norm(name)));
      const resources = {
        containers: wanted('container', lab.resources.containers),
        images: wanted('image', lab.resources.images, normalizeImageRef),
        volumes: wanted('volume', lab.resources.volumes),
        networks: wanted('network', lab.resources.networks),
      };
      return runBusy('Looking for the task’s objects…', async (signal) => {
        const plan = await planCleanup(docker, { labId: lab.id, resources }, { signal });
        // Labelled objects of other tasks and of setup stay: only declared names of this task.
        return { ...plan, items: plan.items.filter((i) => i.reasons.includes('declared')) };
      });
    },
    [lab, docker, runBusy],
  );

  const resetTask = useCallback(
    (task: LabTask, plan: CleanupPlan) => {
      if (!lab || !workspace) return;
      void runBusy(`Resetting ${task.id}…`, async (signal) => {
        const report = await cleanup(docker, { labId: plan.labId, items: plan.items }, { signal });
        // Files the solution writes go back to the lab's version (or away).
        for (const file of task.solution.files) {
          const target = workspaceFile(workspace, file.path);
          const original = join(lab.dir, 'files', file.path);
          if (existsSync(original)) copyFileSync(original, target);
          else rmSync(target, { force: true });
        }
        setResults((current) => {
          const next = { ...current };
          delete next[task.id];
          return next;
        });
        setHintsShown((current) => ({ ...current, [task.id]: 0 }));
        record(task.id, (t) => {
          t.attempts = 0;
          t.hintsUsed = 0;
          t.solvedWithHelp = false;
          delete t.passedAt;
        });
        say(
          report.failed.length
            ? `Could not remove: ${report.failed.map((f) => `${f.item.name} (${f.error})`).join('; ')}`
            : `Task ${task.id} reset (${report.removed.length} removed).`,
          report.failed.length ? 'bad' : 'info',
        );
      });
    },
    [lab, workspace, docker, runBusy, record, say],
  );

  const planLabCleanup = useCallback(async () => {
    if (!lab) return undefined;
    return runBusy(
      'Looking for the lab’s objects…',
      (signal) =>
        planCleanup(docker, { labId: lab.id, resources: lab.resources, dataDir: home }, { signal }),
      { preempt: true },
    );
  }, [lab, docker, home, runBusy]);

  const cleanUp = useCallback(
    (plan: CleanupPlan) =>
      runBusy('Cleaning up…', (signal) => cleanup(docker, plan, { signal }), { preempt: true }),
    [docker, runBusy],
  );

  const resetLab = useCallback(
    (plan: CleanupPlan) => {
      if (!lab) return;
      void (async () => {
        const report = await cleanUp(plan);
        if (!report) return;
        if (report.failed.length) {
          say(
            `Could not remove: ${report.failed.map((f) => `${f.item.name} (${f.error})`).join('; ')}`,
            'bad',
          );
          return;
        }
        prepareWorkspace(lab, home, { reset: true });
        setResults({});
        setHintsShown({});
        setWatchingState(false);
        for (const task of lab.tasks)
          record(task.id, (t) => {
            t.attempts = 0;
            t.hintsUsed = 0;
            t.solvedWithHelp = false;
            delete t.passedAt;
          });
        say(`Lab reset: ${report.removed.length} objects removed, workspace restored.`);
        setAttempt((n) => n + 1); // images and setup again
      })();
    },
    [lab, home, cleanUp, record, say],
  );

  return {
    lab,
    workspace,
    phase,
    busy,
    results,
    hintsShown,
    records,
    watching,
    notice,
    status,
    retry: () => setAttempt((n) => n + 1),
    approve,
    check,
    nextHint,
    revealSolution,
    applySolution: apply,
    index,
    task: watchTask,
    move: (delta: number) =>
      setIndex((i) => Math.max(0, Math.min((lab?.tasks.length ?? 1) - 1, i + delta))),
    setWatching: setWatchingState,
    planTaskReset,
    resetTask,
    planLabCleanup,
    resetLab,
    cleanUp,
    say,
    cancel: () => controller.current.abort(),
  };
}
