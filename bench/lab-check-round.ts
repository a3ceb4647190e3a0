/**
 * Benchmark (not a test): one check round of a 10-task lab vs one raw `docker inspect`.
 * The lab has 10 tasks with one container and one image check each (20 checks); the
 * engine batches them into one inspect per kind, so a round should cost about one raw
 * inspect (target: within 1.5x) and the same number of docker processes whatever the
 * number of checks. Run: npx tsx bench/lab-check-round.ts [runs]
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { Docker } from '../src/docker/index.js';
import { parseLab } from '../src/labs/parse-lab.js';
import { runChecks } from '../src/labs/checks/run-checks.js';

const RUNS = Number(process.argv[2] ?? 15);
const TASKS = 10;
const prefix = `ddbench${process.pid}`;
const containers = Array.from({ length: TASKS }, (_, i) => `${prefix}-c${i}`);
const images = Array.from({ length: TASKS }, (_, i) => `${prefix}-img${i}:v1`);

function labMarkdown(): string {
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
  return `---\nid: ${prefix}\ntitle: Bench lab\nimages: [busybox:1.36]\n---\n\n${tasks.join('\n')}`;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

async function main(): Promise<void> {
  const { lab, problems } = parseLab(labMarkdown(), 'bench-lab.md');
  if (!lab) throw new Error(problems.map((p) => p.message).join('\n'));
  const checks = lab.tasks.flatMap((t) => t.checks);
  try {
    // Real objects, so the checks read real inspect output (and pass).
    for (const [i, name] of containers.entries()) {
      execFileSync(
        'docker',
        [
          'run',
          '-d',
          '--label',
          'dockdrill.test=1',
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
    for (let run = 0; run < RUNS; run++) {
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
    const rawMs = median(raw);
    const adapterMs = median(viaAdapter);
    const roundMs = median(round);
    const rows = [
      ['measure', 'median ms', 'docker processes'],
      ['one raw `docker container inspect` (spawnSync)', rawMs.toFixed(1), '1'],
      ['the same through the adapter (execa)', adapterMs.toFixed(1), '1'],
      [`check round: ${TASKS} tasks, ${checks.length} checks`, roundMs.toFixed(1), String(spawns)],
      ['round / raw inspect (target <= 1.5x)', `${(roundMs / rawMs).toFixed(2)}x`, ''],
      ['round / adapter inspect', `${(roundMs / adapterMs).toFixed(2)}x`, ''],
    ];
    const widths = rows[0]!.map((_, col) => Math.max(...rows.map((r) => r[col]!.length)));
    console.log(`${RUNS} runs each; ${passed}/${checks.length} checks passed in the last round\n`);
    for (const row of rows)
      console.log(row.map((cell, col) => cell.padEnd(widths[col]!)).join('  '));
  } finally {
    spawnSync('docker', ['rm', '-f', '-v', ...containers], { stdio: 'ignore' });
    spawnSync('docker', ['rmi', ...images], { stdio: 'ignore' });
    rmSync(`${tmpdir()}/${prefix}`, { recursive: true, force: true });
  }
}

await main();
