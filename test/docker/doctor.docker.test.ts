import { expect, it } from 'vitest';
import type { DoctorReport } from '../../src/doctor/run-doctor.js';
import { runCli } from '../helpers/cli.js';
import { describeDocker, docker } from '../helpers/docker.js';

describeDocker('dockdrill doctor on a healthy engine', () => {
  it('prints every check as a table, exit 0', () => {
    const result = runCli(['doctor']);
    expect(result.status).toBe(0);
    for (const title of [
      'docker CLI',
      'Docker daemon',
      'Socket permissions',
      'API version',
      'Builder',
      'Image store',
      'Free disk space',
      'Lab images',
    ]) {
      expect(result.stdout).toMatch(new RegExp(`^✓ ${title}`, 'm'));
    }
    expect(result.stdout).toContain(
      `server ${docker(['version', '--format', '{{.Server.Version}}'])}`,
    );
    expect(result.stdout).toContain('Labs can run on this machine.');
  });

  it('--json gives the same checks for scripts', () => {
    const result = runCli(['doctor', '--json']);
    expect(result.status).toBe(0);
    const report = JSON.parse(result.stdout) as DoctorReport;
    expect(report.canRunLabs).toBe(true);
    expect(report.checks.map((check) => check.id)).toEqual([
      'cli',
      'daemon',
      'permissions',
      'versions',
      'builder',
      'image-store',
      'disk',
      'images',
    ]);
    expect(report.engine?.serverVersion).toBe(
      docker(['version', '--format', '{{.Server.Version}}']),
    );
  });
});
