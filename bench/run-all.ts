/**
 * Every benchmark, one after another, into bench/RESULTS.md (`npm run bench`):
 *   1. time to first frame in an 80x24 pty: home, lesson, quiz, lab vs node and Ink hellos;
 *   2. content loading: the bundled course, generated banks of 1,000 / 10,000 / 50,000
 *      questions (growth per doubling) and the home screen's count path;
 *   3. peak memory of a process holding the whole course;
 *   4. a lab check round vs one raw `docker inspect`, and docker processes per round;
 *   5. `dockdrill check <lab> --json` end to end vs the docker calls it makes;
 *   6. the lesson reader (bench/lesson-reader.tsx), verbatim.
 * Figures are medians over repeated runs; ratios compare samples taken in the same run.
 * It measures dist/ as built: run `npm run build` first (the results say when dist/ is
 * older than src/).
 *
 * Flags: --quick (one repetition, small banks, no reader bench: the CI smoke run),
 * --out FILE (default bench/RESULTS.md), --runs N (repetitions of the timed parts).
 */
import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { cpus, loadavg, release, tmpdir, totalmem } from 'node:os';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { listCourseLessons } from '../src/content/course-map.js';
import { bundledRoot } from '../src/content/paths.js';
import { allLabs } from '../src/labs/catalog.js';
import { benchCheckCommand, type CheckCommandResult } from './check-command.js';
import {
  benchBanks,
  benchCourse,
  benchMemory,
  perDoubling,
  fittedPerDoubling,
  type BankSize,
  type MemoryResult,
  type Timed,
} from './content-load.js';
import { benchFirstFrames, CASES, CLI, REPO } from './first-frame.js';
import { generatedBankRoot } from './generated-bank.js';
import {
  benchCheckRound,
  createBenchObjects,
  labMarkdown,
  removeBenchObjects,
  type CheckRoundResult,
} from './lab-check-round.js';
import { writePtyHelper, type PtySamples } from './pty.js';
import { mb, median, ms, ratio, table, verdict } from './stats.js';

const { values: flags } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    out: { type: 'string', default: join(REPO, 'bench', 'RESULTS.md') },
    runs: { type: 'string' },
  },
});
const quick = flags.quick;
const runs = flags.runs ? Math.max(1, Number(flags.runs)) : quick ? 1 : 15;
const bankSizes = quick ? [500, 1_000, 2_000] : [1_000, 10_000, 50_000];

const TARGET = {
  homeVsBundledHello: 1.25,
  perDoubling: 2.2,
  memoryBytes: 150 * 1024 * 1024,
} as const;

function say(text: string): void {
  process.stderr.write(`bench: ${text}\n`);
}

function tryRun(cmd: string, args: readonly string[]): string | undefined {
  const result = spawnSync(cmd, args, { encoding: 'utf8', timeout: 15_000 });
  return result.status === 0 ? result.stdout.trim() : undefined;
}

/** The newest modification time of any file under `dir`. */
function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

function machine(): { lines: string[]; docker: boolean; python: boolean } {
  const cpu = cpus();
  const [one, five, fifteen] = loadavg();
  const client = tryRun('docker', ['version', '--format', '{{.Client.Version}}']);
  const server = tryRun('docker', ['version', '--format', '{{.Server.Version}}']);
  const python = tryRun('python3', ['--version']);
  const commit = tryRun('git', ['-C', REPO, 'rev-parse', '--short', 'HEAD']);
  const dirty = tryRun('git', ['-C', REPO, 'status', '--porcelain', '--', 'src']);
  const lines = [
    `- Date: ${new Date().toISOString()}`,
    `- CPU: ${cpu[0]?.model ?? 'unknown'}, ${cpu.length} cores`,
    `- Memory: ${(totalmem() / 1024 ** 3).toFixed(1)} GiB`,
    `- OS: ${process.platform} ${release()}`,
    `- Node: ${process.version}`,
    `- Docker: client ${client ?? 'not found'}, engine ${server ?? 'not reachable'}`,
    `- Python (pty helper): ${python ?? 'not found'}`,
    `- Load average at start: ${one!.toFixed(2)} / ${five!.toFixed(2)} / ${fifteen!.toFixed(2)} (1 / 5 / 15 min)`,
    `- dockdrill: commit ${commit ?? 'unknown'}${dirty ? ' with uncommitted changes in src/' : ''}; ${
      quick ? 'quick mode (1 repetition, small banks)' : `${runs} repetitions per timing`
    }`,
  ];
  return { lines, docker: Boolean(server), python: Boolean(python) };
}

// ---------------------------------------------------------------------------------------

