/**
 * Label injection and "what will this command create": every object the engine creates
 * carries `dockdrill.lab=<lab-id>`, and the journal records names before a step runs.
 */
import { scanFlags } from './flags.js';

export const LAB_LABEL = 'dockdrill.lab';

export function labLabel(labId: string): string {
  return `${LAB_LABEL}=${labId}`;
}

/** Subcommand paths (after `docker`) that accept `--label` and create an object. */
const LABELLED_COMMANDS: readonly (readonly string[])[] = [
  ['container', 'create'],
  ['container', 'run'],
  ['image', 'build'],
  ['buildx', 'build'],
  ['volume', 'create'],
  ['network', 'create'],
  ['run'],
  ['create'],
  ['build'],
];

/**
 * The subcommand and its arguments. Content steps carry no docker global flag, so this is
 * argv itself; it stays a named step because every reader of a step's verb goes through it.
 */
export function commandWords(argv: readonly string[]): readonly string[] {
  return argv;
}

/**
 * Why a step's leading word is a docker global flag, or undefined. No content step may use
 * one: `--host`, `--context` or `-H` would send the step to another engine, where cleanup
 * cannot find what it made, and `--config DIR` would let a pack choose the client config,
 * whose `credsStore`/`credHelpers` name programs the docker CLI executes (and whose
 * `currentContext` picks the engine). dockdrill itself gives credential steps a fresh,
 * private config folder (see clientConfigDir in steps.ts).
 */
export function globalFlagProblem(argv: readonly string[]): string | undefined {
  const first = argv[0];
  if (first === undefined) return 'docker needs a subcommand';
  if (!first.startsWith('-')) return undefined;
  return `docker global flag "${first}" is not allowed in a step: a step starts with its subcommand (dockdrill chooses the engine and the client config)`;
}

function startsWith(argv: readonly string[], prefix: readonly string[]): boolean {
  return prefix.every((word, index) => argv[index] === word);
}

/** The subcommand words at the start of argv that take a label, or undefined. */
export function labelledCommand(argv: readonly string[]): readonly string[] | undefined {
  const words = commandWords(argv);
  return LABELLED_COMMANDS.find((prefix) => startsWith(words, prefix));
}

/** Inserts `--label dockdrill.lab=<id>` right after the subcommand (argv excludes `docker`). */
export function injectLabel(argv: readonly string[], labId: string): string[] {
  const command = labelledCommand(argv);
  if (!command) return [...argv];
  const rest = argv.slice(command.length);
  return [...command, '--label', labLabel(labId), ...rest];
}

export function isBuild(argv: readonly string[]): boolean {
  const command = labelledCommand(argv);
  return command !== undefined && command[command.length - 1] === 'build';
}

export type ObjectKind = 'container' | 'image' | 'volume' | 'network';

/**
 * The `dockdrill.lab` label of an inspected object: containers and images keep labels in
 * `Config.Labels`, volumes and networks in `Labels`.
 */
export function labLabelOf(
  object: Record<string, unknown> | undefined,
  kind: ObjectKind,
): string | undefined {
  if (!object) return undefined;
  const labels =
    kind === 'container' || kind === 'image'
      ? (object.Config as { Labels?: Record<string, string> | null } | undefined)?.Labels
      : (object.Labels as Record<string, string> | null | undefined);
  return labels?.[LAB_LABEL] ?? undefined;
}

export interface CreatedObject {
  readonly kind: ObjectKind;
  readonly name: string;
}

/** `docker run/create` flags that take no value (so the next word is not their value). */
export const RUN_BOOLEAN_FLAGS: ReadonlySet<string> = new Set([
  '-d',
  '--detach',
  '-i',
  '--interactive',
  '-t',
  '--tty',
  '--rm',
  '--init',
  '--privileged',
  '-P',
  '--publish-all',
  '--read-only',
  '--no-healthcheck',
  '--oom-kill-disable',
  '-q',
  '--quiet',
  '--sig-proxy',
  '--disable-content-trust',
  '--help',
  '--use-api-socket',
]);

