/**
 * What a content step may ask docker to do. Content (bundled or an instructor's course
 * pack) is untrusted: its setup steps, solution lines, Verify steps and `run` check flags
 * all pass this one policy, statically in lint and again when they run (after `${name}`
 * substitution, with the lab's id and workspace known). Each refusal is one sentence that
 * names the word at fault.
 *
 * The policy, in short (docs/FORMATS.md says it for authors):
 * - a step starts with an allowed subcommand; no docker global flag;
 * - containers get no host privileges: no --privileged, no host pid/network/ipc/uts/
 *   userns/cgroup namespace, no --cap-add, --device or loosening --security-opt;
 * - every host path (bind mounts, build contexts and -f, -o/-i files, cp's host side,
 *   --env-file, --cidfile, ...) stays inside the lab workspace;
 * - volumes and networks use the built-in drivers without host options;
 * - the dockdrill.lab label cannot be set by content;
 * - prunes are scoped to the lab's own label; nothing prunes engine-wide.
 * Removing named objects the lab does not own is refused at run time (ownership needs the
 * engine), see removalTargets.
 */
import { isAbsolute, normalize } from 'node:path';
import { scanFlags } from './flags.js';
import {
  createdObjects,
  globalFlagProblem,
  LAB_LABEL,
  normalizeImageRef,
  RUN_BOOLEAN_FLAGS,
} from './labels.js';

/** What the caller knows about where the step runs; lint knows less than the runner. */
export interface PolicyScope {
  /** The lab (or `verify-<question>`) id: prunes must filter on exactly this label. */
  readonly labId?: string;
}

/** A host path a step names, for the runner's realpath check against the workspace. */
export interface HostPath {
  readonly flag: string;
  readonly path: string;
}

export interface PolicyVerdict {
  /** Why the step is refused, or undefined when it is allowed. */
  readonly problem?: string;
  /** Host paths it names (all workspace-relative when allowed). */
  readonly hostPaths: readonly HostPath[];
  /**
   * Containers whose namespaces or volumes a new container joins (`--network container:X`,
   * `--volumes-from X`, ...): the runner checks the lab owns them.
   */
  readonly joins: readonly string[];
}

/** Subcommands a step may use, as `docker <first> [<second>]`. */
const TOP_LEVEL = new Set([
  'run',
  'create',
  'build',
  'tag',
  'push',
  'pull',
  'login',
  'logout',
  'commit',
  'import',
  'save',
  'load',
  'export',
  'exec',
  'start',
  'stop',
  'restart',
  'kill',
  'rm',
  'rmi',
  'inspect',
  'ps',
  'images',
  'history',
  'logs',
  'diff',
  'cp',
  'wait',
  'pause',
  'unpause',
  'rename',
  'update',
  'port',
  'top',
  'version',
  'info',
  'search',
]);

const MANAGEMENT: Readonly<Record<string, ReadonlySet<string>>> = {
  container: new Set([
    'create',
    'run',
    'start',
    'stop',
    'restart',
    'kill',
    'rm',
    'inspect',
    'ls',
    'ps',
    'list',
    'logs',
    'diff',
    'cp',
    'commit',
    'export',
    'exec',
    'wait',
    'pause',
    'unpause',
    'rename',
    'update',
    'port',
    'top',
    'prune',
  ]),
  image: new Set([
    'build',
    'tag',
    'push',
    'pull',
    'rm',
    'remove',
    'inspect',
    'ls',
    'list',
    'history',
    'save',
    'load',
    'import',
    'prune',
  ]),
  volume: new Set(['create', 'inspect', 'ls', 'list', 'rm', 'remove', 'prune']),
  network: new Set([
    'create',
    'inspect',
    'ls',
    'list',
    'rm',
    'remove',
    'connect',
    'disconnect',
    'prune',
  ]),
  buildx: new Set(['build']),
  system: new Set(['df', 'info']),
};

/** `docker run/create/exec` switches (every other flag takes a value): labels.ts has them. */
const RUN_BOOLEANS = RUN_BOOLEAN_FLAGS;

