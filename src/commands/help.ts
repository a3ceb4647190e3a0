/** `dockdrill --help` and `dockdrill <command> --help`, generated from the command registry. */
import { GLOBAL_FLAGS, type FlagSpecs } from '../cli/args.js';
import { COMMANDS, type CommandSpec } from './registry.js';

function flagLines(flags: FlagSpecs): string[] {
  const rows = Object.entries(flags).map(([name, spec]) => {
    const short = spec.short ? `-${spec.short}, ` : '    ';
    const value =
      spec.type === 'boolean'
        ? ''
        : ` ${spec.valueName ?? (spec.type === 'number' ? 'N' : 'VALUE')}`;
    return [`  ${short}--${name}${value}`, spec.description] as const;
  });
  const width = Math.max(0, ...rows.map(([left]) => left.length));
  return rows.map(([left, text]) => `${left.padEnd(width)}  ${text}`);
}

const NAME_COLUMN = 22;

/** `name params` then the summary; a long name pushes its summary to the next line. */
function commandLines(command: CommandSpec): string[] {
  const name = `${command.name}${command.params ? ' ' + command.params : ''}`;
  if (name.length <= NAME_COLUMN) return [`  ${name.padEnd(NAME_COLUMN)}  ${command.summary}`];
  return [`  ${name}`, `  ${' '.repeat(NAME_COLUMN)}  ${command.summary}`];
}

export function mainHelp(version: string): string {
  return [
    `dockdrill ${version} — learn Docker images hands-on: lessons, quizzes, an exam and labs`,
    '',
    'Usage: dockdrill [command] [options]',
    '',
    'Commands:',
    ...COMMANDS.flatMap(commandLines),
    '',
    'Options:',
    ...flagLines(GLOBAL_FLAGS),
    '',
    'Run `dockdrill <command> --help` for the options of one command.',
    'Progress is kept under DOCKDRILL_HOME (default: ~/.config/dockdrill).',
    'Exit codes: 0 ok, 1 a check failed, 2 usage error.',
    '',
  ].join('\n');
}

/** Greedy word wrap for help paragraphs. */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

export function commandHelp(command: CommandSpec): string {
  const lines = [
    `Usage: dockdrill ${command.name}${command.params ? ' ' + command.params : ''} [options]`,
    '',
    command.summary,
    '',
    ...(command.notes ?? []).flatMap((note) => [...wrap(note, 80), '']),
  ];
  if (Object.keys(command.flags).length) lines.push('Options:', ...flagLines(command.flags), '');
  lines.push('Global options:', ...flagLines(GLOBAL_FLAGS), '');
  return lines.join('\n');
}
