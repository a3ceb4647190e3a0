/**
 * Child process for the memory benchmark (bundled by esbuild at bench time and run with
 * plain node, so no TypeScript loader is counted): loads the whole course of the content
 * roots given as arguments, keeps it alive, and prints its peak RSS as JSON.
 * Usage: node load-course.mjs <root-dir> [more-root-dirs...]
 */
import { describeCourse, loadWholeCourse } from './whole-course.js';

const roots = process.argv.slice(2).map((dir, i) => ({ dir, pack: i === 0 ? '' : `pack${i}` }));
const course = loadWholeCourse(roots);
// Collect what loading left behind, so the heap figure is what the course holds.
(globalThis as { gc?: () => void }).gc?.();
const usage = process.memoryUsage();
process.stdout.write(
  JSON.stringify({
    course: describeCourse(course),
    maxRssBytes: process.resourceUsage().maxRSS * 1024,
    rssBytes: usage.rss,
    heapUsedBytes: usage.heapUsed,
  }) + '\n',
);
