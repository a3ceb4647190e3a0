/**
 * Nothing untrusted drives the terminal: course packs written with escape sequences
 * (raw, YAML-escaped and as HTML entities, spread by a fixed list of seeds) go through
 * every screen that shows pack content and through the headless commands, and nothing but
 * dockdrill's own styling sequences may come out. A failure names its seed.
 */
import { cpSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundledRoot, packRoot } from '../../src/content/paths.js';
import { ProgressStore } from '../../src/progress/store.js';
import { recordAnswer } from '../../src/progress/records.js';
import { Rating, serializeCard } from '../../src/quiz/scheduler.js';
import { nextCard } from '../../src/quiz/study-record.js';
import type { ScreenId } from '../../src/ui/screens.js';
import { Exam } from '../../src/ui/screens/Exam.js';
import { Home } from '../../src/ui/screens/Home.js';
import { Lab } from '../../src/ui/screens/Lab.js';
import { Labs } from '../../src/ui/screens/Labs.js';
import { LessonReader } from '../../src/ui/screens/LessonReader.js';
import { Lessons } from '../../src/ui/screens/Lessons.js';
import { Progress } from '../../src/ui/screens/Progress.js';
import { Quiz } from '../../src/ui/screens/Quiz.js';
import { Review } from '../../src/ui/screens/Review.js';
import { runCli } from '../helpers/cli.js';
import { makeTempDir } from '../helpers/home.js';
import { HOSTILE_PACKS } from '../helpers/hostile-packs.js';
import { FOREIGN, HOSTILE, writeHostilePack } from '../helpers/hostile-strings.js';
import { makeServices, recordingNavigation, renderWith, tick } from '../ui/render-app.js';

/** The committed fixture (test/fixtures/hostile-packs/escapes, seed 1) and more seeds. */
const CASES = ['fixture', 2, 3, 4247, 90210] as const;

/** The case's pack, as a folder named esc-pack (so its ids are esc-pack/...). */
function packFor(root: string, seed: (typeof CASES)[number]): string {
  if (seed !== 'fixture') return writeHostilePack(root, seed);
  const dir = join(root, 'esc-pack');
  cpSync(join(HOSTILE_PACKS, 'escapes'), dir, { recursive: true });
  return dir;
}

/** The first foreign sequence in `text`, shown escaped, or undefined. */
function foreign(text: string): string | undefined {
  const match = FOREIGN.exec(text);
  return match
    ? JSON.stringify(text.slice(Math.max(0, match.index - 20), match.index + 20))
    : undefined;
}

describe.each(CASES)('escape-laden pack, seed %s', (seed) => {
  it('every screen that shows it draws no foreign sequence', async () => {
    const root = makeTempDir('dockdrill-escfuzz-');
    const pack = packFor(root, seed);
    const home = makeTempDir('dockdrill-escfuzz-home-');
    const services = makeServices({
      home,
      store: new ProgressStore(home),
      roots: [bundledRoot(), packRoot(pack)],
    });
    // Progress on the pack: its questions due for review, its lesson read, its lab tried.
    const long = new Date(Date.now() - 10 * 86_400_000);
    for (const questionId of ['esc-pack/esc-single', 'esc-pack/esc-command'])
      recordAnswer(
        services.store,
        {
          questionId,
          correct: false,
          card: serializeCard(nextCard(undefined, Rating.Again, long)) as unknown as Record<
            string,
            unknown
          >,
        },
        long,
      );
    // The exam sees only the pack, so its questions are the ones drawn.
    const packOnly = makeServices({ home, store: services.store, roots: [packRoot(pack)] });
    const screens = [
      [
        'Home',
        <Home
          available={
            new Set<ScreenId>([
              'lessons',
              'quiz',
              'review',
              'labs',
              'lab',
              'exam',
              'progress',
              'doctor',
            ])
          }
        />,
        ['j'],
      ],
      ['Progress', <Progress />, ['j', 'j']],
      ['Review', <Review />, ['1', '\r', '\r']],
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
      [
        'Exam',
        <Exam route={{ name: 'exam', questions: 2, minutes: 5, seed: String(seed) }} />,
        ['\r', '1', '\r', 'docker ps', '\r', 'f', 'y'],
      ],
    ] as const;
    for (const [name, element, keys] of screens) {
      const view = renderWith(
        element,
        name === 'Exam' ? packOnly : services,
        recordingNavigation(),
      );
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
    const pack = packFor(root, seed);
    const env = { ...process.env, DOCKDRILL_HOME: makeTempDir('dockdrill-escfuzz-home-') };
    // A hostile report and progress file, as a classmate or an old machine could hand in.
    const hostile = HOSTILE[(seed === 'fixture' ? 1 : seed) % HOSTILE.length]!;
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
    // A progress file from elsewhere, with hostile ids and answers.
    const progressFile = join(root, 'progress.json');
    writeFileSync(
      progressFile,
      JSON.stringify({
        version: 1,
        lessons: { [`l${hostile}`]: { readAt: '2026-01-01T00:00:00.000Z' } },
        questions: {
          [`esc-pack/esc-single`]: {
            attempts: 1,
            correct: 0,
            lastCorrect: false,
            lastAt: '2026-01-01T00:00:00.000Z',
            lastAnswer: hostile,
          },
        },
        labs: {},
        exams: [],
        days: {},
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
      ['check', 'esc-pack/esc-lab', '--junit', '--trust-pack', '--content', pack],
      ['check', 'esc-pack/esc-lab', '--trust-pack', '--content', pack],
      ['progress', 'import', progressFile],
      ['progress', '--content', pack],
      ['progress', '--json', '--content', pack],
      ['report', '--format', 'md', '--content', pack],
      ['report', '--format', 'junit', '--content', pack],
      ['doctor'],
      ['lesson', '--help'],
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
