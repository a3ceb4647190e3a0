import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { LearnerReport } from '../../src/report/build-report.js';
import { reportJunit, reportMarkdown } from '../../src/report/format-report.js';
import { escapeXml } from '../../src/report/junit.js';
import { classMarkdown, mergeReports } from '../../src/report/merge-reports.js';
import { runCli } from '../helpers/cli.js';

const fixture = (name: string) => resolve(import.meta.dirname, '../fixtures/reports', name);
const load = (name: string) => JSON.parse(readFileSync(fixture(name), 'utf8')) as LearnerReport;

describe('learner report formats', () => {
  it('markdown: lessons, exams and every lab task with what is still wrong', () => {
    const md = reportMarkdown(load('ana.json'));
    expect(md).toContain('# dockdrill report: ana');
    expect(md).toContain('| Moving images | yes | 50% of 2/2 | 1/2 |');
    expect(md).toContain('| 2026-11-22 09:00 | 80% | PASS (mark 70%) | 3 | 2 min |');
    expect(md).toContain('### Moving images — 1/2 tasks');
    expect(md).toContain(
      '- [ ] load-back\n  - image mi-app:stable: RepoTags is [], expected to contain mi-app:stable',
    );
  });

  it('JUnit: a testcase per lab task and per exam, failures carrying the reason', () => {
    const xml = reportJunit(load('ana.json'));
    expect(xml).toMatch(
      /^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites name="dockdrill" tests="4" failures="2">/,
    );
    expect(xml).toContain(
      '<testcase classname="dockdrill.lab.moving-images-lab" name="save-image"/>',
    );
    expect(xml).toContain(
      '<failure message="image mi-app:stable: RepoTags is [], expected to contain mi-app:stable">',
    );
    expect(xml).toContain('<failure message="score 67% is under the pass mark 70%">');
  });

  it('escapes XML', () => {
    expect(escapeXml(`a<b & "c" 'd'>`)).toBe('a&lt;b &amp; &quot;c&quot; &apos;d&apos;&gt;');
  });
});

describe('class summary (report merge)', () => {
  it('per student, per task who passed, and the most common wrong answers, hardest first', () => {
    const summary = mergeReports([load('ana.json'), load('ben.json')]);
    expect(summary.students).toEqual([
      { student: 'ana', completion: 40, lastExam: 80, tasksPassed: 1, tasks: 2 },
      { student: 'ben', completion: 55, tasksPassed: 2, tasks: 2 },
    ]);
    expect(summary.tasks).toContainEqual({
      lab: 'moving-images-lab',
      task: 'load-back',
      passed: ['ben'],
      notPassed: ['ana'],
    });
    expect(summary.questions[0]).toEqual({
      id: 'mi-export-cmd',
      answered: 2,
      right: 0,
      commonWrong: [{ answer: 'docker save web > web.tar', count: 2 }],
    });
    expect(classMarkdown(summary)).toBe(readFileSync(fixture('class.md'), 'utf8'));
  });

  it('works from the command line, and refuses a file that is not a report', () => {
    const result = runCli(['report', 'merge', fixture('ana.json'), fixture('ben.json')]);
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(readFileSync(fixture('class.md'), 'utf8'));
    const bad = runCli(['report', 'merge', resolve(import.meta.dirname, '../../package.json')]);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/cannot read .*package\.json: not a dockdrill JSON report/);
    expect(runCli(['report', '--format', 'pdf']).stderr).toContain(
      'unknown --format "pdf": use md, json or junit',
    );
  });
});
