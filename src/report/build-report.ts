/**
 * A learner's report for handing in: progress figures, every exam, every answered question
 * (for the class summary's common wrong answers), and the live state of every lab check.
 */
import type { Docker } from '../docker/index.js';
import { DockerError } from '../docker/index.js';
import { checkTasks } from '../labs/check-round.js';
import { parseAllLabs } from '../labs/catalog.js';
import { readChosenPorts } from '../labs/ports.js';
import { headlessApprovalProblem } from '../labs/approval.js';
import { labPaths } from '../labs/workspace.js';
import type { ContentRoot } from '../content/paths.js';
import { courseOutline } from '../course/outline.js';
import type { ExamRecord, Progress } from '../progress/schema.js';
import { summarise, type ProgressSummary } from '../progress/summary.js';

export const REPORT_FORMAT = 'dockdrill-report/1';

export interface LabTaskState {
  readonly id: string;
  readonly passed: boolean;
  /** From progress: the learner used the solution. */
  readonly solvedWithHelp: boolean;
  readonly failures: readonly string[];
}

export interface LabState {
  readonly id: string;
  readonly title: string;
  readonly tasks: readonly LabTaskState[];
  /** Set when the checks could not run (no engine): the tasks then come from progress. */
  readonly error?: string;
}

export interface LearnerReport {
  readonly format: typeof REPORT_FORMAT;
  readonly student: string;
  readonly generatedAt: string;
  readonly summary: ProgressSummary;
  readonly exams: readonly ExamRecord[];
  readonly answers: readonly {
    readonly id: string;
    readonly attempts: number;
    readonly lastCorrect: boolean;
    readonly lastAnswer?: unknown;
  }[];
  readonly labs: readonly LabState[];
}

export interface ReportOptions {
  readonly student: string;
  readonly roots: readonly ContentRoot[];
  readonly progress: Progress;
  readonly home: string;
  readonly docker: Docker;
  readonly now?: Date;
  /** Called before each lab's check round, for a progress line. */
  readonly onLab?: (labId: string) => void;
  /** Run the checks of pack labs not approved on this machine too (`--trust-pack`). */
  readonly trustPack?: boolean;
}

export async function buildReport(options: ReportOptions): Promise<LearnerReport> {
  const { progress } = options;
  const labs: LabState[] = [];
  const chosenPorts = (labId: string) => readChosenPorts(options.home, labId);
  for (const { lab } of parseAllLabs(options.roots, chosenPorts)) {
    if (!lab) continue;
    options.onLab?.(lab.id);
    const stored = progress.labs[lab.id]?.tasks ?? {};
    const fromProgress = (error: string): LabState => ({
      id: lab.id,
      title: lab.title,
      error,
      tasks: lab.tasks.map((task) => ({
        id: task.id,
        passed: Boolean(stored[task.id]?.passedAt),
        solvedWithHelp: Boolean(stored[task.id]?.solvedWithHelp),
        failures: [],
      })),
    });
    // A pack lab's `run` checks start containers: not without the learner's approval.
    const unapproved = headlessApprovalProblem(lab, progress, Boolean(options.trustPack));
    if (unapproved) {
      labs.push(fromProgress(`not checked: ${unapproved}`));
      continue;
    }
    try {
      // A report is a snapshot of every lab: no lab waits out its `within` checks.
      const rounds = await checkTasks(
        options.docker,
        lab,
        lab.tasks,
        labPaths(options.home, lab.id).workspace,
        { wait: false },
      );
      labs.push({
        id: lab.id,
        title: lab.title,
        tasks: rounds.map((round) => ({
          id: round.task.id,
          passed: round.passed,
          solvedWithHelp: Boolean(stored[round.task.id]?.solvedWithHelp),
          failures: round.results.filter((r) => !r.passed).map((r) => r.message),
        })),
      });
    } catch (error) {
      if (!(error instanceof DockerError)) throw error;
      labs.push(fromProgress(`${error.message} ${error.fix}`));
    }
  }
  return {
    format: REPORT_FORMAT,
    student: options.student,
    generatedAt: (options.now ?? new Date()).toISOString(),
    summary: summarise(courseOutline(options.roots), progress, options.now),
    exams: progress.exams,
    answers: Object.entries(progress.questions)
      .map(([id, q]) => ({
        id,
        attempts: q.attempts,
        lastCorrect: q.lastCorrect,
        ...(q.lastAnswer !== undefined ? { lastAnswer: q.lastAnswer } : {}),
      }))
      .sort((a, b) => a.id.localeCompare(b.id)),
    labs,
  };
}
