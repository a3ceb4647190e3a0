/**
 * The progress summary as text lines with terminal-drawn bars and a score chart: printed
 * by `dockdrill progress` and shown (scrollable) by the Progress screen.
 */
import type { ProgressSummary } from './summary.js';

const SPARKS = '▁▂▃▄▅▆▇█';

export function bar(percent: number, width = 20): string {
  const filled = Math.round((Math.max(0, Math.min(100, percent)) / 100) * width);
  return '█'.repeat(filled) + '░'.repeat(width - filled);
}

/** One character per exam score (0-100), oldest first. */
export function sparkline(scores: readonly number[]): string {
  return scores
    .map((score) => SPARKS[Math.min(SPARKS.length - 1, Math.floor((score / 100) * SPARKS.length))])
    .join('');
}

function pct(value: number | undefined): string {
  return value === undefined ? '  –' : `${String(value).padStart(3)}%`;
}

function clip(text: string, width: number): string {
  return text.length <= width ? text.padEnd(width) : `${text.slice(0, width - 1)}…`;
}

export function formatSummary(summary: ProgressSummary, width = 80): string[] {
  const titleWidth = Math.max(16, width - 46);
  const lines = [
    `Course completion  ${bar(summary.completion)} ${summary.completion}%`,
    `Study streak       ${summary.streak} day${summary.streak === 1 ? '' : 's'}`,
    `Review             ${summary.review.dueToday} due today, ${summary.review.dueThisWeek} this week`,
    '',
    `${clip('Lesson', titleWidth)}  read  quiz          lab`,
  ];
  for (const lesson of summary.lessons) {
    const mark = lesson.read ? '✓' : lesson.started ? '◐' : '○';
    const quiz = lesson.questions
      ? `${pct(lesson.accuracy)} ${String(lesson.answered).padStart(3)}/${lesson.questions}`
      : '  no quiz';
    const lab = lesson.labTasks ? `${lesson.labTasksPassed}/${lesson.labTasks} tasks` : 'no lab';
    lines.push(`${clip(lesson.title, titleWidth)}   ${mark}    ${quiz.padEnd(12)}  ${lab}`);
  }
  lines.push('', 'Exam domain                         accuracy          answered  trend');
  for (const domain of summary.domains) {
    const trend =
      domain.trend === undefined
        ? ''
        : domain.trend > 0
          ? `▲ +${domain.trend}`
          : domain.trend < 0
            ? `▼ ${domain.trend}`
            : '= 0';
    lines.push(
      `${clip(domain.title, 34)}  ${domain.accuracy === undefined ? ' '.repeat(10) : bar(domain.accuracy, 10)} ${pct(domain.accuracy)}  ${String(domain.answered).padStart(8)}  ${trend}`,
    );
  }
  lines.push('');
  if (summary.exams.length === 0) lines.push('Exams              none yet: try `dockdrill exam`');
  else {
    const last = summary.exams[summary.exams.length - 1]!;
    lines.push(
      `Exams              ${sparkline(summary.exams.map((e) => e.score))}  last ${last.score}% ${last.passed ? 'PASS' : 'FAIL'} (${last.at.slice(0, 10)}), ${summary.exams.length} taken`,
    );
  }
  return lines.map((line) => (line.length > width ? line.slice(0, width) : line));
}