function firstFrameSection(results: readonly PtySamples[]): { text: string; homeRatio: number } {
  const medianOf = (name: string) =>
    median(results.find((r) => r.name === name)?.samples.filter(Number.isFinite) ?? []);
  const bundled = medianOf(CASES.helloBundled);
  const node = medianOf(CASES.node);
  const rows = results.map((r) => {
    const ok = r.samples.filter(Number.isFinite);
    const med = median(ok);
    return [
      r.name,
      ms(med, 0),
      ok.length ? `${Math.min(...ok).toFixed(0)}–${Math.max(...ok).toFixed(0)} ms` : 'n/a',
      `${ok.length}/${r.samples.length}`,
      ratio(med, bundled),
      ratio(med, node),
    ];
  });
  const failures = results
    .filter((r) => r.failure !== undefined)
    .map(
      (r) =>
        `- ${r.name}: no first frame in one run; its screen ended with:\n\n\`\`\`\n${r.failure}\n\`\`\``,
    );
  const homeRatio = medianOf(CASES.home) / bundled;
  const text = [
    '## Time to first frame (pseudo-terminal, 80x24)',
    '',
    'From spawn to the first appearance of a text of the first frame on the pty (the home',
    "screen's key hints, the reader's hints, the quiz picker's hints, the lab header);",
    '`node -e ""` is timed to its exit. The cases run interleaved, one round after another.',
    'The unbundled hello runs as a user would run it (React picks its development build',
    'without NODE_ENV); the bundled hello and dist/cli.js define NODE_ENV=production.',
    '',
    table(['case', 'median', 'range', 'runs', 'vs bundled hello', 'vs node -e ""'], rows),
    '',
    `Target: home screen within ${TARGET.homeVsBundledHello}x of the bundled hello: ${ratio(
      medianOf(CASES.home),
      bundled,
    )}, ${verdict(homeRatio <= TARGET.homeVsBundledHello)}.`,
    ...(failures.length ? ['', ...failures] : []),
  ].join('\n');
  return { text, homeRatio };
}

function courseSection(course: readonly Timed[]): string {
  return [
    '### The bundled course',
    '',
    table(
      ['what', 'median', 'note'],
      course.map((t) => [t.what, ms(t.ms, 2), t.note ?? '']),
    ),
  ].join('\n');
}

function banksSection(banks: readonly BankSize[]): { text: string; growth: number } {
  let worst = 0;
  const growth = fittedPerDoubling(banks.map((b) => ({ n: b.questions, t: b.parseMs })));
  const rows = banks.map((bank, i) => {
    const previous = banks[i - 1];
    const growth = previous
      ? perDoubling(previous.parseMs, previous.questions, bank.parseMs, bank.questions)
      : Number.NaN;
    if (Number.isFinite(growth)) worst = Math.max(worst, growth);
    return [
      bank.questions.toLocaleString('en-US'),
      mb(bank.bytes),
      ms(bank.parseMs),
      ms((bank.parseMs / bank.questions) * 1000, 1),
      Number.isFinite(growth) ? `${growth.toFixed(2)}x` : '—',
      ms(bank.countMs, 2),
      ms(bank.summaryMs, 2),
      ratio(bank.parseMs, bank.summaryMs),
      `${bank.parsedQuestions} / ${bank.countedQuestions}${bank.problems ? `, ${bank.problems} problems` : ''}`,
    ];
  });
  const text = [
    '### Generated banks',
    '',
    'One bank file per size, every question type in turn. Parse = read + parse (loadBank).',
    'Count = read + countQuestions; summary = summariseCourse on a root holding only that',
    'bank (what the home screen runs: it counts headings and never parses question bodies).',
    '',
    table(
      [
        'questions',
        'file',
        'parse',
        'per 1,000',
        'growth per doubling',
        'count',
        'summary (home)',
        'parse / summary',
        'parsed / counted',
      ],
      rows,
    ),
    '',
    `Target: doubling the bank costs at most ${TARGET.perDoubling}x: ${growth.toFixed(2)}x fitted over all sizes (worst single step ${worst.toFixed(2)}x), ${verdict(
      growth <= TARGET.perDoubling,
    )}. A step's growth is (t2/t1)^(1/log2(n2/n1)); the fit is 2^slope of log t against`,
    'log n over every size; 2.00x is linear. The smallest bank fits in the young generation',
    'of the heap and parses a little faster per question, so the first step reads high',
    'even when parsing is linear (compare "per 1,000" at the larger sizes).',
  ].join('\n');
  return { text, growth };
}

