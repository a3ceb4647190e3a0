import { afterAll, expect, it } from 'vitest';
import type { LearnerReport } from '../../src/report/build-report.js';
import { recordAnswer } from '../../src/progress/records.js';
import { ProgressStore } from '../../src/progress/store.js';
import { runCli } from '../helpers/cli.js';
import { describeDocker, docker } from '../helpers/docker.js';
import { makeTempDir } from '../helpers/home.js';
import { makeFixtureLab, removeFixtureObjects } from '../helpers/lab-fixture.js';

describeDocker('report and check --junit against the real engine', () => {
  const lab = makeFixtureLab();
  const home = makeTempDir();
  const env = { ...process.env, DOCKDRILL_HOME: home };
  afterAll(() => removeFixtureObjects(lab));

  it('check --junit: a testcase per task, failures with found and wanted', () => {
    docker([
      'run',
      '-d',
      '--label',
      'dockdrill.test=1',
      '--name',
      lab.web,
      '--restart',
      'always',
      'busybox:1.36',
      'sleep',
      '600',
    ]);
    const result = runCli(
      ['check', lab.qualifiedId, '--junit', '--trust-pack', '--content', lab.dir],
      env,
    );
    expect(result.status).toBe(1);
    expect(result.stdout).toContain(
      `<testsuite name="lab ${lab.qualifiedId}" tests="2" failures="1">`,
    );
    expect(result.stdout).toContain(
      `<testcase classname="dockdrill.lab.${lab.qualifiedId}" name="run-always"/>`,
    );
    expect(result.stdout).toMatch(
      /<testcase classname="[^"]+" name="build-app">\n {6}<failure message="[^"]*">[^<]*exists: found absent, want image present/,
    );
  });

  it('report --format json has the live lab state and the answers, for report merge', () => {
    recordAnswer(new ProgressStore(home), {
      questionId: 'mi-export-takes-container',
      correct: false,
      answer: 'docker save web',
    });
    const result = runCli(
      ['report', '--format', 'json', '--student', 'ana', '--trust-pack', '--content', lab.dir],
      env,
      undefined,
      300_000,
    );
    expect(result.status).toBe(0);
    const report = JSON.parse(result.stdout) as LearnerReport;
    expect(report.student).toBe('ana');
    const state = report.labs.find((l) => l.id === lab.qualifiedId);
    expect(state?.tasks.map((t) => [t.id, t.passed])).toEqual([
      ['run-always', true],
      ['build-app', false],
    ]);
    expect(report.answers).toContainEqual({
      id: 'mi-export-takes-container',
      attempts: 1,
      lastCorrect: false,
      lastAnswer: 'docker save web',
    });
    expect(result.stderr).toContain(`checking lab ${lab.qualifiedId}…`);
  }, 300_000);
});
