/**
 * `dockdrill quiz [lesson|domain|tag] [--count N] [--seed S]`: a practice round. The filter
 * and numbers are checked first (exit 2 with what exists instead), then the screen opens.
 * Not marked interactive in the registry, so these checks also answer without a terminal.
 */
import type { ParsedArgs } from '../cli/args.js';
import { loadQuestions, resolveFilter, unknownFilterMessage } from '../quiz/load-questions.js';
import type { CommandContext } from '../cli/context.js';
import { checkNumberFlag, checkSeed, NEEDS_TERMINAL } from './quiz-args.js';

export async function run(args: ParsedArgs, context: CommandContext): Promise<number> {
  const fail = (message: string) => {
    context.stderr.write(`dockdrill quiz: ${message}\n`);
    return 2;
  };
  if (args.positionals.length > 1)
    return fail(
      `too many arguments (${args.positionals.join(' ')}). Usage: dockdrill quiz [lesson|domain|tag] [--count N] [--seed S]`,
    );
  const count = checkNumberFlag(args.flags, 'count');
  if (!count.ok) return fail(count.error);
  const seed = checkSeed(args.flags);
  if (!seed.ok) return fail(seed.error);
  const filter = args.positionals[0];
  if (filter !== undefined) {
    const catalog = loadQuestions(context.roots);
    if (!resolveFilter(catalog, filter))
      return fail(unknownFilterMessage(catalog, filter).trimEnd());
  }
  if (!context.interactive) {
    context.stderr.write(`dockdrill quiz ${NEEDS_TERMINAL}`);
    return 2;
  }
  const { runApp } = await import('../ui/run-app.js');
  return runApp(context, {
    name: 'quiz',
    ...(filter !== undefined ? { filter } : {}),
    ...(count.value !== undefined ? { count: count.value } : {}),
    ...(seed.value !== undefined ? { seed: seed.value } : {}),
  });
}
