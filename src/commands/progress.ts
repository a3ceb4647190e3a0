/**
 * `dockdrill progress`: the Progress screen, or headless: `--json`, `export [file]`,
 * `import <file>`, `reset [--lesson id | --lab id | --all] [--yes]`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline/promises';
import type { ParsedArgs } from '../cli/args.js';
import { courseOutline } from '../course/outline.js';
import { formatSummary } from '../progress/format-summary.js';
import { mergeProgress } from '../progress/merge.js';
import { migrate } from '../progress/migrations.js';
import { openStore } from '../progress/open-store.js';
import { progressSchema } from '../progress/schema.js';
import { summarise } from '../progress/summary.js';
import type { CommandContext } from '../cli/context.js';
import { cleanDeep } from '../terminal/sanitize.js';

export async function run(args: ParsedArgs, context: CommandContext): Promise<number> {
  const [sub, target] = args.positionals;
  const { store } = openStore(context);
  if (store.notice) context.stderr.write(`dockdrill: ${store.notice.message}\n`);

  switch (sub) {
    case undefined: {
      if (!args.flags.json && context.interactive) {
        const { runApp } = await import('../ui/run-app.js');
        return runApp(context, { name: 'progress' });
      }
      const summary = summarise(courseOutline(context.roots), store.read());
      context.stdout.write(
        args.flags.json
          ? JSON.stringify(summary, null, 2) + '\n'
          : formatSummary(summary).join('\n') + '\n',
      );
      return 0;
    }
    case 'export': {
      const text = JSON.stringify(store.read(), null, 2) + '\n';
      if (target) {
        writeFileSync(target, text);
        context.stderr.write(`progress exported to ${target}\n`);
      } else context.stdout.write(text);
      return 0;
    }
    case 'import': {
      if (!target)
        return usage(context, 'progress import needs a file: dockdrill progress import <file>');
      let incoming;
      try {
        incoming = progressSchema.parse(
          migrate(cleanDeep(JSON.parse(readFileSync(target, 'utf8'))) as Record<string, unknown>),
        );
      } catch (error) {
        context.stderr.write(
          `dockdrill: cannot import ${target}: ${(error as Error).message.split('\n')[0]}\n`,
        );
        return 1;
      }
      store.update((progress) => Object.assign(progress, mergeProgress(progress, incoming)));
      context.stderr.write(`progress from ${target} merged (newest wins per item)\n`);
      return 0;
    }
    case 'reset':
      return reset(args, context, store);
    default:
      return usage(context, `unknown progress subcommand "${sub}": use export, import or reset`);
  }
}

async function reset(
  args: ParsedArgs,
  context: CommandContext,
  store: ReturnType<typeof openStore>['store'],
): Promise<number> {
  const lesson = args.flags.lesson as string | undefined;
  const lab = args.flags.lab as string | undefined;
  if (!lesson && !lab && !args.flags.all)
    return usage(context, 'progress reset needs --lesson ID, --lab ID or --all');
  const what = args.flags.all
    ? 'ALL your progress'
    : lesson
      ? `your progress in lesson "${lesson}"`
      : `your results in lab "${lab}"`;
  if (!args.flags.yes) {
    if (!context.interactive)
      return usage(context, `refusing to reset ${what} without confirmation: add --yes`);
    const prompt = createInterface({ input: process.stdin, output: process.stdout });
    const answer = await prompt.question(`Reset ${what}? This cannot be undone. [y/N] `);
    prompt.close();
    if (!/^y(es)?$/i.test(answer.trim())) {
      context.stdout.write('Nothing was reset.\n');
      return 0;
    }
  }
  store.update((progress) => {
    if (args.flags.all)
      Object.assign(progress, { lessons: {}, questions: {}, labs: {}, exams: [], days: {} });
    if (lab) delete progress.labs[lab];
    if (lesson) {
      delete progress.lessons[lesson];
      const ids = new Set(
        courseOutline(context.roots)
          .questions.filter((q) => q.lesson === lesson)
          .map((q) => q.id),
      );
      for (const id of ids) delete progress.questions[id];
    }
  });
  context.stdout.write(`Reset ${what}.\n`);
  return 0;
}

function usage(context: CommandContext, message: string): number {
  context.stderr.write(`dockdrill: ${message}\n`);
  return 2;
}
