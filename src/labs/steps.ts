/**
 * Runs one docker step the way the lab engine must: argv only, labelled, journaled before
 * and after, DOCKER_BUILDKIT=0 for builds on a classic-builder engine, in the workspace.
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Docker } from '../docker/index.js';
import { DockerCommandError, DockerError, DockerTimeoutError } from '../docker/errors.js';
import { endpointEnv, type EndpointEnv } from '../docker/endpoint.js';
import {
  commandWords,
  createdObjects,
  injectLabel,
  isBuild,
  labLabelOf,
  normalizeImageRef,
  labLabel,
  LAB_LABEL,
  type CreatedObject,
  type ObjectKind,
} from './labels.js';
import type { Journal } from './journal.js';
import { dockerLine } from './argv.js';
import { checkStep, removalTargets } from './step-policy.js';
import { workspaceFile } from './workspace-path.js';

export type StepDocker = Pick<Docker, 'run' | 'inspect' | 'info'>;

const builderEnvCache = new WeakMap<object, Promise<Record<string, string>>>();

/** `{ DOCKER_BUILDKIT: '0' }` when the engine's `docker build` is the classic builder. */
export function buildEnv(docker: StepDocker): Promise<Record<string, string>> {
  let cached = builderEnvCache.get(docker);
  if (!cached) {
    cached = docker.info().then(
      (info): Record<string, string> =>
        info.builder === 'classic' ? { DOCKER_BUILDKIT: '0' } : {},
      (): Record<string, string> => ({}),
    );
    builderEnvCache.set(docker, cached);
  }
  return cached;
}

export class LabStepError extends Error {
  override readonly name = 'LabStepError';
  constructor(
    readonly step: string,
    readonly detail: string,
  ) {
    super(`\`${step}\` failed: ${detail}`);
  }
}

export interface StepOptions {
  readonly labId: string;
  readonly cwd: string;
  readonly journal: Journal;
  readonly signal?: AbortSignal;
  /** Milliseconds per step (default 120 s: builds and pulls take a while). */
  readonly timeoutMs?: number;
  /**
   * What to do when a step would create a container or network whose name is taken:
   * `skip` (setup: it is already there from an earlier run, so setup is idempotent) or
   * `replace` (solutions: remove the learner's attempt if the lab declares that name).
   */
  readonly onExisting: 'skip' | 'replace';
  /** Names the lab declares; `replace` only removes these or objects labelled for this lab. */
  readonly declared?: ReadonlySet<string>;
  /**
   * Every name the lab declares (containers, images, volumes, networks): a step may remove
   * or join these, objects labelled for this lab, and what the lab's journal recorded.
   */
  readonly owned?: ReadonlySet<string>;
  /**
   * Verify steps named with `as:`: a non-zero exit is returned for a check to judge instead
   * of thrown (an unreachable daemon still throws).
   */
  readonly allowFailure?: boolean;
}

export interface StepOutcome {
  readonly argv: readonly string[];
  readonly skipped: boolean;
  readonly stdout: string;
  readonly stderr: string;
  readonly exitCode: number;
}

/** Subcommands that read or write registry credentials. */
const CREDENTIAL_COMMANDS: readonly (readonly string[])[] = [
  ['login'],
  ['logout'],
  ['push'],
  ['pull'],
  ['image', 'push'],
  ['image', 'pull'],
];

/**
 * The client config folder dockdrill gives a workspace's credential steps: beside the
 * workspace, never inside it, so nothing a lab or probe writes (files, solution blocks,
 * bind mounts, which must stay in the workspace) can plant a config.json with a
 * `credsStore` there; and not the learner's ~/.docker, so a lab's `docker login` leaves
 * their own configuration alone. `file` checks read it as `$DOCKER_CONFIG/...`.
 */
export function clientConfigDir(workspace: string): string {
  return `${resolve(workspace)}.docker-config`;
}

/** Whether a step reads or writes registry credentials (and so gets the private config). */
function isCredentialStep(argv: readonly string[]): boolean {
  const words = commandWords(argv);
  return CREDENTIAL_COMMANDS.some((prefix) => prefix.every((word, i) => words[i] === word));
}

/**
 * argv with `--config <private folder>` in front, and the environment that keeps it on the
 * learner's engine (their current context lives in their own config, not in ours).
 */
async function withClientConfig(
  docker: StepDocker,
  argv: readonly string[],
  workspace: string,
): Promise<{ argv: readonly string[]; env: EndpointEnv }> {
  const dir = clientConfigDir(workspace);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  return { argv: ['--config', dir, ...argv], env: await endpointEnv(docker.run, docker) };
}

