/**
 * Monkey tests in ink-testing-library: every screen gets a seeded random key sequence, then
 * Esc and q until it gets out. No crash, no React error, no Ink error overview, and the
 * screen asks to go back (or quit) within a few presses. The whole App gets the same, and
 * must exit. The course is the bundled lessons and banks with ONE lab, a fixture with unique
 * names (the bundled labs' fixed names would meet other tests on the shared engine).
 * '!' (a real shell in the lab workspace) is left out of the keys: it would wait for input.
 */
import { mkdirSync, readdirSync, rmSync, symlinkSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import type { ReactElement } from 'react';
import { useEffect } from 'react';
import { render } from 'ink-testing-library';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { bundledRoot, type ContentRoot } from '../../src/content/paths.js';
import { listLessons } from '../../src/content/lessons.js';
import { Docker } from '../../src/docker/index.js';
import { cleanup, planCleanup } from '../../src/labs/engine.js';
import { ProgressStore } from '../../src/progress/store.js';
import { App } from '../../src/ui/App.js';
import type { AppServices } from '../../src/ui/app-context.js';
import { Doctor } from '../../src/ui/screens/Doctor.js';
import { Exam } from '../../src/ui/screens/Exam.js';
import { Home } from '../../src/ui/screens/Home.js';
import { Lab } from '../../src/ui/screens/Lab.js';
import { Labs } from '../../src/ui/screens/Labs.js';
import { LessonReader } from '../../src/ui/screens/LessonReader.js';
import { Lessons } from '../../src/ui/screens/Lessons.js';
import { Progress } from '../../src/ui/screens/Progress.js';
import { Quiz } from '../../src/ui/screens/Quiz.js';
import { Review } from '../../src/ui/screens/Review.js';
import type { ScreenId } from '../../src/ui/screens.js';
import { engineStatus } from '../helpers/docker.js';
import { makeTempDir } from '../helpers/home.js';
import { makeFixtureLab, removeFixtureObjects, type FixtureLab } from '../helpers/lab-fixture.js';
import { makeServices, recordingNavigation, renderWith, tick } from '../ui/render-app.js';
import { pick, seededRandom } from './fault-helpers.js';

const SEED = Number(process.env.DOCKDRILL_MONKEY_SEED ?? 4242);
const KEYS_PER_SCREEN = 220;

const ESC = '\u001B';
const KEYS = [
  'q',
  ESC,
  '\r',
  '\r',
  ' ',
  '\t',
  '\u007F',
  '\u001B[A',
  '\u001B[B',
  '\u001B[C',
  '\u001B[D',
  '\u001B[A',
  '\u001B[B',
  '\u001B[5~',
  '\u001B[6~',
  'j',
  'k',
  'h',
  'l',
  'n',
  'p',
  'y',
  'y',
  'c',
  's',
  'a',
  'r',
  'w',
  't',
  'b',
  'g',
  'G',
  '/',
  '?',
  'o',
  'x',
  'f',
  'm',
  'e',
  'u',
  'v',
  '1',
  '2',
  '3',
  '4',
  '5',
  '0',
  '[',
  ']',
  '-',
  '+',
  'docker ',
  'é',
  '🐳',
];

/** The bundled lessons and banks (linked, not copied) plus one fixture lab, as one course. */
function monkeyCourse(fx: FixtureLab): ContentRoot {
  const bundled = bundledRoot().dir;
  const dir = makeTempDir('dockdrill-monkey-course-');
  mkdirSync(join(dir, 'lessons'));
  for (const name of readdirSync(join(bundled, 'lessons'))) {
    const lesson = join(bundled, 'lessons', name, 'lesson.md');
    if (!existsSync(lesson)) continue;
    mkdirSync(join(dir, 'lessons', name));
    symlinkSync(lesson, join(dir, 'lessons', name, 'lesson.md'));
  }
  symlinkSync(join(bundled, 'quizzes'), join(dir, 'quizzes'));
  symlinkSync(join(fx.dir, 'lessons', '01-fixture'), join(dir, 'lessons', '99-fixture'));
  return { dir, pack: '' };
}

/** Collects what React and Ink say went wrong while a screen runs. */
function watchErrors() {
  const errors: string[] = [];
  const spy = vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
    errors.push(args.map(String).join(' '));
  });
  return {
    errors,
    restore: () => spy.mockRestore(),
  };
}

function inkErrorIn(frames: readonly string[]): string | undefined {
  // Ink's error overview: " ERROR " and the message, then the stack, when a render throws.
  return frames.find((frame) => /\bERROR\b/.test(frame) && /\bat\b|\.tsx?:\d+/.test(frame));
}

async function monkey(
  stdin: { write: (data: string) => void },
  random: () => number,
  count: number,
  keys: readonly string[] = KEYS,
): Promise<string[]> {
  const sent: string[] = [];
  for (let i = 0; i < count; i++) {
    const key = pick(random, keys);
    sent.push(key);
    stdin.write(key);
    await tick(random() < 0.2 ? 40 : 6);
  }
  return sent;
}

const engine = engineStatus();
let fx: FixtureLab;
let course: ContentRoot;
const homes: string[] = [];

beforeAll(() => {
  fx = makeFixtureLab();
  course = monkeyCourse(fx);
});

afterAll(async () => {
  if (engine.ok) {
    const docker = new Docker();
    for (const home of homes) {
      const plan = await planCleanup(docker, { labId: fx.id, dataDir: home });
      await cleanup(docker, plan);
    }
    removeFixtureObjects(fx);
  }
  for (const home of homes) rmSync(home, { recursive: true, force: true });
  rmSync(course.dir, { recursive: true, force: true });
  rmSync(fx.dir, { recursive: true, force: true });
});

