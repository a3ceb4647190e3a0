/**
 * `dockdrill lesson [id] [--print] [--width N]`: the course map without an id, the reader
 * with one (`id#section` opens at a section), or the rendered lesson written to stdout
 * with --print (ANSI on a colour terminal, plain text otherwise), for pipes and graders.
 */
import type { ParsedArgs } from '../cli/args.js';
import { listCourseLessons } from '../content/course-map.js';
import { loadLesson } from '../content/lessons.js';
import { formatProblem } from '../content/problems.js';
import { renderLesson } from '../ui/reader/lesson-doc.js';
import {
  renderMarkdown,
  toAnsi,
  toPlainText,
  type RenderedDoc,
} from '../ui/markdown/render-lines.js';
import { documentStyle } from '../ui/reader/terminal.js';
import type { CommandContext } from '../cli/context.js';

const MIN_WIDTH = 20;
const DEFAULT_WIDTH = 80;

/** Exit 0 when shown or printed, 1 for a broken lesson, 2 for a usage error or unknown id. */
export async function run(args: ParsedArgs, context: CommandContext): Promise<number> {
  const { stderr } = context;
  const print = Boolean(args.flags.print);
  if (args.positionals.length > 1) {
    stderr.write(
      'dockdrill lesson: give one lesson id. Run `dockdrill lesson --help` for usage.\n',
    );
    return 2;
  }
  const ref = args.positionals[0];
  if (ref === undefined) {
    if (print) {
      stderr.write(
        'dockdrill lesson: --print needs a lesson id, e.g. `dockdrill lesson restart-policies --print`.\n',
      );
      return 2;
    }
    const { runApp } = await import('../ui/run-app.js');
    return runApp(context, { name: 'lessons' });
  }

  const hash = ref.indexOf('#');
  const id = hash === -1 ? ref : ref.slice(0, hash);
  const section = hash === -1 ? undefined : ref.slice(hash + 1);
  const index = listCourseLessons(context.roots);
  const meta = index.lessons.find((lesson) => lesson.id === id);
  if (!meta) {
    const ids = index.lessons.filter((lesson) => !lesson.broken).map((lesson) => lesson.id);
    stderr.write(
      `dockdrill lesson: no lesson "${id}".\n` +
        (ids.length ? `Lessons: ${ids.join(', ')}\n` : 'This course has no lessons.\n'),
    );
    return 2;
  }
  if (meta.broken?.length) {
    stderr.write(
      `dockdrill lesson: lesson "${id}" is broken:\n${meta.broken.map(formatProblem).join('\n')}\n`,
    );
    return 1;
  }
  const lesson = loadLesson(meta);
  if (section !== undefined && !lesson.sections.some((s) => s.slug === section)) {
    stderr.write(
      `dockdrill lesson: lesson "${id}" has no section "${section}".\nSections: ${lesson.sections.map((s) => s.slug).join(', ')}\n`,
    );
    return 2;
  }

  if (!print) {
    const { runApp } = await import('../ui/run-app.js');
    return runApp(context, { name: 'lesson', id, ...(section ? { section } : {}) });
  }

  const requested = args.flags.width;
  if (
    requested !== undefined &&
    (typeof requested !== 'number' || !Number.isInteger(requested) || requested < MIN_WIDTH)
  ) {
    stderr.write(`dockdrill lesson: --width needs a whole number of at least ${MIN_WIDTH}.\n`);
    return 2;
  }
  const width =
    (requested as number | undefined) ??
    (process.stdout.isTTY ? process.stdout.columns : undefined) ??
    DEFAULT_WIDTH;
  // context.color is false for NO_COLOR and for a pipe: plain text then, escapes otherwise.
  const style = context.color
    ? documentStyle(context.env, true)
    : { color: false, hyperlinks: false };
  // The reader shows the title in its header; a printed lesson starts with it instead.
  const title = renderMarkdown(`# ${escapeMarkdown(meta.title)}`, { width, ...style });
  const text = (doc: RenderedDoc) => (context.color ? toAnsi(doc) : toPlainText(doc));
  const body = renderLesson(lesson, index, width, style);
  context.stdout.write(`${text(title)}\n\n${text(body)}\n`);
  return 0;
}

/** A title as literal text: no emphasis or links made out of its punctuation. */
function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]<>#|~]/g, '\\$&');
}
