/**
 * Quiz Verify probes: a temporary workspace, labelled steps, checks, and cleanup that
 * ALWAYS runs (even when a step or a check throws), so `lint --verify` leaves nothing.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import {
  runChecks,
  workspaceFile,
  type CheckResult,
  type StepOutput,
} from './checks/run-checks.js';
import type { Check } from './checks/schema.js';
import { cleanup, planCleanup, type CleanupReport } from './cleanup.js';
import { Journal } from './journal.js';
import { runStep, type StepDocker } from './steps.js';

export interface Probe {
  /** The question id; objects are labelled `dockdrill.lab=verify-<id>`. */
  readonly id: string;
  /** Workspace-relative path -> content. */
  readonly files?: Readonly<Record<string, string>>;
  /** docker argv arrays without `docker`; a step named `as` keeps its output for checks. */
  readonly steps: readonly { readonly argv: readonly string[]; readonly as?: string }[];
  readonly checks: readonly Check[];
}

export interface ProbeResult {
  /** Every step ran and every check passed. */
  readonly passed: boolean;
  readonly results: readonly CheckResult[];
  /** Set when a step failed (checks are then not run). */
  readonly error?: string;
  readonly cleanup: CleanupReport;
}

export function probeLabId(id: string): string {
  return `verify-${id}`;
}

export async function runProbe(
  docker: StepDocker,
  probe: Probe,
  options: { signal?: AbortSignal } = {},
): Promise<ProbeResult> {
  const labId = probeLabId(probe.id);
  const root = mkdtempSync(join(tmpdir(), 'dockdrill-probe-'));
  const workspace = join(root, 'workspace');
  mkdirSync(workspace);
  const journal = Journal.open(root, labId);
  let results: CheckResult[] = [];
  let error: string | undefined;
  let report: CleanupReport = { removed: [], failed: [] };
  try {
    for (const [path, content] of Object.entries(probe.files ?? {})) {
      const full = workspaceFile(workspace, path);
      mkdirSync(dirname(full), { recursive: true });
      writeFileSync(full, content);
    }
    const outputs = new Map<string, StepOutput>();
    for (const step of probe.steps) {
      const outcome = await runStep(docker, withOutputs(step.argv, outputs), {
        labId,
        cwd: workspace,
        journal,
        onExisting: 'replace',
        allowFailure: step.as !== undefined,
        ...(options.signal ? { signal: options.signal } : {}),
      });
      if (step.as !== undefined) outputs.set(step.as, outcome);
    }
    results = await runChecks(docker, probe.checks, {
      workspace,
      labId,
      outputs,
      ...(options.signal ? { signal: options.signal } : {}),
    });
  } catch (caught) {
    error = (caught as Error).message;
  } finally {
    // Cleanup must not be cancelled by the same signal: it is what makes aborting safe.
    const plan = await planCleanup(docker, { labId, dataDir: root });
    report = await cleanup(docker, plan);
    rmSync(root, { recursive: true, force: true });
  }
  return {
    passed: error === undefined && results.every((r) => r.passed),
    results,
    ...(error !== undefined ? { error } : {}),
    cleanup: report,
  };
}

/**
 * `${name}` in a step's words becomes the trimmed stdout of the earlier step named `name`,
 * so a probe can use what only the engine knows, such as a digest:
 * `[pull, "${digest}"]` after `{ argv: [image, inspect, -f, "{{index .RepoDigests 0}}", x], as: digest }`.
 * Any other `${...}` (a shell variable in `sh -c`) is left alone.
 */
export function withOutputs(
  argv: readonly string[],
  outputs: ReadonlyMap<string, { readonly stdout: string }>,
): string[] {
  return argv.map((word) =>
    word.replace(/\$\{([a-z0-9]+(?:-[a-z0-9]+)*)\}/g, (whole, name: string) => {
      const output = outputs.get(name);
      return output ? output.stdout.trim() : whole;
    }),
  );
}
