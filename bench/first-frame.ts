/**
 * Time to first frame in an 80x24 pseudo-terminal: dockdrill's home screen and deep links
 * (`lesson <id>`, `quiz`, `lab <id>`) against three baselines measured in the same run:
 * `node -e ""` (Node's own start-up), a bare Ink "hello" app run from node_modules, and
 * the same hello bundled into one file by esbuild with the options of scripts/build.mjs.
 */
import { symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { firstFrames, terminalEnv, type PtyCase, type PtySamples } from './pty.js';

export const REPO = join(import.meta.dirname, '..');
export const CLI = join(REPO, 'dist', 'cli.js');

const HELLO_TEXT = 'ink hello ready';

/** A bare Ink app: one line of text, q quits (like any Ink app that takes keys). */
const HELLO_SOURCE = `import { render, Text, useApp, useInput } from 'ink';
import { createElement } from 'react';
function Hello() {
  const { exit } = useApp();
  useInput((input) => { if (input === 'q') exit(); });
  return createElement(Text, null, '${HELLO_TEXT}');
}
render(createElement(Hello));
`;

export interface HelloApps {
  /** Resolves ink and react from the repo's node_modules (through a symlink). */
  readonly unbundled: string;
  /** One file, esbuild, react-devtools-core stubbed, NODE_ENV=production. */
  readonly bundled: string;
}

/** Writes both hello apps into `dir` (a temp folder). */
export async function makeHelloApps(dir: string): Promise<HelloApps> {
  const unbundled = join(dir, 'hello.mjs');
  writeFileSync(unbundled, HELLO_SOURCE);
  symlinkSync(join(REPO, 'node_modules'), join(dir, 'node_modules'), 'dir');
  const bundled = join(dir, 'hello.bundle.mjs');
  // The same options as scripts/build.mjs, so the only difference is the app itself.
  await build({
    absWorkingDir: REPO,
    entryPoints: [unbundled],
    outfile: bundled,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    legalComments: 'none',
    alias: { 'react-devtools-core': './scripts/devtools-stub.js' },
    define: { 'process.env.NODE_ENV': '"production"' },
    banner: {
      js: "import { createRequire as __ddCreateRequire } from 'node:module'; const require = __ddCreateRequire(import.meta.url);",
    },
    logLevel: 'warning',
  });
  return { unbundled, bundled };
}

export interface DeepLinks {
  /** A lesson id and a text of its first frame (its key hints). */
  readonly lesson: string;
  /** The id of the generated bench lab (in a course pack) and the pack's folder. */
  readonly lab?: { readonly id: string; readonly title: string; readonly pack: string };
}

export interface FirstFrameOptions {
  readonly runs: number;
  readonly tempDir: string;
  /** DOCKDRILL_HOME for every dockdrill run (shared, like a learner's). */
  readonly home: string;
  readonly links: DeepLinks;
}

export const CASES = {
  node: 'node -e ""',
  helloUnbundled: 'Ink hello, from node_modules',
  helloBundled: 'Ink hello, bundled (esbuild)',
  home: 'dockdrill (home screen)',
  lesson: 'dockdrill lesson <id>',
  quiz: 'dockdrill quiz',
  lab: 'dockdrill lab <id>',
} as const;

export async function benchFirstFrames(
  helper: string,
  options: FirstFrameOptions,
): Promise<PtySamples[]> {
  const hello = await makeHelloApps(options.tempDir);
  const env = terminalEnv({ DOCKDRILL_HOME: options.home });
  const node = process.execPath;
  const cases: PtyCase[] = [
    { name: CASES.node, argv: [node, '-e', ''], env },
    { name: CASES.helloUnbundled, argv: [node, hello.unbundled], marker: HELLO_TEXT, env },
    { name: CASES.helloBundled, argv: [node, hello.bundled], marker: HELLO_TEXT, env },
    // The key hints are the frame's last line: the whole frame is on the screen.
    { name: CASES.home, argv: [node, CLI], marker: 'q/esc quit', env },
    {
      name: CASES.lesson,
      argv: [node, CLI, 'lesson', options.links.lesson],
      marker: 't contents',
      env,
    },
    { name: CASES.quiz, argv: [node, CLI, 'quiz'], marker: 'enter start', env },
  ];
  const lab = options.links.lab;
  if (lab) {
    // The lab screen's header; checking images and setup (docker) come after it.
    cases.push({
      name: CASES.lab,
      argv: [node, CLI, 'lab', lab.id, '--content', lab.pack],
      marker: `Lab: ${lab.title}`,
      env,
    });
  }
  return firstFrames(helper, cases, options.runs);
}
