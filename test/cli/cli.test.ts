import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../src/commands/registry.js';
import { runCli } from '../helpers/cli.js';

describe('the dockdrill CLI without a terminal', () => {
  it('--help lists every command with one line each', () => {
    const result = runCli(['--help']);
    expect(result.status).toBe(0);
    for (const command of COMMANDS)
      expect(result.stdout).toMatch(new RegExp(`^  ${command.name}\\b.*\\S`, 'm'));
  });

  it('--version prints the package version', () => {
    const result = runCli(['--version']);
    expect(result.status).toBe(0);
    expect(result.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('an unknown command is a usage error, exit 2', () => {
    const result = runCli(['frobnicate']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('unknown command "frobnicate"');
  });

  it('an unknown flag is a usage error naming the flag, exit 2', () => {
    const result = runCli(['doctor', '--jsn']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('unknown option "--jsn" for "dockdrill doctor"');
  });

  it('an interactive command without a TTY says to use a terminal, exit 2, never an Ink crash', () => {
    const result = runCli([], process.env, '');
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('needs a terminal');
    expect(result.stderr).not.toMatch(/Raw mode/);
  });

  it('a command has its own --help', () => {
    const result = runCli(['doctor', '--help']);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('Usage: dockdrill doctor');
    expect(result.stdout).toContain('--json');
  });
});