function services(): AppServices {
  const home = makeTempDir('dockdrill-monkey-home-');
  homes.push(home);
  return makeServices({
    home,
    store: new ProgressStore(home),
    roots: [course],
    // Without an engine the screens still run: docker calls fail with a clear message.
    docker: new Docker({ defaultTimeoutMs: 10_000 }),
  });
}

const ALL: ReadonlySet<ScreenId> = new Set<ScreenId>([
  'lessons',
  'lesson',
  'quiz',
  'review',
  'exam',
  'labs',
  'lab',
  'progress',
  'doctor',
]);

const SCREENS: { name: string; element: () => ReactElement; needsEngine?: boolean }[] = [
  { name: 'Home', element: () => <Home available={ALL} /> },
  { name: 'Lessons', element: () => <Lessons /> },
  {
    name: 'LessonReader',
    element: () => <LessonReader id={listLessons(course).lessons[1]!.id} canOpen={() => true} />,
  },
  {
    name: 'Quiz',
    element: () => <Quiz route={{ name: 'quiz', seed: 'monkey' }} canOpen={() => true} />,
  },
  { name: 'Review', element: () => <Review route={{ name: 'review' }} /> },
  {
    name: 'Exam',
    element: () => <Exam route={{ name: 'exam', questions: 4, minutes: 1, seed: 'monkey' }} />,
  },
  { name: 'Labs', element: () => <Labs /> },
  { name: 'Lab', element: () => <Lab id={fx.id} />, needsEngine: true },
  { name: 'Progress', element: () => <Progress /> },
  { name: 'Doctor', element: () => <Doctor /> },
];

describe(`monkey: every screen under random keys (seed ${SEED}; DOCKDRILL_MONKEY_SEED to change)`, () => {
  let watcher: ReturnType<typeof watchErrors> | undefined;
  afterEach(() => watcher?.restore());

  SCREENS.forEach((screen, index) => {
    const run =
      screen.needsEngine && !engine.ok && process.env.DOCKDRILL_REQUIRE_DOCKER !== '1'
        ? it.skip
        : it;
    run(`${screen.name}: no crash, then q/Esc gets out`, { timeout: 60_000 }, async () => {
      if (screen.needsEngine && !engine.ok) throw new Error(engine.reason);
      watcher = watchErrors();
      const nav = recordingNavigation();
      const view = renderWith(screen.element(), services(), nav);
      try {
        await tick(300); // first frame, async loads
        const random = seededRandom(SEED + index);
        // No '!' anywhere (a real shell); keys are chosen from the same list for every screen.
        const sent = await monkey(view.stdin, random, KEYS_PER_SCREEN);
        const context = `${screen.name}, seed ${SEED + index}, keys ${JSON.stringify(sent)}\nlast frame:\n${view.lastFrame()}`;
        expect(inkErrorIn(view.frames), context).toBeUndefined();
        expect(watcher.errors, context).toEqual([]);
        expect((view.lastFrame() ?? '').trim().length, context).toBeGreaterThan(0);

        // Esc and q, as a learner in a hurry presses them, until the screen asks to leave.
        const before = nav.backs + nav.quits;
        const exits: string[] = [];
        for (let i = 0; i < 12 && nav.backs + nav.quits === before; i++) {
          const key = i % 2 === 0 ? ESC : 'q';
          exits.push(key);
          view.stdin.write(key);
          await tick(250);
        }
        expect(
          nav.backs + nav.quits,
          `${context}\nafter ${JSON.stringify(exits)}:\n${view.lastFrame()}`,
        ).toBeGreaterThan(before);
        expect(watcher.errors, context).toEqual([]);
      } finally {
        view.unmount();
      }
    });
  });
});

/** Marks when Ink unmounts the tree: App's exit() does that. */
function Sentinel({ onUnmount, children }: { onUnmount: () => void; children: ReactElement }) {
  useEffect(() => onUnmount, [onUnmount]);
  return children;
}

describe('monkey: the whole App', () => {
  for (const round of [0, 1, 2]) {
    it(
      `round ${round}: random keys across screens, then Esc/q until the app exits`,
      { timeout: 90_000 },
      async () => {
        const watcher = watchErrors();
        let exited = false;
        const view = render(
          <Sentinel onUnmount={() => (exited = true)}>
            <App services={services()} />
          </Sentinel>,
        );
        try {
          await tick(300);
          const random = seededRandom(SEED * 7 + round);
          // No q/Esc in this part (q on Home quits at once), so the monkey gets deep into screens.
          const keys = KEYS.filter((k) => k !== 'q' && k !== ESC);
          const sent: string[] = [];
          for (let i = 0; i < 300 && !exited; i++) {
            sent.push(...(await monkey(view.stdin, random, 1, keys)));
          }
          const context = `round ${round}, keys ${JSON.stringify(sent)}\nlast frame:\n${view.lastFrame()}`;
          expect(inkErrorIn(view.frames), context).toBeUndefined();
          expect(watcher.errors, context).toEqual([]);
          const exits: string[] = [];
          for (let i = 0; i < 40 && !exited; i++) {
            const key = i % 3 === 2 ? 'q' : ESC;
            exits.push(key);
            view.stdin.write(key);
            await tick(250);
          }
          expect(
            exited,
            `${context}\nexit keys ${JSON.stringify(exits)}:\n${view.lastFrame()}`,
          ).toBe(true);
          expect(watcher.errors, context).toEqual([]);
        } finally {
          watcher.restore();
          view.unmount();
        }
      },
    );
  }
});
