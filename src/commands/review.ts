/** `dockdrill review`: the FSRS review of every card due now. */
import type { ParsedArgs } from '../cli/args.js';
import type { CommandContext } from '../cli/context.js';
import { NEEDS_TERMINAL } from './quiz-args.js';

export async function run(args: ParsedArgs, context: CommandContext): Promise<number> {
  if (args.positionals.length > 0) {
    context.stderr.write(
      `dockdrill review: it takes no arguments (got ${args.positionals.join(' ')}). Usage: dockdrill review\n`,
    );
    return 2;
  }
  if (!context.interactive) {
    context.stderr.write(`dockdrill review ${NEEDS_TERMINAL}`);
    return 2;
  }
  const { runApp } = await import('../ui/run-app.js');
  return runApp(context, { name: 'review' });
}