function memorySection(rows: readonly MemoryResult[]): { text: string; peak: number } {
  const whole = rows.find((r) => r.what.startsWith('whole bundled course'));
  const peak = whole?.maxRssBytes ?? Number.NaN;
  return {
    peak,
    text: [
      '## Memory',
      '',
      "Peak RSS of a fresh node process (the loader bundled with the app's esbuild options)",
      'that lists the course, parses and renders every lesson at 80 columns, parses every bank',
      '(with the cross-bank lint) and every lab, and keeps it all.',
      '',
      table(
        ['process', 'peak RSS', 'heap used after GC', 'what it loaded'],
        rows.map((r) => [
          r.what,
          mb(r.maxRssBytes),
          r.heapUsedBytes ? mb(r.heapUsedBytes) : '—',
          r.course ?? '',
        ]),
      ),
      '',
      `Target: under ${mb(TARGET.memoryBytes)}: ${mb(peak)}, ${verdict(peak < TARGET.memoryBytes)}.`,
    ].join('\n'),
  };
}

function checkRoundSection(round: CheckRoundResult): string {
  return [
    '## Lab check round',
    '',
    `A lab of ${round.tasks} tasks with ${round.checks} checks (a container and an image check`,
    'each) against real objects; the engine batches the checks into one inspect per kind and',
    `runs those at once. ${round.passed}/${round.checks} checks passed in the last round.`,
    '',
    table(
      ['measure', 'median', 'docker processes'],
      [
        ['one raw `docker container inspect` (spawnSync)', ms(round.rawInspectMs), '1'],
        ['the same through the adapter (execa)', ms(round.adapterInspectMs), '1'],
        [
          `check round: ${round.tasks} tasks, ${round.checks} checks`,
          ms(round.roundMs),
          String(round.spawnsPerRound),
        ],
        ['round / raw inspect', ratio(round.roundMs, round.rawInspectMs), ''],
        ['round / adapter inspect', ratio(round.roundMs, round.adapterInspectMs), ''],
      ],
    ),
  ].join('\n');
}

function checkCommandSection(result: CheckCommandResult): string {
  const calls = result.calls.map((c) => `- \`docker ${c.join(' ')}\``);
  return [
    '## `dockdrill check <lab> --json` end to end',
    '',
    `The same bench lab, from a course pack (--content), ${result.passed}/${result.checks} checks`,
    `passing. The command made ${result.calls.length} docker call(s):`,
    '',
    ...calls,
    '',
    table(
      ['measure', 'median', 'vs raw calls (concurrent)'],
      [
        [
          '`node dist/cli.js check <lab> --json`',
          ms(result.endToEndMs),
          ratio(result.endToEndMs, result.rawConcurrentMs),
        ],
        ['the same docker calls, raw, all at once', ms(result.rawConcurrentMs), '1.00x'],
        [
          'the same docker calls, raw, one after another',
          ms(result.rawSequentialMs),
          ratio(result.rawSequentialMs, result.rawConcurrentMs),
        ],
        ['`node dist/cli.js --version` (start-up only)', ms(result.cliVersionMs), ''],
        ['`node -e ""`', ms(result.nodeMs), ''],
      ],
    ),
    '',
    `End to end minus the raw calls: ${ms(result.endToEndMs - result.rawConcurrentMs)} ` +
      '(node start-up, loading the command and the lab, execa, the JSON).',
  ].join('\n');
}

