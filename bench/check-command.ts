/**
 * `dockdrill check <lab> --json` end to end (a fresh process: start-up, loading the lab,
 * the docker calls, the JSON) against the docker calls it needs, run raw. The calls are
 * recorded once through a pass-through wrapper (DOCKDRILL_DOCKER pointing at a script that
 * logs its argv and execs the real docker), then replayed: one after another, and all at
 * once (the check engine runs its batched inspects concurrently).
 */
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { CLI } from './first-frame.js';
import { median } from './stats.js';

export interface CheckCommandResult {
  readonly runs: number;
  /** The docker argv lists one `check` run made. */
  readonly calls: readonly (readonly string[])[];
  readonly checks: number;
  readonly passed: number;
  /** Medians in ms. */
  readonly endToEndMs: number;
  readonly rawSequentialMs: number;
  readonly rawConcurrentMs: number;
  readonly cliVersionMs: number;
  readonly nodeMs: number;
}

function dockerPath(): string {
  const found = spawnSync('sh', ['-c', 'command -v docker'], { encoding: 'utf8' });
  const path = found.stdout.trim();
  if (found.status !== 0 || !path) throw new Error('docker is not on PATH');
  return path;
}

function runAll(calls: readonly (readonly string[])[]): Promise<void> {
  return Promise.all(
    calls.map(
      (args) =>
        new Promise<void>((resolve, reject) => {
          const child = spawn('docker', [...args], { stdio: 'ignore' });
          child.on('error', reject);
          child.on('close', () => resolve());
        }),
    ),
  ).then(() => undefined);
}

export async function benchCheckCommand(options: {
  readonly labId: string;
  readonly pack: string;
  readonly home: string;
  readonly tempDir: string;
  readonly runs: number;
}): Promise<CheckCommandResult> {
  // The bench's own fixture pack: trusted, as a grader's CI would say with --trust-pack.
  const args = [CLI, 'check', options.labId, '--json', '--trust-pack', '--content', options.pack];
  const env = { ...process.env, DOCKDRILL_HOME: options.home, NO_COLOR: '1' };

  // Record the docker calls of one run.
  const log = join(options.tempDir, 'docker-calls.log');
  const wrapper = join(options.tempDir, 'docker-recorder.sh');
  writeFileSync(log, '');
  writeFileSync(
    wrapper,
    `#!/bin/sh\n# Logs its argv (tab separated) and runs the real docker with it.\n` +
      `for a in "$@"; do printf '%s\\t' "$a"; done >> '${log}'\nprintf '\\n' >> '${log}'\n` +
      `exec '${dockerPath()}' "$@"\n`,
  );
  chmodSync(wrapper, 0o755);
  const recorded = spawnSync(process.execPath, args, {
    encoding: 'utf8',
    env: { ...env, DOCKDRILL_DOCKER: wrapper },
  });
  const report = JSON.parse(recorded.stdout) as {
    passed: boolean;
    tasks?: { checks?: { passed: boolean }[] }[];
  };
  const checkList = (report.tasks ?? []).flatMap((task) => task.checks ?? []);
  const calls = readFileSync(log, 'utf8')
    .split('\n')
    .filter((line) => line.length > 0)
    .map((line) => line.replace(/\t$/, '').split('\t'));

  const endToEnd: number[] = [];
  const sequential: number[] = [];
  const concurrent: number[] = [];
  const version: number[] = [];
  const node: number[] = [];
  for (let run = 0; run < options.runs; run++) {
    let started = performance.now();
    spawnSync(process.execPath, args, { env, stdio: 'ignore' });
    endToEnd.push(performance.now() - started);
    started = performance.now();
    for (const call of calls) spawnSync('docker', call, { stdio: 'ignore' });
    sequential.push(performance.now() - started);
    started = performance.now();
    await runAll(calls);
    concurrent.push(performance.now() - started);
    started = performance.now();
    spawnSync(process.execPath, [CLI, '--version'], { env, stdio: 'ignore' });
    version.push(performance.now() - started);
    started = performance.now();
    spawnSync(process.execPath, ['-e', ''], { stdio: 'ignore' });
    node.push(performance.now() - started);
  }
  return {
    runs: options.runs,
    calls,
    checks: checkList.length,
    passed: checkList.filter((check) => check.passed).length,
    endToEndMs: median(endToEnd),
    rawSequentialMs: median(sequential),
    rawConcurrentMs: median(concurrent),
    cliVersionMs: median(version),
    nodeMs: median(node),
  };
}
