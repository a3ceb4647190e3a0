/**
 * The lab screen's lower panel as plain lines (check results field by field, hints, the
 * solution, a cleanup list), so the screen can count them and fit them into 24 rows.
 * No Ink here: the screen turns each line into one <Text>.
 */
import type { CheckResult, CleanupItem, LabTask } from '../labs/engine.js';
import { describeCheck } from '../labs/engine.js';

export interface PanelLine {
  readonly text: string;
  readonly color?: string;
  readonly bold?: boolean;
  readonly dim?: boolean;
}

/** Results of one round: ✓/✗ per check; for a failed one every field, found vs wanted, and its lesson link. */
export function resultLines(
  results: readonly CheckResult[],
  describeRef: (ref: string) => string,
): PanelLine[] {
  const lines: PanelLine[] = [];
  for (const r of results) {
    if (r.passed) {
      lines.push({ text: `✓ ${describeCheck(r.check)}`, color: 'green' });
      continue;
    }
    lines.push({ text: `✗ ${r.message}`, color: 'red' });
    for (const f of r.fields) {
      if (f.ok) lines.push({ text: `    ✓ ${f.path}: ${f.actual}`, dim: true });
      else {
        lines.push({ text: `    ✗ ${f.path}: found ${f.actual}` });
        lines.push({ text: `      want ${f.expected}`, color: 'yellow' });
      }
    }
    if (r.ref) lines.push({ text: `    see ${describeRef(r.ref)}`, color: 'cyan' });
  }
  return lines;
}

export function hintLines(task: LabTask, shown: number): PanelLine[] {
  return task.hints.slice(0, shown).map((hint, i) => ({
    text: `Hint ${i + 1}/${task.hints.length}: ${hint}`,
    color: 'yellow',
  }));
}

export function solutionLines(task: LabTask): PanelLine[] {
  const lines: PanelLine[] = [{ text: 'Solution:', bold: true }];
  for (const file of task.solution.files) {
    lines.push({ text: `  write ${file.path}:`, dim: true });
    for (const line of file.content.replace(/\n$/, '').split('\n'))
      lines.push({ text: `    ${line}` });
  }
  for (const command of task.solution.commands)
    lines.push({ text: `  $ ${command.text}`, color: 'cyan' });
  if (!task.solution.files.length && !task.solution.commands.length)
    lines.push({ text: '  (this task has no written solution)', dim: true });
  return lines;
}

export function cleanupLines(items: readonly CleanupItem[]): PanelLine[] {
  if (items.length === 0) return [{ text: 'Nothing of this lab is on the engine.', dim: true }];
  return items.map((item) => ({
    text: `  ${item.kind} ${item.name}  (${item.reasons.join(', ')})`,
  }));
}

/** Cuts a panel to `max` lines, saying how many were left out. */
export function fitLines(lines: readonly PanelLine[], max: number): PanelLine[] {
  if (lines.length <= max) return [...lines];
  if (max <= 0) return [];
  const kept = lines.slice(0, max - 1);
  return [
    ...kept,
    {
      text: `… ${lines.length - kept.length} more lines (a taller terminal shows them)`,
      dim: true,
    },
  ];
}
