import type { ParsedArgs } from '../cli/args.js';
import { labImages } from '../content/lab-images.js';
import { Docker } from '../docker/index.js';
import { formatReport } from '../doctor/format-report.js';
import { runDoctor } from '../doctor/run-doctor.js';
import type { CommandContext } from '../cli/context.js';

/** Exit 0 when labs can run, 1 otherwise. */
export async function run(args: ParsedArgs, context: CommandContext): Promise<number> {
  const report = await runDoctor(new Docker(), { labImages: labImages(context.roots) });
  if (args.flags.json) context.stdout.write(JSON.stringify(report, null, 2) + '\n');
  else context.stdout.write(formatReport(report));
  return report.canRunLabs ? 0 : 1;
}
