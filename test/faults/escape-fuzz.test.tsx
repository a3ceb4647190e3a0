/**
 * Nothing untrusted drives the terminal: course packs written with escape sequences
 * (raw, YAML-escaped and as HTML entities, spread by a fixed list of seeds) go through
 * every screen that shows pack content and through the headless commands, and nothing but
 * dockdrill's own styling sequences may come out. A failure names its seed.
 */
import { rmSync } from 'node:fs';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundledRoot, packRoot } from '../../src/content/paths.js';
import { ProgressStore } from '../../src/progress/store.js';
import { Lab } from '../../src/ui/screens/Lab.js';
import { Labs } from '../../src/ui/screens/Labs.js';
import { LessonReader } from '../../src/ui/screens/LessonReader.js';
import { Lessons } from '../../src/ui/screens/Lessons.js';
import { Quiz } from '../../src/ui/screens/Quiz.js';
import { runCli } from '../helpers/cli.js';
import { makeTempDir } from '../helpers/home.js';
import { FOREIGN, HOSTILE, writeHostilePack } from '../helpers/hostile-strings.js';
import { makeServices, recordingNavigation, renderWith, tick } from '../ui/render-app.js';

const SEEDS = [1, 2, 3, 4247, 90210];

/** The first foreign sequence in `text`, shown escaped, or undefined. */
function foreign(text: string): string | undefined {
  const match = FOREIGN.exec(text);
  return match
    ? JSON.stringify(text.slice(Math.max(0, match.index - 20), match.index + 20))
    : undefined;
}

describe.each(SEEDS)('escape-laden pack, seed %i', (seed) => {
  it('every screen that shows it draws no foreign sequence', async () => {
    const root = makeTempDir('dockdrill-escfuzz-');
    const pack = writeHostilePack(root, seed);
    const home = makeTempDir('dockdrill-escfuzz-home-');
    const services = makeServices({
      home,
      store: new ProgressStore(home),
      roots: [bundledRoot(), packRoot(pack)],
    });
    const screens = [
      ['Lessons', <Lessons viewport={{ columns: 80, rows: 24 }} />, ['j', 'j', 'G']],
      [
        'LessonReader',
        <LessonReader id="esc-pack/escapes" viewport={{ columns: 80, rows: 24 }} />,
        ['t', '\u001b', 'G', '/', 'x', '\r'],
      ],
      [
        'Quiz',
        <Quiz route={{ name: 'quiz', filter: 'esc-pack/escapes', seed: String(seed) }} />,
        ['1', '\r', 'h', '\r', 'docker ps', '\r'],
      ],
      ['Labs', <Labs />, ['j', 'j']],
      ['Lab (approval)', <Lab id="esc-pack/esc-lab" />, ['j', ' ', 'k']],
    ] as const;
    for (const [name, element, keys] of screens) {
      const view = renderWith(element, services, recordingNavigation());
      await tick(150);
      for (const key of keys) {
        view.stdin.write(key);
        await tick(60);
      }
      for (const frame of view.frames)
        expect(foreign(frame), `seed ${seed}, ${name}: ${frame.slice(0, 200)}`).toBeUndefined();
      expect(view.frames.length, `${name} drew nothing`).toBeGreaterThan(0);
      view.unmount();
    }
    rmSync(root, { recursive: true, force: true });
    rmSync(home, { recursive: true, force: true });
  }, 60_000);

  it('headless commands print no foreign sequence', () => {
    const root = makeTempDir('dockdrill-escfuzz-');
    const pack = writeHostilePack(root, seed);
    const env = { ...process.env, DOCKDRILL_HOME: makeTempDir('dockdrill-escfuzz-home-') };
    // A hostile report and progress file, as a classmate or an old machine could hand in.
    const hostile = HOSTILE[seed % HOSTILE.length]!;
    const report = join(root, 'report.json');
    writeFileSync(
      report,
      JSON.stringify({
        format: 'dockdrill-report-1',
        student: `ana${hostile}`,
        generatedAt: '2026-01-01T00:00:00.000Z',
        summary: {},
        exams: [],
        answers: [{ id: `q${hostile}`, attempts: 1, lastCorrect: false, lastAnswer: hostile }],
        labs: [
          {
            id: `lab${hostile}`,
            title: hostile,
            tasks: [{ id: 't', passed: false, solvedWithHelp: false, failures: [hostile] }],
          },
        ],
      }),
    );
    const runs = [
      ['lesson', 'esc-pack/escapes', '--print', '--content', pack],
      ['lint', pack],
      ['lint', '--json', pack],
      ['report', 'merge', report, report],
      ['report', 'merge', '--format', 'json', report],
      [`no-such-command${hostile}`],
      ['lesson', `missing${hostile}`, '--print'],
      ['check', `esc-pack/esc-lab${hostile}`, '--content', pack],
    ];
    for (const argv of runs) {
      const r = runCli(argv, env);
      const out = `${r.stdout}${r.stderr}`;
      expect(foreign(out), `seed ${seed}: dockdrill ${argv.join(' ')}`).toBeUndefined();
      expect(out.length, `dockdrill ${argv.join(' ')} printed nothing`).toBeGreaterThan(0);
    }
    rmSync(root, { recursive: true, force: true });
  }, 120_000);
});
