/** The doctor report as plain text: one row per check, the fix indented under a problem. */
import type { CheckStatus, DoctorReport } from './run-doctor.js';

export const STATUS_MARK: Record<CheckStatus, string> = { ok: '✓', warn: '!', fail: '✗' };

export function formatReport(report: DoctorReport): string {
  const titleWidth = Math.max(...report.checks.map((check) => check.title.length));
  const lines = ['dockdrill doctor', ''];
  for (const check of report.checks) {
    lines.push(`${STATUS_MARK[check.status]} ${check.title.padEnd(titleWidth)}  ${check.detail}`);
    if (check.fix && check.status !== 'ok')
      lines.push(`  ${' '.repeat(titleWidth)}  fix: ${check.fix}`);
  }
  lines.push('');
  lines.push(
    report.canRunLabs
      ? 'Labs can run on this machine.'
      : 'Labs cannot run until the problems marked ✗ are fixed.',
  );
  return lines.join('\n') + '\n';
}