/** Switches of the other subcommands that matter for telling values from positionals. */
const OTHER_BOOLEANS = new Set([
  '-q',
  '--quiet',
  '--no-cache',
  '--pull',
  '--rm',
  '--force-rm',
  '--squash',
  '--compress',
  '--load',
  '--push',
  '--internal',
  '--attachable',
  '--ipv6',
  '-a',
  '--all',
  '-f',
  '--force',
  '-v',
  '--volumes',
  '--link',
  '-l',
  '--latest',
  '-n',
  '--no-trunc',
  '--digests',
  '--no-prune',
  '-p',
  '--pause',
  '-s',
  '--size',
  '-L',
  '--follow-link',
  '--archive',
  '--follow',
  '-t',
  '--timestamps',
  '--all-tags',
  '--disable-content-trust',
  '--password-stdin',
  '-H',
  '--human',
  '--help',
  '--detach',
  '-d',
  '-i',
  '--interactive',
  '--tty',
  '--privileged',
]);

/** Boolean flags per command where they differ from OTHER_BOOLEANS (a value follows). */
const VALUE_FLAGS: Readonly<Record<string, ReadonlySet<string>>> = {
  // build -t TAG, -f FILE; logs -n/--tail N; login -p/-u; commit -a AUTHOR; save -o; ...
  build: new Set(['-t', '-f', '-o']),
  logs: new Set(['-n']),
  login: new Set(['-p', '-u']),
  commit: new Set(['-a']),
  volume: new Set(['-d']),
  network: new Set(['-d']),
  exec: new Set(['-u', '-e', '-w']),
  images: new Set(['-f']),
  ps: new Set(['-f', '-n']),
  search: new Set(['-f']),
  load: new Set(['-i']),
};

/** The subcommand path of argv (`['image', 'prune']`, `['run']`) and the rest. */
function splitCommand(argv: readonly string[]): { command: string[]; rest: readonly string[] } {
  const first = argv[0] ?? '';
  if (MANAGEMENT[first]) return { command: [first, argv[1] ?? ''], rest: argv.slice(2) };
  return { command: [first], rest: argv.slice(1) };
}

/** The verb that decides how its flags read: `container run` reads as `run`. */
function verbOf(command: readonly string[]): string {
  if (command.length === 2 && command[0] !== 'volume' && command[0] !== 'network')
    return command[1] === 'ls' || command[1] === 'list' ? command[0]! : command[1]!;
  return command[0]!;
}

/** A host path a step may name: relative, and it stays in the workspace. */
export function workspacePathProblem(path: string): string | undefined {
  if (path === '' || path === '-') return undefined;
  if (path.startsWith('~')) return `"${path}" is in a home folder`;
  if (isAbsolute(path) || /^[A-Za-z]:[\\/]/.test(path)) return `"${path}" is an absolute host path`;
  const normal = normalize(path);
  if (normal === '..' || normal.startsWith('../')) return `"${path}" leaves the workspace`;
  return undefined;
}

const HOST_NAMESPACE_FLAGS = new Set([
  '--pid',
  '--ipc',
  '--uts',
  '--userns',
  '--cgroupns',
  '--network',
  '--net',
]);

/** --security-opt values that tighten (everything else may loosen confinement). */
const SAFE_SECURITY_OPTS = /^no-new-privileges(?::true|=true)?$/;

/** Flags that name a host file or folder, per verb. */
const PATH_FLAGS: Readonly<Record<string, readonly string[]>> = {
  run: ['--env-file', '--cidfile', '--label-file'],
  create: ['--env-file', '--cidfile', '--label-file'],
  exec: ['--env-file'],
  build: ['-f', '--file', '--iidfile', '--metadata-file'],
  save: ['-o', '--output'],
  export: ['-o', '--output'],
  load: ['-i', '--input'],
};

