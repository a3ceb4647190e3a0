/**
 * Content loading: the bundled course part by part, generated banks of growing size
 * (parse time, growth per doubling, and the home screen's count path beside it), and the
 * peak memory of a process that loads the whole course.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { listCourseLessons } from '../src/content/course-map.js';
import { summariseCourse } from '../src/content/course-summary.js';
import { labImages } from '../src/content/lab-images.js';
import type { ContentRoot } from '../src/content/paths.js';
import { parseAllLabs } from '../src/labs/catalog.js';
import { countQuestions, lintParsedBanks, listBanks, loadBank } from '../src/quiz/parse-bank.js';
import { REPO } from './first-frame.js';
import { generatedBankRoot } from './generated-bank.js';
import { median, timeRuns } from './stats.js';
import { loadAllLessons, parseAllBanks, renderAllLessons } from './whole-course.js';

export interface Timed {
  readonly what: string;
  readonly ms: number;
  readonly note?: string;
}

/** The bundled course, part by part (medians, warm: after one untimed run). */
export function benchCourse(root: ContentRoot, runs: number): Timed[] {
  const roots = [root];
  const t = (fn: () => unknown) => median(timeRuns(runs, fn));
  const banks = listBanks(root);
  const questions = parseAllBanks(roots).reduce((n, p) => n + p.bank.questions.length, 0);
  const counted = summariseCourse(roots).questions;
  return [
    { what: 'list lessons (front matter only)', ms: t(() => listCourseLessons(roots)) },
    { what: 'parse every lesson body (lexer, sections)', ms: t(() => loadAllLessons(roots)) },
    { what: 'render every lesson at 80 columns', ms: t(() => renderAllLessons(roots)) },
    {
      what: `parse every quiz bank (${banks.length} banks, ${questions} questions, with cross-bank lint)`,
      ms: t(() => lintParsedBanks(parseAllBanks(roots))),
    },
    { what: 'parse every lab', ms: t(() => parseAllLabs(roots)) },
    {
      what: 'home screen count path: summariseCourse (counts only)',
      ms: t(() => summariseCourse(roots).questions),
      note: `counts ${counted} questions; parsing finds ${questions}`,
    },
    {
      what: "the labs' images (YAML front matter, read by doctor only)",
      ms: t(() => labImages(roots)),
    },
  ];
}

export interface BankSize {
  readonly questions: number;
  readonly bytes: number;
  /** Read + parse, median ms. */
  readonly parseMs: number;
  /** Read + countQuestions (the count the home screen can use), median ms. */
  readonly countMs: number;
  /** summariseCourse on a root holding only this bank, median ms. */
  readonly summaryMs: number;
  readonly parsedQuestions: number;
  readonly countedQuestions: number;
  readonly problems: number;
}

/** Generated banks: parse vs count, per size. */
export function benchBanks(tempDir: string, sizes: readonly number[], runs: number): BankSize[] {
  return sizes.map((size) => {
    const { root, file } = generatedBankRoot(tempDir, size);
    // Big banks cost seconds to parse: fewer runs, but always a median of at least one.
    const parseRuns = size >= 50_000 ? Math.max(1, Math.ceil(runs / 3)) : runs;
    const parsed = loadBank(file);
    return {
      questions: size,
      bytes: readFileSync(file).length,
      parseMs: median(timeRuns(parseRuns, () => loadBank(file))),
      countMs: median(timeRuns(runs, () => countQuestions(readFileSync(file, 'utf8')))),
      summaryMs: median(timeRuns(runs, () => summariseCourse([root]))),
      parsedQuestions: parsed.bank.questions.length,
      countedQuestions: summariseCourse([root]).questions,
      problems: parsed.problems.length,
    };
  });
}

/** Cost growth per doubling between two sizes: (t2/t1)^(1/log2(n2/n1)); 2.0 is linear. */
export function perDoubling(t1: number, n1: number, t2: number, n2: number): number {
  return (t2 / t1) ** (1 / Math.log2(n2 / n1));
}

/**
 * Growth per doubling fitted over every size: 2^slope of the least-squares line through
 * (log n, log t). One noisy small size moves it far less than it moves a pairwise ratio.
 */
export function fittedPerDoubling(points: readonly { n: number; t: number }[]): number {
  if (points.length < 2) return Number.NaN;
  const xs = points.map((p) => Math.log2(p.n));
  const ys = points.map((p) => Math.log2(p.t));
  const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
  const mx = mean(xs);
  const my = mean(ys);
  const cov = xs.reduce((sum, x, i) => sum + (x - mx) * (ys[i]! - my), 0);
  const variance = xs.reduce((sum, x) => sum + (x - mx) ** 2, 0);
  return 2 ** (cov / variance);
}

export interface MemoryResult {
  readonly what: string;
  readonly course?: string;
  readonly maxRssBytes: number;
  readonly heapUsedBytes?: number;
}

/**
 * Peak RSS of a fresh process that loads the whole course (bundled with the app's esbuild
 * options and run with plain node), beside bare node's. `extraRoots` adds content roots
 * (a generated bank) for a second row.
 */
export async function benchMemory(
  tempDir: string,
  extra?: { what: string; roots: readonly string[] },
): Promise<MemoryResult[]> {
  const outfile = join(tempDir, 'load-course.mjs');
  await build({
    absWorkingDir: REPO,
    entryPoints: [join(REPO, 'bench', 'load-course-main.ts')],
    outfile,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    jsx: 'automatic',
    alias: { 'react-devtools-core': './scripts/devtools-stub.js' },
    define: { 'process.env.NODE_ENV': '"production"' },
    banner: {
      js: "import { createRequire as __ddCreateRequire } from 'node:module'; const require = __ddCreateRequire(import.meta.url);",
    },
    logLevel: 'warning',
  });
  const run = (args: readonly string[]) => {
    const result = spawnSync(process.execPath, ['--expose-gc', ...args], {
      encoding: 'utf8',
      maxBuffer: 16 * 1024 * 1024,
    });
    if (result.status !== 0) throw new Error(`memory child failed: ${result.stderr}`);
    return JSON.parse(result.stdout.trim().split('\n').pop()!) as {
      course?: string;
      maxRssBytes: number;
      heapUsedBytes?: number;
    };
  };
  const bare = run([
    '-e',
    'process.stdout.write(JSON.stringify({ maxRssBytes: process.resourceUsage().maxRSS * 1024 }))',
  ]);
  const rows: MemoryResult[] = [
    { what: 'bare node (`node -e`)', ...bare },
    { what: 'whole bundled course loaded', ...run([outfile, REPO]) },
  ];
  if (extra) rows.push({ what: extra.what, ...run([outfile, REPO, ...extra.roots]) });
  return rows;
}
