/**
 * Every command dockdrill knows, as metadata only: the code of a command is imported when
 * it runs, so `--help` and the home screen never pay for modules they do not use.
 */
import type { FlagSpecs, ParsedArgs } from '../cli/args.js';
import type { CommandContext } from './context.js';

export interface CommandModule {
  run(args: ParsedArgs, context: CommandContext): Promise<number>;
}

export interface CommandSpec {
  readonly name: string;
  /** Arguments shown in usage, e.g. "[id]". */
  readonly params?: string;
  readonly summary: string;
  readonly flags: FlagSpecs;
  /** Needs a terminal (Ink) unless one of `headlessFlags` is given. */
  readonly interactive: boolean;
  readonly headlessFlags?: readonly string[];
  readonly load: () => Promise<CommandModule>;
}

export const COMMANDS: readonly CommandSpec[] = [
  {
    name: 'home',
    summary: 'open the home menu (the default when no command is given)',
    flags: {},
    interactive: true,
    load: () => import('./home.js'),
  },
  {
    name: 'lint',
    params: '[dir]',
    summary: 'check lessons, quiz banks and labs for mistakes, each at file:line',
    flags: {
      json: { type: 'boolean', description: 'print the problems as JSON' },
      verify: {
        type: 'boolean',
        description: "also run every question's Verify probe on the local engine",
      },
    },
    interactive: false,
    load: () => import('./lint.js'),
  },
  {
    name: 'progress',
    params: '[export [file] | import <file> | reset]',
    summary: 'where you stand: completion, lessons, domains, review, exams; export, import, reset',
    flags: {
      json: { type: 'boolean', description: 'print the figures as JSON' },
      lesson: {
        type: 'string',
        valueName: 'ID',
        description: 'reset: only this lesson (and its questions)',
      },
      lab: { type: 'string', valueName: 'ID', description: 'reset: only this lab' },
      all: { type: 'boolean', description: 'reset: everything' },
      yes: { type: 'boolean', short: 'y', description: 'reset: do not ask for confirmation' },
    },
    // The screen needs a terminal; the subcommands and --json do not (progress.ts decides).
    interactive: false,
    load: () => import('./progress.js'),
  },
  {
    name: 'doctor',
    summary: 'check the docker CLI, daemon, permissions, builder and lab images',
    flags: { json: { type: 'boolean', description: 'print the report as JSON' } },
    interactive: false,
    load: () => import('./doctor.js'),
  },
];

export function findCommand(name: string): CommandSpec | undefined {
  return COMMANDS.find((command) => command.name === name);
}
