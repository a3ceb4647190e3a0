/**
 * `dockdrill lint --verify`: runs every question's Verify probe against the local engine
 * and turns a contradicted key into a lint problem at the question's Verify line. Probes
 * run one at a time: two questions may name their throwaway objects alike.
 */
import type { Docker } from '../docker/index.js';
import { runProbe } from '../labs/probe.js';
import { problem, type ContentProblem } from '../content/problems.js';
import type { Question } from './types.js';

export interface VerifyOutcome {
  readonly question: Question;
  readonly passed: boolean;
  readonly ms: number;
}

export interface VerifyOptions {
  readonly signal?: AbortSignal;
  /** Called after each probe, for a progress line. */
  readonly onProbe?: (outcome: VerifyOutcome, index: number, total: number) => void;
}

export async function verifyQuestions(
  docker: Docker,
  questions: readonly Question[],
  options: VerifyOptions = {},
): Promise<{ problems: ContentProblem[]; outcomes: VerifyOutcome[] }> {
  const withProbe = questions.filter((question) => question.verify);
  const problems: ContentProblem[] = [];
  const outcomes: VerifyOutcome[] = [];
  for (const [index, question] of withProbe.entries()) {
    const verify = question.verify!;
    const started = Date.now();
    const result = await runProbe(
      docker,
      {
        id: question.id,
        steps: verify.steps,
        checks: verify.checks,
        ...(verify.files ? { files: verify.files } : {}),
      },
      options.signal ? { signal: options.signal } : {},
    );
    if (result.error) {
      problems.push(
        problem(
          question.file,
          verify.line,
          'verify-step-failed',
          `Verify of "${question.id}": a step failed: ${result.error}`,
        ),
      );
    }
    for (const failed of result.results.filter((r) => !r.passed)) {
      problems.push(
        problem(
          question.file,
          verify.line,
          'verify-failed',
          `Verify of "${question.id}" contradicts the key: ${failed.message}`,
        ),
      );
    }
    if (result.cleanup.failed.length > 0) {
      problems.push(
        problem(
          question.file,
          verify.line,
          'verify-cleanup',
          `Verify of "${question.id}" left objects behind: ${result.cleanup.failed.map((f) => `${f.item.kind} ${f.item.name}`).join(', ')}`,
          'warning',
        ),
      );
    }
    const outcome = { question, passed: result.passed, ms: Date.now() - started };
    outcomes.push(outcome);
    options.onProbe?.(outcome, index, withProbe.length);
  }
  return { problems, outcomes };
}