/** Containers and networks with the step's names that exist already. */
async function existingObjects(
  docker: StepDocker,
  objects: readonly CreatedObject[],
  signal?: AbortSignal,
) {
  const out: { object: CreatedObject; labelled: string | undefined; id: string }[] = [];
  for (const kind of ['container', 'network'] as const) {
    const wanted = objects.filter((o) => o.kind === kind).map((o) => o.name);
    if (!wanted.length) continue;
    const batch = await docker.inspect(kind, wanted, { signal });
    for (const [name, object] of batch.found) {
      // Exact name only: inspect also matches id prefixes and, for networks, partial ids.
      const actualName = String(object.Name ?? '').replace(/^\//, '');
      if (actualName !== name) continue;
      out.push({
        object: { kind, name },
        labelled: labLabelOf(object, kind),
        id: String(object.Id ?? ''),
      });
    }
  }
  return out;
}

function idFrom(stdout: string): string | undefined {
  const lines = stdout.trim().split('\n');
  const last = lines[lines.length - 1]?.trim() ?? '';
  if (/^[0-9a-f]{64}$/.test(last)) return last;
  const built =
    /Successfully built ([0-9a-f]{12,64})/.exec(stdout) ??
    /writing image (sha256:[0-9a-f]{64})/.exec(stdout);
  return built?.[1];
}

/**
 * Why a step would remove or join an object the lab does not own, or undefined. Owned:
 * labelled for this lab, declared by it, or recorded in its journal (a tag it made).
 * Objects that do not exist are left to docker's own error.
 */
async function unownedTarget(
  docker: StepDocker,
  argv: readonly string[],
  joins: readonly string[],
  options: StepOptions,
): Promise<string | undefined> {
  const removal = removalTargets(argv);
  const wanted: { kind: ObjectKind; names: readonly string[]; verb: string }[] = [];
  if (removal?.names.length) wanted.push({ ...removal, verb: 'remove' });
  if (joins.length) wanted.push({ kind: 'container', names: joins, verb: 'join' });
  const key = (kind: ObjectKind, name: string) =>
    kind === 'image' ? normalizeImageRef(name) : name;
  for (const { kind, names, verb } of wanted) {
    const owned = new Set([...(options.owned ?? [])].map((name) => key(kind, name)));
    for (const entry of options.journal.entries)
      if (entry.kind === kind && entry.name) owned.add(key(kind, entry.name));
    const ids = options.journal.entries.flatMap((entry) =>
      entry.kind === kind && entry.id ? [entry.id.replace(/^sha256:/, '')] : [],
    );
    const batch = await docker.inspect(kind, names, { signal: options.signal });
    for (const [name, object] of batch.found) {
      if (labLabelOf(object, kind) === options.labId || owned.has(key(kind, name))) continue;
      const bare = name.replace(/^sha256:/, '');
      if (/^[0-9a-f]{12,64}$/.test(bare) && ids.some((id) => id.startsWith(bare))) continue;
      return `will not ${verb} ${kind} "${name}": it is not this lab's (not labelled ${LAB_LABEL}=${options.labId}, not declared, not made by an earlier step)`;
    }
  }
  return undefined;
}

export async function runStep(
  docker: StepDocker,
  argv: readonly string[],
  options: StepOptions,
): Promise<StepOutcome> {
  const text = dockerLine(argv);
  // The step policy, enforced here as well as in lint: `${name}` substitution in Verify
  // steps happens after lint, a pack's steps may reach this without lint ever running, and
  // only here are the lab's id, workspace and engine known.
  const verdict = checkStep(argv, { labId: options.labId });
  if (verdict.problem) throw new LabStepError(text, verdict.problem);
  for (const path of verdict.hostPaths) {
    try {
      workspaceFile(options.cwd, path.path);
    } catch (error) {
      throw new LabStepError(text, `${path.flag}: ${(error as Error).message}`);
    }
  }
  const notOwned = await unownedTarget(docker, argv, verdict.joins, options);
  if (notOwned) throw new LabStepError(text, notOwned);
  const credentials = isCredentialStep(argv)
    ? await withClientConfig(docker, injectLabel(argv, options.labId), options.cwd)
    : undefined;
  const labelled = credentials?.argv ?? injectLabel(argv, options.labId);
  const objects = createdObjects(argv);
  const existing = await existingObjects(docker, objects, options.signal);
  for (const found of existing) {
    const ours = found.labelled === options.labId;
    if (options.onExisting === 'skip') {
      if (ours) continue;
      throw new LabStepError(
        text,
        `a ${found.object.kind} named "${found.object.name}" already exists and was not made by this lab; rename or remove it, then start the lab again`,
      );
    }
    if (!ours && !options.declared?.has(found.object.name)) {
      throw new LabStepError(
        text,
        `a ${found.object.kind} named "${found.object.name}" already exists and this lab does not own it`,
      );
    }
    const rm =
      found.object.kind === 'container'
        ? ['rm', '-f', '-v', found.id]
        : ['network', 'rm', found.id];
    await docker.run(rm, { signal: options.signal, reject: false });
  }
  if (
    options.onExisting === 'skip' &&
    existing.length > 0 &&
    existing.length === objects.length &&
    objects.every((o) => o.kind === 'container' || o.kind === 'network')
  ) {
    return { argv: labelled, skipped: true, stdout: '', stderr: '', exitCode: 0 };
  }

  const entries = options.journal.before(text, objects);
  const env = { ...(isBuild(argv) ? await buildEnv(docker) : {}), ...credentials?.env };
  const [verb, object] = commandWords(argv);
  const unnamedKind: ObjectKind | undefined =
    verb === 'run' ||
    verb === 'create' ||
    (verb === 'container' && (object === 'run' || object === 'create'))
      ? 'container'
      : isBuild(argv)
        ? 'image'
        : undefined;
  let result;
  try {
    result = await runWithRetries(docker, argv, labelled, {
      cwd: options.cwd,
      env,
      signal: options.signal,
      timeoutMs: options.timeoutMs ?? 120_000,
      reject: false,
    });
  } catch (error) {
    options.journal.after(entries, { ok: false, step: text });
    throw error;
  }
  const ok = result.exitCode === 0;
  const id = idFrom(result.stdout);
  options.journal.after(entries, {
    ok,
    step: text,
    ...(id ? { id } : {}),
    ...(unnamedKind ? { unnamedKind } : {}),
  });
  // The classic builder leaves each earlier stage's last image behind, untagged and
  // unlabelled: journal them so cleanup removes them (only while they stay tagless).
  if (ok && isBuild(argv)) options.journal.addImages(stageImageIds(result.stdout), text);
  if (!ok) {
    // Fault suite: a daemon that dies mid-step makes the CLI print only "error waiting for
    // container: unexpected EOF". Ask the daemon once; if it is gone, say that instead.
    await throwIfDaemonGone(docker, options.signal);
    if (options.allowFailure) return outcome(labelled, result);
    throw new LabStepError(
      text,
      new DockerCommandError(labelled, result.stderr, result.exitCode).stderr ||
        `exit code ${result.exitCode}`,
    );
  }
  return outcome(labelled, result);
}

function outcome(
  argv: readonly string[],
  result: { stdout: string; stderr: string; exitCode: number },
): StepOutcome {
  const { stdout, stderr, exitCode } = result;
  return { argv, skipped: false, stdout, stderr, exitCode };
}

/**
 * A push or pull that hangs gets two more tries. Both are idempotent, and a push to a
 * local registry:2 was seen to hang now and then (Docker 20.10, registry 2.8, a lab's third
 * push in a row, in CI) while the same push run again finished at once.
 */
const RETRY_ON_HANG = { verbs: new Set(['push', 'pull']), tries: 3, timeoutMs: 40_000 };

function runWithRetries(
  docker: StepDocker,
  step: readonly string[],
  argv: readonly string[],
  options: Parameters<StepDocker['run']>[1] & { timeoutMs: number },
) {
  const [verb, object] = commandWords(step);
  const retried =
    RETRY_ON_HANG.verbs.has(verb ?? '') ||
    (verb === 'image' && RETRY_ON_HANG.verbs.has(object ?? ''));
  if (!retried) return docker.run(argv, options);
  const attempt = async (left: number): ReturnType<StepDocker['run']> => {
    try {
      return await docker.run(argv, {
        ...options,
        timeoutMs: Math.min(options.timeoutMs, RETRY_ON_HANG.timeoutMs),
      });
    } catch (error) {
      if (!(error instanceof DockerTimeoutError) || left <= 1) throw error;
      return attempt(left - 1);
    }
  };
  return attempt(RETRY_ON_HANG.tries);
}

/** Throws the typed error (daemon unreachable, permission, timeout) when docker cannot answer. */
async function throwIfDaemonGone(docker: StepDocker, signal?: AbortSignal): Promise<void> {
  try {
    await docker.run(['version', '--format', '{{.Server.Version}}'], {
      timeoutMs: 5000,
      ...(signal ? { signal } : {}),
    });
  } catch (error) {
    if (error instanceof DockerError && error.kind !== 'command-failed') throw error;
  }
}

export { labLabel };

/**
 * The image ids that end each stage but the last in a classic-builder build log: the
 * ` ---> <id>` line just before every later `Step N/M : FROM`.
 */
export function stageImageIds(log: string): string[] {
  const ids: string[] = [];
  let last: string | undefined;
  let steps = 0;
  for (const line of log.split('\n')) {
    const arrow = /^ ---> ([0-9a-f]{12,64})\s*$/.exec(line);
    if (arrow) last = arrow[1];
    if (/^Step \d+\/\d+ : FROM /i.test(line)) {
      if (steps > 0 && last) ids.push(last);
      steps++;
    } else if (/^Step \d+\/\d+ : /.test(line)) steps++;
  }
  return [...new Set(ids)];
}
