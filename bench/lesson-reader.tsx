/**
 * Lesson reader benchmark (a script, not a timed test): `npx tsx bench/lesson-reader.tsx`.
 *
 * On a generated lesson of about 5,000 source lines it measures
 *   - time to first frame: mounting the reader until Ink has written a frame with the text
 *     (loading, lexing, rendering the whole lesson at 80 columns, drawing one window);
 *   - time per page-down frame: from the PgDn key on stdin to the next frame written
 *     (median and p95 over 50 presses), and the same at the end of the lesson;
 * and for the bundled course, the time to list all lessons (listLessons, and the course
 * map the Lessons screen builds) against just reading each lesson file's front matter.
 * Targets: page-down under 16 ms whatever the length; the list no dearer than the reads.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { render } from 'ink-testing-library';
import { courseMap } from '../src/content/course-map.js';
import { splitFrontMatter } from '../src/content/frontmatter.js';
import { listLessons } from '../src/content/lessons.js';
import { bundledRoot, type ContentRoot } from '../src/content/paths.js';
import { generatedCourse } from './generated-lesson.js';
import { Docker } from '../src/docker/index.js';
import { ProgressStore } from '../src/progress/store.js';
import { ServicesContext, type AppServices } from '../src/ui/app-context.js';
import { NavigationContext, type Navigation } from '../src/ui/navigation.js';
import { LessonReader } from '../src/ui/screens/LessonReader.js';

const PAGE_DOWNS = 50;
const PAGE_DOWN = '\u001B[6~';

function stats(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return { median: at(0.5), p95: at(0.95), max: sorted[sorted.length - 1]! };
}

const ms = (value: number) => `${value.toFixed(2)} ms`;

/** Resolves when a new frame has been written (polling between macrotasks). */
function nextFrame(frames: readonly string[], count: number, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const check = () => {
      if (frames.length > count) return resolve();
      if (Date.now() > deadline) return reject(new Error('no frame written'));
      setImmediate(check);
    };
    check();
  });
}

async function benchReader(root: ContentRoot) {
  const home = join(root.dir, 'home');
  const services: AppServices = {
    docker: new Docker(),
    roots: [root],
    summary: { lessons: 1, questions: 0, labs: 0 },
    store: new ProgressStore(home),
    home,
  };
  const navigation: Navigation = { open: () => {}, back: () => {}, quit: () => {} };
  const tree = (
    <ServicesContext.Provider value={services}>
      <NavigationContext.Provider value={navigation}>
        <LessonReader id="big-lesson" viewport={{ columns: 80, rows: 24 }} />
      </NavigationContext.Provider>
    </ServicesContext.Provider>
  );

  const started = performance.now();
  const startedCpu = process.cpuUsage();
  const view = render(tree);
  await nextFrame(view.frames, 0);
  const firstFrame = performance.now() - started;
  const usedCpu = process.cpuUsage(startedCpu);
  const firstFrameCpu = (usedCpu.user + usedCpu.system) / 1000;
  if (!view.lastFrame()?.includes('A generated 5,000-line lesson')) {
    throw new Error(`unexpected first frame:\n${view.lastFrame()}`);
  }
  // Let Ink bind its input handlers before typing.
  await new Promise((r) => setTimeout(r, 50));

  // Wall time from the key to the frame, and the CPU time the process spent on it (the
  // latter is what a frame costs; the wall time also counts waiting for a busy CPU).
  const cpu: number[] = [];
  const pageDown = async (): Promise<number> => {
    const count = view.frames.length;
    const t = performance.now();
    const c = process.cpuUsage();
    view.stdin.write(PAGE_DOWN);
    await nextFrame(view.frames, count);
    const used = process.cpuUsage(c);
    cpu.push((used.user + used.system) / 1000);
    return performance.now() - t;
  };
  const samples: number[] = [];
  for (let i = 0; i < PAGE_DOWNS; i++) samples.push(await pageDown());
  const pageCpu = [...cpu];
  // Deep in the lesson: go to the end, back up ten pages, and page down from there.
  const press = async (key: string) => {
    const count = view.frames.length;
    view.stdin.write(key);
    await nextFrame(view.frames, count);
  };
  await press('G');
  for (let i = 0; i < 10; i++) await press('\u001B[5~');
  const endSamples: number[] = [];
  for (let i = 0; i < 10; i++) endSamples.push(await pageDown());
  const percentAtEnd = /(\d+)%/.exec(view.lastFrame() ?? '')?.[1];
  const frameRows = (view.lastFrame() ?? '').split('\n').length;
  view.unmount();
  return { firstFrame, firstFrameCpu, samples, pageCpu, endSamples, frameRows, percentAtEnd };
}

function benchList(root: ContentRoot, runs = 50) {
  const dir = join(root.dir, 'lessons');
  const files = readdirSync(dir)
    .sort()
    .map((name) => join(dir, name, 'lesson.md'));
  const frontOnly = () => {
    for (const file of files) {
      try {
        splitFrontMatter(readFileSync(file, 'utf8'), file);
      } catch {
        /* a folder without lesson.md */
      }
    }
  };
  const time = (fn: () => unknown) => {
    fn(); // warm up
    const samples: number[] = [];
    for (let i = 0; i < runs; i++) {
      const t = performance.now();
      fn();
      samples.push(performance.now() - t);
    }
    return stats(samples);
  };
  return {
    count: files.length,
    frontMatter: time(frontOnly),
    listLessons: time(() => listLessons(root)),
    courseMap: time(() => courseMap([root])),
  };
}

const course = generatedCourse();
try {
  console.log(`generated lesson: ${course.sourceLines} source lines`);
  const reader = await benchReader(course.root);
  const page = stats(reader.samples);
  const deep = stats(reader.endSamples);
  console.log(`reader, 80x24 (${reader.frameRows} rows drawn, < 24)`);
  console.log(
    `  time to first frame      ${ms(reader.firstFrame)}  (CPU ${ms(reader.firstFrameCpu)})`,
  );
  console.log(
    `  page-down frame (x${PAGE_DOWNS})   median ${ms(page.median)}  p95 ${ms(page.p95)}  max ${ms(page.max)}`,
  );
  const pageCpu = stats(reader.pageCpu);
  console.log(
    `  page-down CPU per frame  median ${ms(pageCpu.median)}  p95 ${ms(pageCpu.p95)}  max ${ms(pageCpu.max)}`,
  );
  console.log(
    `  page-down from ${reader.percentAtEnd}% back  median ${ms(deep.median)}  p95 ${ms(deep.p95)}  max ${ms(deep.max)}`,
  );
  const list = benchList(bundledRoot());
  console.log(`bundled course: ${list.count} lessons (median of 50 runs)`);
  console.log(`  read + split front matter only   ${ms(list.frontMatter.median)}`);
  console.log(`  listLessons                      ${ms(list.listLessons.median)}`);
  console.log(`  courseMap (list + quizzes + labs) ${ms(list.courseMap.median)}`);
  console.log(
    `target page-down < 16 ms (median): ${page.median < 16 && deep.median < 16 ? 'met' : 'MISSED'}` +
      `; p95 ${page.p95 < 16 && deep.p95 < 16 ? 'met' : 'missed'}` +
      `; load average ${loadavg()[0]!.toFixed(1)} on ${cpus().length} CPUs`,
  );
  console.log(
    `target list <= front matter: ${list.listLessons.median <= list.frontMatter.median * 1.1 ? 'met' : 'MISSED'}`,
  );
  console.log(
    `React build: ${process.env.NODE_ENV === 'production' ? 'production' : 'development'}`,
  );
} finally {
  course.cleanup();
}