/** Flags a content step may not use at all, per verb, with the reason. */
const REFUSED_FLAGS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  run: {
    '--privileged': 'gives the container full access to the host',
    '--cap-add': 'adds kernel capabilities',
    '--device': 'exposes a host device',
    '--device-cgroup-rule': 'opens host devices',
    '--label-file': 'could set the dockdrill.lab label unseen',
    '--volume-driver': 'uses a volume plugin',
  },
  exec: { '--privileged': 'gives the process full access to the host' },
  build: {
    '--secret': 'reads host files or variables into the build',
    '--ssh': "forwards the learner's SSH agent or keys",
    '--allow': 'grants the build host privileges',
    '-o': 'writes the build result onto the host',
    '--output': 'writes the build result onto the host',
    '--build-context': 'sends a host folder to the build',
    '--cache-to': 'writes cache onto the host',
    '--cache-from': 'reads cache from the host',
    '--label-file': 'could set the dockdrill.lab label unseen',
  },
  volume: {
    '-o': 'passes driver options (a local volume with device= mounts a host path)',
    '--opt': 'passes driver options (a local volume with device= mounts a host path)',
  },
  network: {
    '-o': 'passes driver options to the host network',
    '--opt': 'passes driver options to the host network',
    '--config-from': 'uses another network configuration',
  },
};

const PRUNE_VERBS = new Set(['container prune', 'image prune', 'volume prune', 'network prune']);

/** Checks one `--mount` value. */
function mountProblem(value: string, hostPaths: HostPath[]): string | undefined {
  const fields = new Map<string, string>();
  for (const part of value.split(',')) {
    const eq = part.indexOf('=');
    fields.set(eq === -1 ? part : part.slice(0, eq), eq === -1 ? 'true' : part.slice(eq + 1));
  }
  const type = fields.get('type') ?? 'volume';
  if (type === 'bind') {
    const source = fields.get('source') ?? fields.get('src') ?? '';
    if (!source) return `--mount ${value}: a bind mount needs a source`;
    hostPaths.push({ flag: '--mount', path: source });
    const why = workspacePathProblem(source);
    return why ? `--mount ${value}: bind source ${why}` : undefined;
  }
  if (type === 'volume') {
    for (const key of fields.keys())
      if (key === 'volume-driver' || key.startsWith('volume-opt'))
        return `--mount ${value}: "${key}" can mount a host path through the volume driver`;
    return undefined;
  }
  if (type === 'tmpfs') return undefined;
  return `--mount ${value}: mount type "${type}" is not allowed (bind, volume or tmpfs)`;
}

/** Checks one `-v`/`--volume` value: a named or anonymous volume, or a workspace bind. */
function volumeProblem(value: string, hostPaths: HostPath[]): string | undefined {
  const colon = value.indexOf(':');
  if (colon === -1) return undefined; // an anonymous volume: /data
  const source = value.slice(0, colon);
  if (!/^[./~]/.test(source) && !/^[A-Za-z]:[\\/]/.test(source)) return undefined; // a named volume
  hostPaths.push({ flag: '-v', path: source });
  const why = workspacePathProblem(source);
  return why ? `-v ${value}: bind source ${why}` : undefined;
}

/** The label keys a `--label` value sets. */
function setsLabLabel(value: string | undefined): boolean {
  return (value ?? '').split('=')[0]!.trim() === LAB_LABEL;
}

/**
 * Checks a step's argv (without `docker`). Lint calls it without a workspace; the runner
 * calls it with the lab's id and then resolves the returned host paths itself.
 */
