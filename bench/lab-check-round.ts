/**
 * Benchmark (not a test): one check round of a 10-task lab vs one raw `docker inspect`.
 * The lab has 10 tasks with one container and one image check each (20 checks); the
 * engine batches them into one inspect per kind, so a round should cost about one raw
 * inspect (target: within 1.5x) and the same number of docker processes whatever the
 * number of checks. Run: npx tsx bench/lab-check-round.ts [runs]
 * (bench/run-all.ts imports benchCheckRound and the lab, for its table and the check command).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { pathToFileURL } from 'node:url';
import { Docker } from '../src/docker/index.js';
import { parseLab } from '../src/labs/parse-lab.js';
import { runChecks } from '../src/labs/checks/run-checks.js';
import { median } from './stats.js';

const TASKS = 10;
/** Unique per process, so two benches (or a bench and the tests) never share a name. */
export const prefix = `ddbench${process.pid}`;
export const containers = Array.from({ length: TASKS }, (_, i) => `${prefix}-c${i}`);
export const images = Array.from({ length: TASKS }, (_, i) => `${prefix}-img${i}:v1`);

/** The bench lab: 10 tasks, each with one container and one image check. */
export function labMarkdown(): string {
  const tasks = containers.map(
    (name, i) => `## Task: task-${i}
Run ${name} and tag ${images[i]}.

\`\`\`check
- kind: container
  name: ${name}
  expect:
    State.Running: true
    HostConfig.RestartPolicy.Name: always
- kind: image
  image: ${images[i]}
  expect:
    Config.Cmd: [sh]
\`\`\`

#### Solution
\`\`\`sh
docker run -d --name ${name} --restart always busybox:1.36 sleep 600
\`\`\`
`,
  );
  return `---\nid: ${prefix}\ntitle: Bench lab\nimages: [busybox:1.36]\nresources:\n  containers: [${containers.join(', ')}]\n  images: [${images.join(', ')}]\n---\n\n${tasks.join('\n')}`;
}

/** Makes the containers and tags the checks look at (labelled, unique names). */
export function createBenchObjects(): void {
  for (const [i, name] of containers.entries()) {
    execFileSync(
      'docker',
      [
        'run',
        '-d',
        '--label',
        'dockdrill.test=1',
        // No network: the checks only read inspect output, and this keeps the bench
        // independent of the engine's bridge.
        '--network',
        'none',
        '--name',
        name,
        '--restart',
        'always',
        'busybox:1.36',
        'sleep',
        '600',
      ],
      { stdio: 'ignore' },
    );
    execFileSync('docker', ['tag', 'busybox:1.36', images[i]!], { stdio: 'ignore' });
  }
}

/** Removes exactly what createBenchObjects made. */
export function removeBenchObjects(): void {
  spawnSync('docker', ['rm', '-f', '-v', ...containers], { stdio: 'ignore' });
  spawnSync('docker', ['rmi', ...images], { stdio: 'ignore' });
  rmSync(`${tmpdir()}/${prefix}`, { recursive: true, force: true });
}

export interface CheckRoundResult {
  readonly runs: number;
  readonly tasks: number;
  readonly checks: number;
  readonly passed: number;
  /** Medians in ms. */
  readonly rawInspectMs: number;
  readonly adapterInspectMs: number;
  readonly roundMs: number;
  /** Docker processes one round started. */
  readonly spawnsPerRound: number;
}

/** Times check rounds against raw inspects; the objects must exist (createBenchObjects). */
export async function benchCheckRound(runs: number): Promise<CheckRoundResult> {
  const { lab, problems } = parseLab(labMarkdown(), 'bench-lab.md');
  if (!lab) throw new Error(problems.map((p) => p.message).join('\n'));
  const checks = lab.tasks.flatMap((t) => t.checks);
  {
    const docker = new Docker();
    const ctx = { workspace: tmpdir(), labId: prefix, wait: false };
    // Warm up both paths once.
    await runChecks(docker, checks, ctx);
    spawnSync('docker', ['inspect', containers[0]!]);

    const raw: number[] = [];
    const viaAdapter: number[] = [];
    const round: number[] = [];
    let spawns = 0;
    let passed = 0;
    for (let run = 0; run < runs; run++) {
      let started = performance.now();
      spawnSync('docker', ['container', 'inspect', containers[0]!], { encoding: 'utf8' });
      raw.push(performance.now() - started);
      started = performance.now();
      await docker.run(['container', 'inspect', containers[0]!]);
      viaAdapter.push(performance.now() - started);
      const before = docker.spawnCount;
      started = performance.now();
      const results = await runChecks(docker, checks, ctx);
      round.push(performance.now() - started);
      spawns = docker.spawnCount - before;
      passed = results.filter((r) => r.passed).length;
    }
    return {
      runs,
      tasks: TASKS,
      checks: checks.length,
      passed,
      rawInspectMs: median(raw),
      adapterInspectMs: median(viaAdapter),
      roundMs: median(round),
      spawnsPerRound: spawns,
    };
  }
}

async function main(): Promise<void> {
  const RUNS = Number(process.argv[2] ?? 15);
  try {
    createBenchObjects();
    const result = await benchCheckRound(RUNS);
    const { rawInspectMs: rawMs, adapterInspectMs: adapterMs, roundMs, checks, passed } = result;
    const spawns = result.spawnsPerRound;
    const rows = [
      ['measure', 'median ms', 'docker processes'],
      ['one raw `docker container inspect` (spawnSync)', rawMs.toFixed(1), '1'],
      ['the same through the adapter (execa)', adapterMs.toFixed(1), '1'],
      [`check round: ${TASKS} tasks, ${checks} checks`, roundMs.toFixed(1), String(spawns)],
      ['round / raw inspect (target <= 1.5x)', `${(roundMs / rawMs).toFixed(2)}x`, ''],
      ['round / adapter inspect', `${(roundMs / adapterMs).toFixed(2)}x`, ''],
    ];
    const widths = rows[0]!.map((_, col) => Math.max(...rows.map((r) => r[col]!.length)));
    console.log(`${RUNS} runs each; ${passed}/${checks} checks passed in the last round\n`);
    for (const row of rows)
      console.log(row.map((cell, col) => cell.padEnd(widths[col]!)).join('  '));
  } finally {
    removeBenchObjects();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
