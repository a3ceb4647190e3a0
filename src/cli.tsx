#!/usr/bin/env node
/**
 * dockdrill's entry point: parse argv, pick a command, and run it. Command modules are
 * imported only when chosen, so help, version and headless commands start fast.
 */
import { resolve } from 'node:path';
import { parseFlags, UsageError } from './cli/args.js';
import { commandHelp, mainHelp } from './commands/help.js';
import { packageVersion } from './cli/version.js';
import type { CommandContext } from './cli/context.js';
import { COMMANDS, findCommand } from './commands/registry.js';
import { bundledRoot, packProblem, packRoot, type ContentRoot } from './content/paths.js';
import { profileNameProblem } from './progress/home.js';
import { cleanLine, installTerminalGuard } from './terminal/sanitize.js';

export async function main(
  argv: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  const stdout = { write: (text: string) => void process.stdout.write(text) };
  const stderr = { write: (text: string) => void process.stderr.write(text) };
  const first = argv[0];
  const named = first !== undefined && !first.startsWith('-') ? findCommand(first) : undefined;
  if (first !== undefined && !first.startsWith('-') && !named) {
    stderr.write(
      `dockdrill: unknown command "${cleanLine(first)}". Commands: ${COMMANDS.map((c) => c.name).join(', ')}.\nRun \`dockdrill --help\` for usage.\n`,
    );
    return 2;
  }
  const command = named ?? findCommand('home')!;
  const rest = named ? argv.slice(1) : argv;

  let args;
  try {
    args = parseFlags(rest, command.flags, named ? `"dockdrill ${command.name}"` : 'dockdrill');
  } catch (error) {
    if (error instanceof UsageError) {
      stderr.write(
        `dockdrill: ${error.message}\nRun \`dockdrill ${named ? command.name + ' ' : ''}--help\` for usage.\n`,
      );
      return 2;
    }
    throw error;
  }
  if (args.flags.version) {
    stdout.write(`${packageVersion()}\n`);
    return 0;
  }
  if (args.flags.help) {
    stdout.write(named ? commandHelp(command) : mainHelp(packageVersion()));
    return 0;
  }

  const profileProblem =
    typeof args.flags.profile === 'string' ? profileNameProblem(args.flags.profile) : undefined;
  if (profileProblem) {
    stderr.write(`dockdrill: ${profileProblem}\n`);
    return 2;
  }

  const interactive = Boolean(process.stdin.isTTY && process.stdout.isTTY);
  const headless = command.headlessFlags?.some((flag) => args.flags[flag]) ?? false;
  if (command.interactive && !headless && !interactive) {
    stderr.write(
      `dockdrill${named ? ' ' + command.name : ''} is interactive and needs a terminal (stdin and stdout must be a TTY).\n` +
        'Run it in a terminal, or use a headless command such as `dockdrill doctor --json`. See `dockdrill --help`.\n',
    );
    return 2;
  }

  // A pack is named after its folder; its ids are namespaced as `<pack>/<id>` by the loaders.
  const roots: ContentRoot[] = [bundledRoot()];
  const pack = (args.flags.content as string | undefined) ?? env.DOCKDRILL_CONTENT;
  if (pack && resolve(pack) !== roots[0]!.dir) {
    const problem = packProblem(pack);
    if (problem) {
      stderr.write(`dockdrill: --content: ${problem}\n`);
      return 2;
    }
    roots.push(packRoot(pack));
  }

  const context: CommandContext = {
    stdout,
    stderr,
    interactive,
    roots,
    env,
    color: !('NO_COLOR' in env) && Boolean(process.stdout.isTTY),
    profile: args.flags.profile as string | undefined,
  };
  const module = await command.load();
  return module.run(args, context);
}

// Every byte dockdrill writes passes the terminal guard: only its own styling and cursor
// sequences reach the terminal, whatever a lesson, a pack or docker put in a string.
installTerminalGuard(process.stdout);
installTerminalGuard(process.stderr);

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(
      `dockdrill: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exitCode = 1;
  },
);
