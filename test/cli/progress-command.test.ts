import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mergeProgress } from '../../src/progress/merge.js';
import { recordAnswer, recordExam, recordLessonPosition } from '../../src/progress/records.js';
import { emptyProgress, type Progress } from '../../src/progress/schema.js';
import { ProgressStore } from '../../src/progress/store.js';
import type { ProgressSummary } from '../../src/progress/summary.js';
import { runCli } from '../helpers/cli.js';
import { makeTempDir } from '../helpers/home.js';

function homeWithProgress(): string {
  const home = makeTempDir();
  const store = new ProgressStore(home);
  recordLessonPosition(store, 'moving-images', 500, true);
  recordAnswer(store, { questionId: 'mi-export-takes-container', correct: true });
  recordExam(store, {
    at: '2026-11-20T10:00:00.000Z',
    score: 64,
    passed: false,
    passMark: 70,
    questionCount: 3,
    timeUsedMs: 5000,
    domains: [],
  });
  return home;
}

describe('dockdrill progress (headless)', () => {
  it('--json gives the figures of the screen', () => {
    const home = homeWithProgress();
    const result = runCli(['progress', '--json'], { ...process.env, DOCKDRILL_HOME: home });
    expect(result.status).toBe(0);
    const summary = JSON.parse(result.stdout) as ProgressSummary;
    expect(summary.lessons.find((l) => l.id === 'moving-images')).toMatchObject({
      read: true,
      answered: 1,
      accuracy: 100,
    });
    expect(summary.exams).toEqual([{ at: '2026-11-20T10:00:00.000Z', score: 64, passed: false }]);
    expect(summary.streak).toBe(1);
  });

  it('prints bars and the exam chart without a terminal', () => {
    const result = runCli(['progress'], { ...process.env, DOCKDRILL_HOME: homeWithProgress() });
    expect(result.stdout).toMatch(/^Course completion {2}[█░]{20} \d+%$/m);
    expect(result.stdout).toMatch(/Exams +▆ {2}last 64% FAIL \(2026-11-20\), 1 taken/);
  });

  it('export then import into another home round-trips', () => {
    const file = join(makeTempDir(), 'export.json');
    expect(
      runCli(['progress', 'export', file], { ...process.env, DOCKDRILL_HOME: homeWithProgress() })
        .status,
    ).toBe(0);
    const other = makeTempDir();
    recordAnswer(new ProgressStore(other), { questionId: 'other-q', correct: false });
    expect(
      runCli(['progress', 'import', file], { ...process.env, DOCKDRILL_HOME: other }).status,
    ).toBe(0);
    const merged = new ProgressStore(other).read();
    expect(Object.keys(merged.questions).sort()).toEqual(['mi-export-takes-container', 'other-q']);
    expect(merged.exams).toHaveLength(1);
  });

  it('refuses to import a file that is not progress, naming it', () => {
    const file = join(makeTempDir(), 'bad.json');
    writeFileSync(file, '{"version":1,"lessons":5}');
    const result = runCli(['progress', 'import', file], {
      ...process.env,
      DOCKDRILL_HOME: makeTempDir(),
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`cannot import ${file}`);
  });

  it('reset asks for confirmation: without a terminal it needs --yes', () => {
    const home = homeWithProgress();
    const env = { ...process.env, DOCKDRILL_HOME: home };
    const refused = runCli(['progress', 'reset', '--all'], env);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain('without confirmation: add --yes');
    expect(new ProgressStore(home).read().exams).toHaveLength(1);
    const done = runCli(['progress', 'reset', '--lesson', 'moving-images', '--yes'], env);
    expect(done.status).toBe(0);
    const after = new ProgressStore(home).read();
    expect(after.lessons['moving-images']).toBeUndefined();
    expect(after.questions['mi-export-takes-container']).toBeUndefined();
    expect(after.exams).toHaveLength(1);
  });
});

describe('mergeProgress', () => {
  it('keeps the newest of each item, unites exams and keeps a lesson read', () => {
    const a: Progress = emptyProgress();
    const b: Progress = emptyProgress();
    a.questions.q = { attempts: 1, correct: 1, lastCorrect: true, lastAt: '2026-01-01T00:00:00Z' };
    b.questions.q = { attempts: 3, correct: 1, lastCorrect: false, lastAt: '2026-02-01T00:00:00Z' };
    a.lessons.l = { position: 9, openedAt: '2026-01-05T00:00:00Z', readAt: '2026-01-05T00:00:00Z' };
    b.lessons.l = { position: 2, openedAt: '2026-03-01T00:00:00Z' };
    a.exams.push({
      at: '1',
      score: 50,
      passed: false,
      passMark: 70,
      questionCount: 1,
      timeUsedMs: 1,
      domains: [],
    });
    b.exams.push({
      at: '1',
      score: 50,
      passed: false,
      passMark: 70,
      questionCount: 1,
      timeUsedMs: 1,
      domains: [],
    });
    b.exams.push({
      at: '2',
      score: 90,
      passed: true,
      passMark: 70,
      questionCount: 1,
      timeUsedMs: 1,
      domains: [],
    });
    a.days = { '2026-01-01': 3 };
    b.days = { '2026-01-01': 1, '2026-01-02': 2 };
    const merged = mergeProgress(a, b);
    expect(merged.questions.q?.attempts).toBe(3);
    expect(merged.lessons.l).toEqual({
      position: 2,
      openedAt: '2026-03-01T00:00:00Z',
      readAt: '2026-01-05T00:00:00Z',
    });
    expect(merged.exams.map((e) => e.at)).toEqual(['1', '2']);
    expect(merged.days).toEqual({ '2026-01-01': 3, '2026-01-02': 2 });
  });
});

describe('--profile', () => {
  it('keeps separate progress for learners sharing one machine', () => {
    const home = makeTempDir();
    const env = { ...process.env, DOCKDRILL_HOME: home };
    const ana = new ProgressStore(join(home, 'profiles', 'ana'));
    recordAnswer(ana, { questionId: 'mi-export-takes-container', correct: true });
    const asAna = JSON.parse(
      runCli(['progress', '--json', '--profile', 'ana'], env).stdout,
    ) as ProgressSummary;
    const asBen = JSON.parse(
      runCli(['progress', '--json', '--profile', 'ben'], env).stdout,
    ) as ProgressSummary;
    const answered = (s: ProgressSummary) => s.lessons.reduce((n, l) => n + l.answered, 0);
    expect(answered(asAna)).toBe(1);
    expect(answered(asBen)).toBe(0);
    const bad = runCli(['progress', '--json', '--profile', '../x'], env);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('invalid profile name "../x"');
  });
});
