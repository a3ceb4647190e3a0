/**
 * `dockdrill report merge`: an instructor's class summary from the learners' JSON
 * reports: per student, per lab task (who passed) and per question (who got it right,
 * and the most common wrong answers).
 */
import type { LearnerReport } from './build-report.js';

export interface ClassSummary {
  readonly students: readonly {
    readonly student: string;
    readonly completion: number;
    readonly lastExam?: number;
    readonly tasksPassed: number;
    readonly tasks: number;
  }[];
  readonly tasks: readonly {
    readonly lab: string;
    readonly task: string;
    readonly passed: readonly string[];
    readonly notPassed: readonly string[];
  }[];
  readonly questions: readonly {
    readonly id: string;
    readonly answered: number;
    readonly right: number;
    readonly commonWrong: readonly { readonly answer: string; readonly count: number }[];
  }[];
}

function answerText(answer: unknown): string {
  return typeof answer === 'string' ? answer : JSON.stringify(answer);
}

export function mergeReports(reports: readonly LearnerReport[]): ClassSummary {
  const students = reports.map((r) => {
    const tasks = r.labs.flatMap((lab) => lab.tasks);
    const last = r.exams[r.exams.length - 1];
    return {
      student: r.student,
      completion: r.summary.completion,
      ...(last ? { lastExam: last.score } : {}),
      tasksPassed: tasks.filter((t) => t.passed).length,
      tasks: tasks.length,
    };
  });

  const taskMap = new Map<
    string,
    { lab: string; task: string; passed: string[]; notPassed: string[] }
  >();
  for (const r of reports) {
    for (const lab of r.labs) {
      for (const task of lab.tasks) {
        const key = `${lab.id}\u0000${task.id}`;
        const entry = taskMap.get(key) ?? { lab: lab.id, task: task.id, passed: [], notPassed: [] };
        (task.passed ? entry.passed : entry.notPassed).push(r.student);
        taskMap.set(key, entry);
      }
    }
  }

  const questionMap = new Map<
    string,
    { answered: number; right: number; wrong: Map<string, number> }
  >();
  for (const r of reports) {
    for (const a of r.answers) {
      const entry = questionMap.get(a.id) ?? {
        answered: 0,
        right: 0,
        wrong: new Map<string, number>(),
      };
      entry.answered++;
      if (a.lastCorrect) entry.right++;
      else if (a.lastAnswer !== undefined) {
        const text = answerText(a.lastAnswer);
        entry.wrong.set(text, (entry.wrong.get(text) ?? 0) + 1);
      }
      questionMap.set(a.id, entry);
    }
  }
  const questions = [...questionMap.entries()]
    .map(([id, q]) => ({
      id,
      answered: q.answered,
      right: q.right,
      commonWrong: [...q.wrong.entries()]
        .map(([answer, count]) => ({ answer, count }))
        .sort((a, b) => b.count - a.count || a.answer.localeCompare(b.answer))
        .slice(0, 3),
    }))
    // The hardest questions first: the ones a class most needs to go over.
    .sort((a, b) => a.right / a.answered - b.right / b.answered || a.id.localeCompare(b.id));

  return { students, tasks: [...taskMap.values()], questions };
}

export function classMarkdown(summary: ClassSummary): string {
  const lines = [
    '# dockdrill class summary',
    '',
    '## Students',
    '',
    '| student | completion | last exam | lab tasks |',
    '|---|---|---|---|',
  ];
  for (const s of summary.students)
    lines.push(
      `| ${s.student} | ${s.completion}% | ${s.lastExam === undefined ? '–' : `${s.lastExam}%`} | ${s.tasksPassed}/${s.tasks} |`,
    );
  lines.push('', '## Lab tasks', '', '| lab | task | passed | not yet |', '|---|---|---|---|');
  for (const t of summary.tasks)
    lines.push(
      `| ${t.lab} | ${t.task} | ${t.passed.join(', ') || '–'} | ${t.notPassed.join(', ') || '–'} |`,
    );
  lines.push(
    '',
    '## Questions (hardest first)',
    '',
    '| question | right | common wrong answers |',
    '|---|---|---|',
  );
  for (const q of summary.questions) {
    const wrong = q.commonWrong
      .map((w) => `\`${w.answer.replace(/\|/g, '\\|')}\` ×${w.count}`)
      .join(', ');
    lines.push(`| ${q.id} | ${q.right}/${q.answered} | ${wrong || '–'} |`);
  }
  return lines.join('\n') + '\n';
}
