/** A learner report as markdown (to read or hand in) or JUnit (for CI graders). */
import type { LearnerReport } from './build-report.js';
import { junitXml, type JunitSuite } from './junit.js';

export function reportMarkdown(report: LearnerReport): string {
  const s = report.summary;
  const lines = [
    `# dockdrill report: ${report.student}`,
    '',
    `Generated ${report.generatedAt}. Course completion ${s.completion}%, study streak ${s.streak} days.`,
    '',
    '## Lessons',
    '',
    '| lesson | read | quiz | lab tasks |',
    '|---|---|---|---|',
    ...s.lessons.map(
      (l) =>
        `| ${l.title} | ${l.read ? 'yes' : l.started ? 'started' : 'no'} | ${l.accuracy === undefined ? '–' : `${l.accuracy}% of ${l.answered}/${l.questions}`} | ${l.labTasks ? `${l.labTasksPassed}/${l.labTasks}` : '–'} |`,
    ),
    '',
    '## Exam domains',
    '',
    '| domain | answered | accuracy |',
    '|---|---|---|',
    ...s.domains.map(
      (d) =>
        `| ${d.title} | ${d.answered} | ${d.accuracy === undefined ? '–' : `${d.accuracy}%`} |`,
    ),
    '',
    '## Exams',
    '',
  ];
  if (report.exams.length === 0) lines.push('No exam taken yet.');
  else {
    lines.push('| date | score | result | questions | time |', '|---|---|---|---|---|');
    for (const e of report.exams) {
      lines.push(
        `| ${e.at.slice(0, 16).replace('T', ' ')} | ${e.score}% | ${e.passed ? 'PASS' : 'FAIL'} (mark ${e.passMark}%) | ${e.questionCount} | ${Math.round(e.timeUsedMs / 60000)} min |`,
      );
    }
  }
  lines.push('', '## Labs (checked now, on this machine)', '');
  for (const lab of report.labs) {
    const passed = lab.tasks.filter((t) => t.passed).length;
    lines.push(`### ${lab.title} — ${passed}/${lab.tasks.length} tasks`, '');
    if (lab.error)
      lines.push(`Checks could not run (${lab.error}); task states are from progress.`, '');
    for (const task of lab.tasks) {
      lines.push(
        `- ${task.passed ? '[x]' : '[ ]'} ${task.id}${task.solvedWithHelp ? ' (solved with help)' : ''}`,
      );
      for (const failure of task.failures) lines.push(`  - ${failure}`);
    }
    lines.push('');
  }
  return lines.join('\n');
}

export function reportJunit(report: LearnerReport): string {
  const suites: JunitSuite[] = report.labs.map((lab) => ({
    name: `${report.student}: lab ${lab.id}`,
    cases: lab.tasks.map((task) => ({
      className: `dockdrill.lab.${lab.id}`,
      name: task.id,
      ...(task.passed ? {} : { failure: task.failures.join('\n') || lab.error || 'not done yet' }),
    })),
  }));
  suites.push({
    name: `${report.student}: exams`,
    cases: report.exams.map((exam) => ({
      className: 'dockdrill.exam',
      name: `exam ${exam.at}`,
      ...(exam.passed
        ? {}
        : { failure: `score ${exam.score}% is under the pass mark ${exam.passMark}%` }),
    })),
  });
  return junitXml(suites);
}
