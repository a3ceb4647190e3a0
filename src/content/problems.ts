/**
 * A problem found in course content, always tied to a file and a 1-based line, so lint,
 * the home screen and error messages can all say exactly where to look.
 */
export type Severity = 'error' | 'warning';

export interface ContentProblem {
  readonly file: string;
  /** 1-based line in `file`. */
  readonly line: number;
  readonly severity: Severity;
  /** A stable machine-readable code, e.g. `duplicate-id`. */
  readonly code: string;
  readonly message: string;
}

export function problem(
  file: string,
  line: number,
  code: string,
  message: string,
  severity: Severity = 'error',
): ContentProblem {
  return { file, line: Math.max(1, line), code, message, severity };
}

export function formatProblem(p: ContentProblem): string {
  return `${p.file}:${p.line}: ${p.severity}: ${p.message} [${p.code}]`;
}

/** Thrown when content cannot be used at all; carries every problem found. */
export class ContentError extends Error {
  override readonly name = 'ContentError';
  constructor(readonly problems: readonly ContentProblem[]) {
    super(problems.map(formatProblem).join('\n'));
  }
}
