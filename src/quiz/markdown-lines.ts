/**
 * Line-level markdown helpers for the quiz parser: which lines are inside fenced code
 * blocks (so a `### ` or `- [x]` in a Dockerfile example is not read as structure).
 */
// `[^]*`, not `.*$`: a stray \r (a CR-only line end) stopped `.` and made a long fence line
// backtrack quadratically (fault suite: 68,000 backticks took 4 s).
const FENCE_OPEN = /^ {0,3}(`{3,}|~{3,})([^]*)/;

/** 1 for every line that is a fence delimiter or inside a fenced block, else 0. */
export function fencedLines(lines: readonly string[]): Uint8Array {
  const fenced = new Uint8Array(lines.length);
  let marker: string | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    if (marker === undefined) {
      // Fast reject: most lines do not start (after up to 3 spaces) with ` or ~.
      let at = 0;
      while (at < 3 && line.charCodeAt(at) === 32) at++;
      const first = line.charCodeAt(at);
      if (first !== 96 && first !== 126) continue;
      const open = FENCE_OPEN.exec(line);
      if (!open) continue;
      const fence = open[1] as string;
      // A backtick fence's info string cannot contain backticks.
      if (fence[0] === '`' && (open[2] ?? '').includes('`')) continue;
      marker = fence;
      fenced[i] = 1;
    } else {
      fenced[i] = 1;
      const trimmed = line.trim();
      if (trimmed.length >= marker.length && trimmed[0] === marker[0] && /^(`+|~+)$/.test(trimmed))
        marker = undefined;
    }
  }
  return fenced;
}

const QUESTION_HEADING = /^###[ \t]+\S/;

/**
 * How many questions a bank holds, without parsing it: the `### ` headings outside code
 * blocks. Cheap enough for the home screen to call on every bank.
 */
export function countQuestions(text: string): number {
  const lines = text.split(/\r?\n/);
  const fenced = fencedLines(lines);
  let count = 0;
  for (let i = 0; i < lines.length; i++) {
    if (fenced[i] === 0 && QUESTION_HEADING.test(lines[i] as string)) count++;
  }
  return count;
}