/** Values of the flags `names` (`--name X`, `--name=X`), read as docker reads them. */
function optionValues(
  args: readonly string[],
  names: readonly string[],
  booleans: ReadonlySet<string>,
  stopAtPositional: boolean,
): string[] {
  const { flags } = scanFlags(args, {
    isBoolean: (flag) => booleans.has(flag),
    stopAtPositional,
    dashValues: true,
  });
  return flags.flatMap((flag) =>
    names.includes(flag.name) && flag.value !== undefined ? [flag.value] : [],
  );
}

function positionals(args: readonly string[], booleans: ReadonlySet<string>): string[] {
  return [
    ...scanFlags(args, {
      isBoolean: (flag) => booleans.has(flag),
      stopAtPositional: false,
      dashValues: true,
    }).positionals,
  ];
}

const NO_BOOLEANS = new Set<string>([
  '-q',
  '--quiet',
  '--no-cache',
  '--pull',
  '--rm',
  '--force-rm',
  '--squash',
  '--internal',
  '--attachable',
  '--ipv6',
  '-a',
  '--all',
  '-p',
  '--pause',
]);

const COMMIT_BOOLEANS = new Set<string>(['-p', '--pause']);

/** Named objects a docker argv (without `docker`) will create, for the journal. */
export function createdObjects(fullArgv: readonly string[]): CreatedObject[] {
  const argv = commandWords(fullArgv);
  const [first, second] = argv;
  const sub =
    first === 'container' || first === 'image' || first === 'buildx' ? [first, second] : [first];
  const rest = argv.slice(sub.length);
  const verb = sub.join(' ');
  switch (verb) {
    case 'run':
    case 'create':
    case 'container run':
    case 'container create':
      return optionValues(rest, ['--name'], RUN_BOOLEAN_FLAGS, true).map((name) => ({
        kind: 'container',
        name,
      }));
    case 'build':
    case 'image build':
    case 'buildx build':
      return optionValues(rest, ['-t', '--tag'], NO_BOOLEANS, false).map((name) => ({
        kind: 'image',
        name,
      }));
    case 'tag':
    case 'image tag': {
      const target = positionals(rest, NO_BOOLEANS)[1];
      return target ? [{ kind: 'image', name: target }] : [];
    }
    case 'commit':
    case 'container commit': {
      // For commit, -a is --author and takes a value: only --pause is a switch.
      const target = positionals(rest, COMMIT_BOOLEANS)[1];
      return target ? [{ kind: 'image', name: target }] : [];
    }
    case 'import':
    case 'image import': {
      // Every import flag (-c, -m, --platform) takes a value.
      const target = positionals(rest, new Set())[1];
      return target ? [{ kind: 'image', name: target }] : [];
    }
    default:
      break;
  }
  if (first === 'volume' && second === 'create') {
    const name =
      positionals(argv.slice(2), NO_BOOLEANS)[0] ??
      optionValues(argv.slice(2), ['--name'], NO_BOOLEANS, false)[0];
    return name ? [{ kind: 'volume', name }] : [];
  }
  if (first === 'network' && second === 'create') {
    const name = positionals(argv.slice(2), NO_BOOLEANS)[0];
    return name ? [{ kind: 'network', name }] : [];
  }
  return [];
}

/** `myapp` -> `myapp:latest`, `docker.io/library/x:1` -> `x:1`; digests stay as they are. */
export function normalizeImageRef(ref: string): string {
  let name = ref
    .replace(/^docker\.io\/library\//, '')
    .replace(/^docker\.io\//, '')
    .replace(/^index\.docker\.io\/library\//, '');
  if (name.includes('@')) return name;
  const lastSlash = name.lastIndexOf('/');
  if (!name.slice(lastSlash + 1).includes(':')) name = `${name}:latest`;
  return name;
}