// ---------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const temp = mkdtempSync(join(tmpdir(), 'dockdrill-bench-'));
  const home = join(temp, 'home');
  const sections: string[] = [];
  const targets: string[][] = [];
  const skipped: string[] = [];
  const info = machine();
  const distBuilt = existsSync(CLI);
  if (distBuilt && statSync(CLI).mtimeMs < newestMtime(join(REPO, 'src')))
    skipped.push('dist/cli.js is older than src/: these figures are for the last build.');

  // The bench lab in a course pack: the lab screen's first frame and `check` use it.
  const pack = join(temp, 'pack');
  const labDir = join(pack, 'lessons', '01-bench');
  mkdirSync(labDir, { recursive: true });
  writeFileSync(join(labDir, 'lab.md'), labMarkdown());
  const roots = [bundledRoot(), { dir: pack, pack: 'pack' }];
  const benchLab = allLabs(roots).find((lab) => lab.file.startsWith(pack));
  if (!benchLab) throw new Error('the generated bench lab did not load');
  const lesson = listCourseLessons([bundledRoot()]).lessons.find((l) => !l.broken?.length);
  if (!lesson) throw new Error('the bundled course has no usable lesson');

  try {
    // 1. First frames.
    if (!distBuilt) skipped.push('Time to first frame: dist/cli.js is missing (npm run build).');
    else if (!info.python)
      skipped.push('Time to first frame: python3 (the pty helper) is missing.');
    else {
      say(`first frames (${runs} rounds)…`);
      const helper = writePtyHelper(temp);
      const frames = await benchFirstFrames(helper, {
        runs,
        tempDir: temp,
        home,
        links: {
          lesson: lesson.id,
          ...(info.docker ? { lab: { id: benchLab.id, title: benchLab.title, pack } } : {}),
        },
      });
      const { text, homeRatio } = firstFrameSection(frames);
      sections.push(text);
      if (!info.docker) skipped.push('`dockdrill lab <id>` first frame: no docker engine.');
      targets.push([
        `home first frame ≤ ${TARGET.homeVsBundledHello}x bundled Ink hello`,
        `${homeRatio.toFixed(2)}x`,
        verdict(homeRatio <= TARGET.homeVsBundledHello),
      ]);
    }

    // 2. Content loading.
    say('content loading…');
    const contentRuns = quick ? 1 : Math.max(runs, 20);
    const course = benchCourse(bundledRoot(), contentRuns);
    const banks = benchBanks(temp, bankSizes, quick ? 1 : Math.min(runs, 9));
    const bankText = banksSection(banks);
    sections.push(['## Content loading', '', courseSection(course), '', bankText.text].join('\n'));
    targets.push([
      `bank parse growth per doubling ≤ ${TARGET.perDoubling}x (fitted)`,
      `${bankText.growth.toFixed(2)}x`,
      verdict(bankText.growth <= TARGET.perDoubling),
    ]);
    const biggest = banks[banks.length - 1]!;
    targets.push([
      'home count path does not parse bodies',
      `summary ${ms(biggest.summaryMs)} vs parse ${ms(biggest.parseMs)} (${biggest.questions.toLocaleString('en-US')} questions)`,
      verdict(biggest.summaryMs * 5 < biggest.parseMs),
    ]);

    // 3. Memory.
    say('memory…');
    const tenK = generatedBankRoot(temp, quick ? 1_000 : 10_000);
    const memory = memorySection(
      await benchMemory(temp, {
        what: `whole course + a generated bank of ${quick ? '1,000' : '10,000'} questions`,
        roots: [tenK.root.dir],
      }),
    );
    sections.push(memory.text);
    targets.push([
      'peak RSS, whole course loaded < 150 MB',
      mb(memory.peak),
      verdict(memory.peak < TARGET.memoryBytes),
    ]);

    // 4 and 5. Docker.
    if (!info.docker) skipped.push('Lab check round and `check --json`: no docker engine.');
    else {
      say('lab check round and check --json (real engine)…');
      try {
        createBenchObjects();
        const round = await benchCheckRound(quick ? 1 : Math.max(runs, 15));
        sections.push(checkRoundSection(round));
        targets.push([
          'check round docker processes (20 checks)',
          String(round.spawnsPerRound),
          verdict(round.spawnsPerRound <= 2),
        ]);
        if (distBuilt) {
          const command = await benchCheckCommand({
            labId: benchLab.id,
            pack,
            home,
            tempDir: temp,
            runs: quick ? 1 : Math.max(runs, 15),
          });
          sections.push(checkCommandSection(command));
        }
      } finally {
        removeBenchObjects();
      }
    }

    // 6. The reader, verbatim.
    if (quick) skipped.push('Lesson reader (bench/lesson-reader.tsx): not run in quick mode.');
    else {
      say('lesson reader…');
      const reader = spawnSync(
        process.execPath,
        ['--import', 'tsx', join(REPO, 'bench', 'lesson-reader.tsx')],
        { cwd: REPO, encoding: 'utf8', env: { ...process.env, NODE_ENV: 'production' } },
      );
      sections.push(
        [
          '## Lesson reader (bench/lesson-reader.tsx, in-process, ink-testing-library)',
          '',
          '```',
          (reader.stdout || reader.stderr).trim(),
          '```',
        ].join('\n'),
      );
    }
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }

  const out = [
    '# dockdrill benchmarks',
    '',
    `Written by \`npm run bench\` (bench/run-all.ts${quick ? ' --quick' : ''}). Medians over repeated runs;`,
    'every ratio compares figures measured in the same run.',
    '',
    '## Machine',
    '',
    ...info.lines,
    '',
    '## Targets',
    '',
    table(['target', 'measured', ''], targets),
    ...(skipped.length ? ['', ...skipped.map((s) => `- Skipped or note: ${s}`)] : []),
    '',
    ...sections.flatMap((s) => [s, '']),
  ].join('\n');
  writeFileSync(flags.out!, out);
  say(`wrote ${relative(process.cwd(), flags.out!) || flags.out}`);
  for (const row of targets) say(`${row[0]}: ${row[1]} (${row[2]!.replace(/\*/g, '')})`);
}

await main();
