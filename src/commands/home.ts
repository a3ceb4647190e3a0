import type { ParsedArgs } from '../cli/args.js';
import type { CommandContext } from '../cli/context.js';

export async function run(_args: ParsedArgs, context: CommandContext): Promise<number> {
  const { runApp } = await import('../ui/run-app.js');
  return runApp(context, { name: 'home' });
}
