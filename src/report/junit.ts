/**
 * JUnit XML, the format CI systems (GitHub Actions reporters, GitLab, Jenkins, GitHub
 * Classroom) read: one testsuite per lab with a testcase per task, failures carrying the
 * field-by-field message.
 */
import type { TaskRound } from '../labs/check-round.js';
import { cleanText } from '../terminal/sanitize.js';
import type { Lab } from '../labs/types.js';

export function escapeXml(text: string): string {
  // XML 1.0 cannot hold most control characters at all: clean them (and escape sequences) first.
  return cleanText(text).replace(
    /[<>&"']/g,
    (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c] ?? c,
  );
}

export interface JunitCase {
  readonly name: string;
  readonly className: string;
  /** Undefined when the case passed. */
  readonly failure?: string;
}

export interface JunitSuite {
  readonly name: string;
  readonly cases: readonly JunitCase[];
}

export function junitXml(suites: readonly JunitSuite[]): string {
  const total = suites.reduce((n, s) => n + s.cases.length, 0);
  const failures = suites.reduce(
    (n, s) => n + s.cases.filter((c) => c.failure !== undefined).length,
    0,
  );
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="dockdrill" tests="${total}" failures="${failures}">`,
  ];
  for (const suite of suites) {
    const failed = suite.cases.filter((c) => c.failure !== undefined).length;
    lines.push(
      `  <testsuite name="${escapeXml(suite.name)}" tests="${suite.cases.length}" failures="${failed}">`,
    );
    for (const c of suite.cases) {
      const open = `    <testcase classname="${escapeXml(c.className)}" name="${escapeXml(c.name)}"`;
      if (c.failure === undefined) lines.push(`${open}/>`);
      else {
        const first = c.failure.split('\n')[0] ?? '';
        lines.push(
          `${open}>`,
          `      <failure message="${escapeXml(first)}">${escapeXml(c.failure)}</failure>`,
          '    </testcase>',
        );
      }
    }
    lines.push('  </testsuite>');
  }
  lines.push('</testsuites>', '');
  return lines.join('\n');
}

/** A lab's check round as one suite: a testcase per task. */
export function labSuite(lab: Pick<Lab, 'id' | 'title'>, rounds: readonly TaskRound[]): JunitSuite {
  return {
    name: `lab ${lab.id}`,
    cases: rounds.map((round) => ({
      className: `dockdrill.lab.${lab.id}`,
      name: round.task.id,
      ...(round.passed
        ? {}
        : {
            failure: round.results
              .filter((r) => !r.passed)
              .map((r) =>
                [
                  r.message,
                  ...r.fields
                    .filter((f) => !f.ok)
                    .map((f) => `  ${f.path}: found ${f.actual}, want ${f.expected}`),
                ].join('\n'),
              )
              .join('\n'),
          }),
    })),
  };
}

export function labJunit(lab: Pick<Lab, 'id' | 'title'>, rounds: readonly TaskRound[]): string {
  return junitXml([labSuite(lab, rounds)]);
}
