import { describe, expect, it } from 'vitest';
import type { DoctorReport } from '../../src/doctor/run-doctor.js';
import { runCli } from '../helpers/cli.js';
import { fakeDockerEnv, type Fault } from '../helpers/fake-docker.js';

const cases: { fault: Fault; failing: string; text: RegExp; fix: RegExp }[] = [
  {
    fault: 'absent',
    failing: 'cli',
    text: /✗ docker CLI\s+The docker CLI was not found/,
    fix: /Install Docker Engine/,
  },
  {
    fault: 'daemon-down',
    failing: 'daemon',
    text: /✗ Docker daemon\s+The docker CLI is installed but no Docker daemon answers/,
    fix: /Start Docker/,
  },
  {
    fault: 'permission-denied',
    failing: 'permissions',
    text: /✗ Socket permissions\s+Permission denied on the Docker socket/,
    fix: /docker group/,
  },
  {
    fault: 'hang',
    failing: 'daemon',
    text: /✗ Docker daemon\s+`docker (version|info) --format/,
    fix: /restart Docker/,
  },
];

describe('dockdrill doctor on each fault (fake docker)', () => {
  for (const { fault, failing, text, fix } of cases) {
    it(`${fault}: says what is wrong and how to fix it, exit 1`, () => {
      const env = { ...fakeDockerEnv(fault), DOCKDRILL_DOCKER_TIMEOUT_MS: '800' };
      const human = runCli(['doctor'], env);
      expect(human.status).toBe(1);
      expect(human.stdout).toMatch(text);
      expect(human.stdout).toMatch(fix);
      expect(human.stdout).toContain('Labs cannot run until the problems marked ✗ are fixed.');

      const json = runCli(['doctor', '--json'], env);
      expect(json.status).toBe(1);
      const report = JSON.parse(json.stdout) as DoctorReport;
      expect(report.canRunLabs).toBe(false);
      expect(report.checks.find((check) => check.status === 'fail')?.id).toBe(failing);
    });
  }
});