export function checkStep(argv: readonly string[], scope: PolicyScope = {}): PolicyVerdict {
  const hostPaths: HostPath[] = [];
  const joins: string[] = [];
  const refuse = (problem: string): PolicyVerdict => ({ problem, hostPaths, joins });
  const global = globalFlagProblem(argv);
  if (global) return refuse(global);
  const { command, rest } = splitCommand(argv);
  const first = command[0]!;
  const allowed = MANAGEMENT[first] ? MANAGEMENT[first]!.has(command[1]!) : TOP_LEVEL.has(first);
  if (!allowed) {
    const named = argv.slice(0, 2).filter((word) => !word.startsWith('-'));
    return refuse(
      `"docker ${named.join(' ')}" is not a command a lab step may run (see "What a step may run" in docs/FORMATS.md)`,
    );
  }
  const verb = verbOf(command);
  const runLike = verb === 'run' || verb === 'create' || verb === 'exec';
  const isBoolean = (flag: string) =>
    runLike
      ? RUN_BOOLEANS.has(flag) && !VALUE_FLAGS[verb]?.has(flag)
      : OTHER_BOOLEANS.has(flag) && !VALUE_FLAGS[verb]?.has(flag);
  const { flags, positionals } = scanFlags(rest, {
    isBoolean,
    stopAtPositional: runLike,
    dashValues: false,
  });
  const text = command.join(' ');
  const refused = REFUSED_FLAGS[verb === 'create' ? 'run' : verb] ?? REFUSED_FLAGS[command[0]!];
  for (const { name, value } of flags) {
    const reason = refused?.[name];
    if (reason) return refuse(`"${name}" is not allowed in docker ${text}: it ${reason}`);
    if ((name === '--label' || (runLike && name === '-l')) && setsLabLabel(value))
      return refuse(`a step cannot set the ${LAB_LABEL} label: dockdrill sets it`);
    if (HOST_NAMESPACE_FLAGS.has(name) && value === 'host')
      return refuse(`"${name} host" is not allowed: it shares the host's namespace`);
    if (runLike && HOST_NAMESPACE_FLAGS.has(name) && value?.startsWith('container:'))
      joins.push(value.slice('container:'.length));
    if (runLike && name === '--volumes-from' && value) joins.push(value.split(':')[0]!);
    if (name === '--security-opt' && !SAFE_SECURITY_OPTS.test(value ?? ''))
      return refuse(`"--security-opt ${value ?? ''}" is not allowed: only no-new-privileges`);
    if (runLike && verb !== 'exec' && (name === '-v' || name === '--volume')) {
      const why = volumeProblem(value ?? '', hostPaths);
      if (why) return refuse(why);
    }
    if (runLike && verb !== 'exec' && name === '--mount') {
      const why = mountProblem(value ?? '', hostPaths);
      if (why) return refuse(why);
    }
    if (PATH_FLAGS[verb]?.includes(name) && value !== undefined) {
      hostPaths.push({ flag: name, path: value });
      const why = workspacePathProblem(value);
      if (why) return refuse(`${name} ${why}`);
    }
    if ((first === 'volume' || first === 'network') && (name === '-d' || name === '--driver')) {
      const builtIn = first === 'volume' ? ['local'] : ['bridge', 'overlay', 'none'];
      if (!builtIn.includes(value ?? ''))
        return refuse(`${first} driver "${value ?? ''}" is not allowed (${builtIn.join(', ')})`);
    }
  }
  // Host paths given as positionals.
  const positionalPaths: string[] = [];
  if (verb === 'build') positionalPaths.push(...positionals.slice(0, 1));
  if (verb === 'import' && positionals[0] && !/^https?:\/\//.test(positionals[0]))
    positionalPaths.push(positionals[0]);
  if (verb === 'cp') positionalPaths.push(...positionals.filter((p) => !/^[^/.][^/:]*:/.test(p)));
  for (const path of positionalPaths) {
    if (verb === 'build' && /^(https?:\/\/|git@|git:\/\/)/.test(path)) continue;
    hostPaths.push({ flag: verb, path });
    const why = workspacePathProblem(path);
    if (why) return refuse(`docker ${text}: ${why}`);
  }
  if (PRUNE_VERBS.has(text)) {
    const filters = flags.filter((f) => f.name === '--filter').map((f) => f.value ?? '');
    const scoped = filters.some((f) =>
      scope.labId ? f === `label=${LAB_LABEL}=${scope.labId}` : f.startsWith(`label=${LAB_LABEL}=`),
    );
    if (!scoped)
      return refuse(
        `docker ${text} must be scoped to the lab: add --filter label=${LAB_LABEL}=${scope.labId ?? '<lab id>'}`,
      );
  }
  return { hostPaths, joins };
}

/** The refusal for a step, or undefined (for lint and schema refinements). */
export function stepPolicyProblem(
  argv: readonly string[],
  scope: PolicyScope = {},
): string | undefined {
  return checkStep(argv, scope).problem;
}

/** The refusal for a `run` check's flags (they go between `docker run` and the image). */
export function runFlagsProblem(flags: readonly string[]): string | undefined {
  return stepPolicyProblem(['run', ...flags, 'busybox:1.36']);
}

/** Named objects a removal step targets, by kind, for the runner's ownership check. */
export function removalTargets(
  argv: readonly string[],
): { kind: 'container' | 'image' | 'volume' | 'network'; names: string[] } | undefined {
  const { command, rest } = splitCommand(argv);
  const text = command.join(' ');
  const kind =
    text === 'rm' || text === 'container rm' || text === 'container remove'
      ? 'container'
      : text === 'rmi' || text === 'image rm' || text === 'image remove'
        ? 'image'
        : text === 'volume rm' || text === 'volume remove'
          ? 'volume'
          : text === 'network rm' || text === 'network remove'
            ? 'network'
            : undefined;
  if (!kind) return undefined;
  const { positionals } = scanFlags(rest, {
    isBoolean: (flag) => OTHER_BOOLEANS.has(flag),
    stopAtPositional: false,
    dashValues: false,
  });
  return { kind, names: [...positionals] };
}

/**
 * Lint's half of "nothing removes what the lab did not make": a removal step may name only
 * what the lab declares or what an earlier step made (a container name, a tag). Ids and
 * `${name}` outputs are left to the runner, which asks the engine who owns them.
 */
export function unknownRemovals(
  steps: readonly { readonly argv: readonly string[]; readonly line: number }[],
  declared: Iterable<string> = [],
): { line: number; message: string }[] {
  const known = new Set<string>();
  // An image's repository counts too: removing another tag of a repository the lab made
  // touches only that repository (and a missing tag is docker's own error).
  const repository = (ref: string) => normalizeImageRef(ref).replace(/[:@][^:/@]*$/, '');
  const add = (kind: string, name: string) => {
    known.add(kind === 'image' ? `image ${normalizeImageRef(name)}` : `${kind} ${name}`);
    if (kind === 'image') known.add(`repository ${repository(name)}`);
  };
  for (const name of declared) {
    for (const kind of ['container', 'volume', 'network']) add(kind, name);
    add('image', name);
  }
  const out: { line: number; message: string }[] = [];
  for (const step of steps) {
    const removal = removalTargets(step.argv);
    for (const name of removal?.names ?? []) {
      if (/^(sha256:)?[0-9a-f]{12,64}$/.test(name) || name.includes('${')) continue;
      const key =
        removal!.kind === 'image' ? `image ${normalizeImageRef(name)}` : `${removal!.kind} ${name}`;
      const ofKnownRepository =
        removal!.kind === 'image' && known.has(`repository ${repository(name)}`);
      if (!known.has(key) && !ofKnownRepository)
        out.push({
          line: step.line,
          message: `docker ${splitCommand(step.argv).command.join(' ')} would remove ${removal!.kind} "${name}", which the lab neither declares in resources nor makes in an earlier step`,
        });
    }
    for (const object of createdObjects(step.argv)) add(object.kind, object.name);
  }
  return out;
}

/**
 * Names a solution creates that the lab does not declare in `resources`. The learner's own
 * copy of such an object carries no label, so cleanup could find it only by that name:
 * lint reports it at the solution line (self-test reports it too).
 */
export function undeclaredNames(
  commands: readonly { readonly argv: readonly string[]; readonly line: number }[],
  resources: {
    readonly containers: readonly string[];
    readonly images: readonly string[];
    readonly volumes: readonly string[];
    readonly networks: readonly string[];
  },
): { line: number; kind: string; name: string; message: string }[] {
  const declared: Record<string, ReadonlySet<string>> = {
    container: new Set(resources.containers),
    image: new Set(resources.images.map(normalizeImageRef)),
    volume: new Set(resources.volumes),
    network: new Set(resources.networks),
  };
  const out: { line: number; kind: string; name: string; message: string }[] = [];
  for (const command of commands)
    for (const object of createdObjects(command.argv)) {
      const key = object.kind === 'image' ? normalizeImageRef(object.name) : object.name;
      if (!declared[object.kind]!.has(key))
        out.push({
          line: command.line,
          kind: object.kind,
          name: object.name,
          message: `the solution creates ${object.kind} "${object.name}", which resources.${object.kind}s does not declare`,
        });
    }
  return out;
}
