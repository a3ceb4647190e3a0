/**
 * How a check round is printed by `dockdrill check` and `dockdrill lab selftest`: one line
 * per check with ✓/✗, then for a failed check every field as found vs wanted and the
 * lesson section to read. The JSON form keeps every field of every check.
 */
import { describeCheck, type CheckResult } from '../labs/engine.js';

export interface CheckJson {
  readonly kind: string;
  /** `container web`, `image myapp:v1` ... */
  readonly target: string;
  readonly passed: boolean;
  readonly message: string;
  readonly ref?: string;
  readonly fields: readonly {
    readonly path: string;
    readonly expected: string;
    readonly actual: string;
    readonly ok: boolean;
  }[];
}

export function checkJson(result: CheckResult): CheckJson {
  return {
    kind: result.check.kind,
    target: describeCheck(result.check),
    passed: result.passed,
    message: result.message,
    ...(result.ref ? { ref: result.ref } : {}),
    fields: result.fields.map((f) => ({
      path: f.path,
      expected: f.expected,
      actual: f.actual,
      ok: f.ok,
    })),
  };
}

/** Human lines for one check, indented by `indent`. */
export function checkLines(result: CheckResult, indent = '  '): string[] {
  const lines = [`${indent}${result.passed ? '✓' : '✗'} ${result.message}`];
  if (result.passed) return lines;
  for (const f of result.fields) {
    lines.push(
      `${indent}    ${f.ok ? '✓' : '✗'} ${f.path}: ${f.ok ? f.actual : `found ${f.actual}, want ${f.expected}`}`,
    );
  }
  if (result.ref) lines.push(`${indent}    see lesson ${result.ref}`);
  return lines;
}
