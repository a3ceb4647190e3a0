/**
 * `dockdrill exam [--questions 55] [--minutes 90] [--pass 70] [--seed S] [--domc]`: a timed
 * DCA-style paper. The same seed gives the same paper (questions and option order).
 */
import type { ParsedArgs } from '../cli/args.js';
import type { CommandContext } from '../cli/context.js';
import { checkNumberFlag, checkSeed, NEEDS_TERMINAL } from './quiz-args.js';

export async function run(args: ParsedArgs, context: CommandContext): Promise<number> {
  const fail = (message: string) => {
    context.stderr.write(`dockdrill exam: ${message}\n`);
    return 2;
  };
  if (args.positionals.length > 0)
    return fail(
      `it takes no arguments (got ${args.positionals.join(' ')}). Usage: dockdrill exam [--questions N] [--minutes M] [--pass P] [--seed S] [--domc]`,
    );
  const questions = checkNumberFlag(args.flags, 'questions');
  if (!questions.ok) return fail(questions.error);
  const minutes = checkNumberFlag(args.flags, 'minutes');
  if (!minutes.ok) return fail(minutes.error);
  const pass = checkNumberFlag(args.flags, 'pass');
  if (!pass.ok) return fail(pass.error);
  const seed = checkSeed(args.flags);
  if (!seed.ok) return fail(seed.error);
  if (!context.interactive) {
    context.stderr.write(`dockdrill exam ${NEEDS_TERMINAL}`);
    return 2;
  }
  const { runApp } = await import('../ui/run-app.js');
  return runApp(context, {
    name: 'exam',
    ...(questions.value !== undefined ? { questions: questions.value } : {}),
    ...(minutes.value !== undefined ? { minutes: minutes.value } : {}),
    ...(pass.value !== undefined ? { pass: pass.value } : {}),
    ...(seed.value !== undefined ? { seed: seed.value } : {}),
    ...(args.flags.domc ? { domc: true } : {}),
  });
}
