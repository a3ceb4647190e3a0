/**
 * Every command dockdrill knows, as metadata only: the code of a command is imported when
 * it runs, so `--help` and the home screen never pay for modules they do not use.
 */
import type { FlagSpecs, ParsedArgs } from '../cli/args.js';
import type { CommandContext } from '../cli/context.js';

export interface CommandModule {
  run(args: ParsedArgs, context: CommandContext): Promise<number>;
}

export interface CommandSpec {
  readonly name: string;
  /** Arguments shown in usage, e.g. "[id]". */
  readonly params?: string;
  readonly summary: string;
  /** Extra paragraphs for `dockdrill <command> --help` (not the main list). */
  readonly notes?: readonly string[];
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
    name: 'lab',
    params: '[id] | selftest [id|--all]',
    summary: 'open the labs or one lab; `lab selftest` proves labs work (headless)',
    flags: {
      all: { type: 'boolean', description: 'selftest: every lab of the loaded content' },
      json: { type: 'boolean', description: 'selftest: print the report as JSON' },
      'trust-pack': {
        type: 'boolean',
        description: "selftest: run a course pack's labs even if not approved here (graders' CI)",
      },
    },
    notes: [
      "A lab from a course pack (--content) shows everything it will run, write and clean up, and asks before its first run (again if anything in its folder changes). Headless `lab selftest`, `check` and `report` do not ask: they refuse a pack lab nobody approved on this machine, unless given --trust-pack (for a grader's CI that vetted the pack).",
      'Pack labs are named `<pack>/<id>`, e.g. `dockdrill lab docker-101/my-lab --content ./docker-101`.',
    ],
    // Not marked interactive: `lab selftest` is headless; lab.ts refuses the screens itself.
    interactive: false,
    load: () => import('./lab.js'),
  },
  {
    name: 'check',
    params: '<lab>',
    summary: "check a lab's tasks against the engine, headless (exit 0 all pass, 1 otherwise)",
    flags: {
      task: { type: 'string', valueName: 'ID', description: 'check only this task' },
      json: { type: 'boolean', description: 'print every check with expected and actual as JSON' },
      junit: {
        type: 'boolean',
        description: 'print JUnit XML (a testcase per task) for CI graders',
      },
      workspace: {
        type: 'string',
        valueName: 'DIR',
        description: 'the folder file checks look in (default: the lab workspace)',
      },
      'trust-pack': {
        type: 'boolean',
        description: "run a course pack's labs even if not approved here (graders' CI)",
      },
    },
    interactive: false,
    load: () => import('./check.js'),
  },
  {
    name: 'lesson',
    params: '[id]',
    summary: 'read a lesson (the course map without an id); --print writes it to stdout',
    flags: {
      print: { type: 'boolean', description: 'write the rendered lesson to stdout and exit' },
      width: {
        type: 'number',
        valueName: 'N',
        description: 'wrap --print output at N columns (default: the terminal width, or 80)',
      },
    },
    interactive: true,
    headlessFlags: ['print'],
    load: () => import('./lesson.js'),
  },
  // quiz, review and exam are interactive, but check their arguments (and refuse without a
  // terminal) themselves, so a bad --count or filter is reported even when piped.
  {
    name: 'quiz',
    params: '[lesson|domain|tag]',
    summary: 'practise questions with instant feedback; retake the ones you missed',
    flags: {
      count: { type: 'number', valueName: 'N', description: 'questions per round (default 10)' },
      seed: { type: 'string', valueName: 'S', description: 'fix the question and option order' },
    },
    interactive: false,
    load: () => import('./quiz.js'),
  },
  {
    name: 'review',
    summary: 'review the questions that are due (spaced repetition, FSRS)',
    flags: {},
    interactive: false,
    load: () => import('./review.js'),
  },
  {
    name: 'exam',
    summary: 'a timed DCA-style exam drawn by domain weight, with results and history',
    flags: {
      questions: {
        type: 'number',
        valueName: 'N',
        description: 'number of questions (default 55)',
      },
      minutes: { type: 'number', valueName: 'M', description: 'time limit (default 90)' },
      pass: { type: 'number', valueName: 'P', description: 'pass mark in percent (default 70)' },
      seed: { type: 'string', valueName: 'S', description: 'the same seed gives the same paper' },
      domc: { type: 'boolean', description: 'DOMC: options one at a time, answered yes/no' },
    },
    interactive: false,
    load: () => import('./exam.js'),
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
    name: 'report',
    params: '[merge <files...>]',
    summary: 'your progress, exams and lab checks to hand in; merge: a class summary',
    flags: {
      format: {
        type: 'string',
        valueName: 'md|json|junit',
        description: 'output format (default md)',
      },
      student: {
        type: 'string',
        valueName: 'NAME',
        description: 'the name on the report (default: the profile or user)',
      },
      output: {
        type: 'string',
        short: 'o',
        valueName: 'FILE',
        description: 'write to FILE instead of stdout',
      },
      'trust-pack': {
        type: 'boolean',
        description: "run a course pack's labs even if not approved here (graders' CI)",
      },
    },
    interactive: false,
    load: () => import('./report.js'),
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
