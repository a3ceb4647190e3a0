import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dockdrillHome } from '../../src/progress/home.js';
import {
  recordAnswer,
  recordExam,
  recordLessonPosition,
  recordTask,
} from '../../src/progress/records.js';
import { ProgressStore } from '../../src/progress/store.js';
import { useTempHome } from '../helpers/home.js';

const home = useTempHome();

describe('ProgressStore', () => {
  it('starts empty and keeps what is recorded, across instances', () => {
    const store = new ProgressStore(home());
    expect(store.read().questions).toEqual({});
    recordLessonPosition(store, 'cmd-entrypoint', 40, false);
    recordAnswer(store, { questionId: 'q1', correct: true, answer: ['b'] });
    recordAnswer(store, { questionId: 'q1', correct: false, answer: ['a'] });
    recordTask(store, 'lab-1', 'task-a', (task) => {
      task.attempts++;
      task.passedAt = '2026-11-23T10:00:00.000Z';
    });
    recordExam(store, {
      at: '2026-11-23T10:00:00.000Z',
      score: 80,
      passed: true,
      passMark: 70,
      questionCount: 5,
      timeUsedMs: 1000,
      domains: [],
    });

    const again = new ProgressStore(home()).read();
    expect(again.lessons['cmd-entrypoint']).toMatchObject({ position: 40 });
    expect(again.lessons['cmd-entrypoint']?.readAt).toBeUndefined();
    expect(again.questions.q1).toMatchObject({
      attempts: 2,
      correct: 1,
      lastCorrect: false,
      lastAnswer: ['a'],
    });
    expect(again.labs['lab-1']?.tasks['task-a']).toMatchObject({
      attempts: 1,
      passedAt: '2026-11-23T10:00:00.000Z',
    });
    expect(again.exams).toHaveLength(1);
    expect(Object.values(again.days).reduce((a, b) => a + b, 0)).toBe(4);
  });

  it('marks a lesson read the first time its end is reached, and keeps that date', () => {
    const store = new ProgressStore(home());
    recordLessonPosition(store, 'l', 100, true, new Date('2026-01-01T00:00:00Z'));
    recordLessonPosition(store, 'l', 0, false, new Date('2026-02-01T00:00:00Z'));
    expect(store.read().lessons.l).toMatchObject({
      position: 0,
      readAt: '2026-01-01T00:00:00.000Z',
    });
  });

  it('moves a corrupt file aside with a timestamp, says where, and starts fresh', () => {
    writeFileSync(join(home(), 'progress.json'), '{"version": 1, "lessons": {');
    const store = new ProgressStore(home());
    expect(store.notice?.message).toMatch(/could not be read \(it is not valid JSON/);
    expect(existsSync(store.notice?.backupPath ?? '')).toBe(true);
    expect(readFileSync(store.notice?.backupPath ?? '', 'utf8')).toBe(
      '{"version": 1, "lessons": {',
    );
    expect(store.read().lessons).toEqual({});
  });

  it('moves aside a file that parses but breaks the schema', () => {
    writeFileSync(
      join(home(), 'progress.json'),
      JSON.stringify({ version: 1, lessons: { x: { position: -3 } } }),
    );
    const store = new ProgressStore(home());
    expect(store.notice?.message).toMatch(/does not match the schema \(lessons\.x\.position/);
    expect(readdirSync(home()).some((name) => name.startsWith('progress.corrupt-'))).toBe(true);
  });

  it('notices a file corrupted while running (another program wrote garbage)', () => {
    const store = new ProgressStore(home());
    recordAnswer(store, { questionId: 'q', correct: true });
    writeFileSync(store.path, 'not json');
    expect(store.read().questions).toEqual({});
    expect(store.notice?.backupPath).toMatch(/progress\.corrupt-/);
  });

  it('migrates a version-0 file', () => {
    copyFileSync(
      resolve(import.meta.dirname, '../fixtures/progress/v0.json'),
      join(home(), 'progress.json'),
    );
    const progress = new ProgressStore(home()).read();
    expect(progress).toMatchObject({
      version: 1,
      lessons: { 'cmd-entrypoint': { position: 12 } },
      questions: {},
      exams: [],
    });
  });

  it('refuses a file from a newer dockdrill instead of overwriting it', () => {
    writeFileSync(join(home(), 'progress.json'), JSON.stringify({ version: 99 }));
    expect(() => new ProgressStore(home())).toThrow(/schema version 99, newer than this dockdrill/);
    expect(JSON.parse(readFileSync(join(home(), 'progress.json'), 'utf8'))).toEqual({
      version: 99,
    });
  });

  it('two processes answering at once lose no answer', async () => {
    const script = resolve(import.meta.dirname, '../fixtures/progress/write-answers.ts');
    const run = (name: string) =>
      new Promise<number>((done, fail) => {
        const child = spawn(process.execPath, ['--import', 'tsx', script, home(), name, '150'], {
          stdio: 'inherit',
        });
        child.on('exit', (code) => done(code ?? -1));
        child.on('error', fail);
      });
    expect(await Promise.all([run('alpha'), run('beta')])).toEqual([0, 0]);
    const progress = new ProgressStore(home()).read();
    const ids = Object.keys(progress.questions);
    expect(ids.filter((id) => id.startsWith('alpha-'))).toHaveLength(150);
    expect(ids.filter((id) => id.startsWith('beta-'))).toHaveLength(150);
    expect(progress.questions.shared?.attempts).toBe(300);
  }, 120_000);
});

describe('dockdrillHome', () => {
  it('uses DOCKDRILL_HOME, then XDG_CONFIG_HOME, and separates profiles', () => {
    expect(dockdrillHome({ DOCKDRILL_HOME: '/h' })).toBe('/h');
    expect(dockdrillHome({ XDG_CONFIG_HOME: '/x' })).toBe('/x/dockdrill');
    expect(dockdrillHome({ DOCKDRILL_HOME: '/h' }, 'ana')).toBe('/h/profiles/ana');
    expect(() => dockdrillHome({}, '../evil')).toThrow('invalid profile name "../evil"');
  });
});
