/**
 * Prints one closing line, "tests: N passed, N failed, N skipped", after vitest's own
 * summary, so CI logs end with the counts in a form any reader can parse.
 *
 * "failed" counts failed tests AND every error outside a test: a file that did not load,
 * a beforeAll/afterAll hook that threw (its tests then show as skipped, so counting tests
 * alone would say "0 failed" for a failed run), and unhandled errors. As a last guard, a
 * run that vitest ends as failed never prints "0 failed".
 */
import type { Reporter, TestModule, TestRunEndReason } from 'vitest/node';

/** The counts the closing line prints. */
export interface RunCounts {
  passed: number;
  failed: number;
  skipped: number;
}

export function countRun(
  testModules: ReadonlyArray<TestModule>,
  unhandledErrors: number,
  reason: TestRunEndReason,
): RunCounts {
  const counts: RunCounts = { passed: 0, failed: unhandledErrors, skipped: 0 };
  for (const module of testModules) {
    for (const test of module.children.allTests()) {
      const state = test.result().state;
      if (state === 'passed') counts.passed++;
      else if (state === 'failed') counts.failed++;
      else counts.skipped++;
    }
    // Errors of the file itself (load, top-level hooks) and of each suite (its hooks).
    counts.failed += module.errors().length;
    for (const suite of module.children.allSuites()) counts.failed += suite.errors().length;
  }
  if (reason === 'failed' && counts.failed === 0) counts.failed = 1;
  return counts;
}

export default class SummaryReporter implements Reporter {
  onTestRunEnd(
    testModules: ReadonlyArray<TestModule>,
    unhandledErrors: ReadonlyArray<unknown>,
    reason: TestRunEndReason,
  ): void {
    const { passed, failed, skipped } = countRun(testModules, unhandledErrors.length, reason);
    process.stdout.write(`\ntests: ${passed} passed, ${failed} failed, ${skipped} skipped\n`);
  }
}
