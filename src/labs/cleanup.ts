/**
 * Cleanup removes exactly what belongs to a lab: objects labelled `dockdrill.lab=<id>`,
 * the names the lab declares in `resources`, and what its journal recorded. Names are
 * matched exactly (never `--filter name=`, which matches substrings), images are removed
 * with plain `docker rmi` (never -f, never prune), and containers with `rm -f -v` so their
 * anonymous volumes go too. `planCleanup` is read-only, so a screen can show the list first.
 */
import type { Docker } from '../docker/index.js';
import { listLabelled } from '../docker/labelled.js';
import { LAB_LABEL, labLabel, labLabelOf, normalizeImageRef, type ObjectKind } from './labels.js';
import { Journal, journalPath, readJournal } from './journal.js';
import type { LabResources } from './types.js';

export type CleanupReason = 'label' | 'declared' | 'journal';

export interface CleanupItem {
  readonly kind: ObjectKind;
  /** What the learner sees: a container name, an image tag, a volume name ... */
  readonly name: string;
  /** What is passed to docker: an id for containers, networks and untagged images; the tag for tags. */
  readonly target: string;
  readonly reasons: readonly CleanupReason[];
}

export interface CleanupPlan {
  readonly labId: string;
  readonly items: readonly CleanupItem[];
  readonly journalPath?: string;
}

export interface CleanupReport {
  readonly removed: readonly CleanupItem[];
  readonly failed: readonly { item: CleanupItem; error: string }[];
}

export interface CleanupTarget {
  readonly labId: string;
  readonly resources?: Partial<LabResources>;
  /** Where the journal lives; without it only labels and declared names count. */
  readonly dataDir?: string;
}

type CleanupDocker = Pick<Docker, 'run' | 'inspect'>;

class PlanBuilder {
  private readonly byKey = new Map<
    string,
    { kind: ObjectKind; name: string; target: string; reasons: Set<CleanupReason> }
  >();

  add(kind: ObjectKind, name: string, target: string, reason: CleanupReason): void {
    const key = `${kind}\0${target}`;
    const item = this.byKey.get(key) ?? { kind, name, target, reasons: new Set<CleanupReason>() };
    item.reasons.add(reason);
    this.byKey.set(key, item);
  }

  items(): CleanupItem[] {
    const order: ObjectKind[] = ['container', 'image', 'volume', 'network'];
    return [...this.byKey.values()]
      .map((item) => ({
        kind: item.kind,
        name: item.name,
        target: item.target,
        reasons: [...item.reasons].sort(),
      }))
      .sort(
        (a, b) => order.indexOf(a.kind) - order.indexOf(b.kind) || a.name.localeCompare(b.name),
      );
  }
}

/** Works out what cleanup would remove. Read-only: about eight docker calls whatever the lab. */
export async function planCleanup(
  docker: CleanupDocker,
  target: CleanupTarget,
  options: { signal?: AbortSignal } = {},
): Promise<CleanupPlan> {
  const { labId } = target;
  const label = labLabel(labId);
  const journalFile = target.dataDir ? journalPath(target.dataDir, labId) : undefined;
  const journal = journalFile ? readJournal(journalFile) : undefined;
  const resources = target.resources ?? {};
  const plan = new PlanBuilder();

  const [containers, images, volumes, networks] = await Promise.all(
    (['container', 'image', 'volume', 'network'] as const).map((kind) =>
      listLabelled(docker.run, kind, label, options),
    ),
  );
  for (const c of containers!)
    plan.add('container', c.names[0] ?? c.id.slice(0, 12), c.id, 'label');
  for (const v of volumes!) plan.add('volume', v.id, v.id, 'label');
  for (const n of networks!) plan.add('network', n.names[0] ?? n.id.slice(0, 12), n.id, 'label');

  // Names and ids to confirm, per kind, with why we want them.
  const declared: Record<ObjectKind, readonly string[]> = {
    container: resources.containers ?? [],
    image: resources.images ?? [],
    volume: resources.volumes ?? [],
    network: resources.networks ?? [],
  };
  const journalled: Record<ObjectKind, { name?: string; id?: string }[]> = {
    container: [],
    image: [],
    volume: [],
    network: [],
  };
  for (const entry of journal?.entries ?? [])
    journalled[entry.kind].push({
      ...(entry.name ? { name: entry.name } : {}),
      ...(entry.id ? { id: entry.id } : {}),
    });

  // A labelled image was built by the lab (or FROM a lab image): its tags go, then the image.
  for (const image of images!) {
    for (const tag of image.names) plan.add('image', tag, tag, 'label');
    if (image.names.length === 0)
      plan.add('image', image.id.replace(/^sha256:/, '').slice(0, 12), image.id, 'label');
  }

  await Promise.all(
    (['container', 'image', 'volume', 'network'] as const).map(async (kind) => {
      const asks = new Map<string, CleanupReason>();
      for (const name of declared[kind]) asks.set(name, 'declared');
      for (const entry of journalled[kind]) {
        if (entry.name && !asks.has(entry.name)) asks.set(entry.name, 'journal');
        if (entry.id && !asks.has(entry.id)) asks.set(entry.id, 'journal');
      }
      if (asks.size === 0) return;
      const batch = await docker.inspect(kind, [...asks.keys()], options);
      const journalIds = new Set(journalled[kind].flatMap((e) => (e.id ? [e.id] : [])));
      for (const [asked, object] of batch.found) {
        const reason = asks.get(asked)!;
        const id = String(object.Id ?? object.ID ?? object.Name ?? '');
        const isId = journalIds.has(asked);
        if (kind === 'container') {
          const name = String(object.Name ?? '').replace(/^\//, '');
          // inspect matches id prefixes too; only an exact name (or a journalled id) counts.
          if (name !== asked && !(isId && id.startsWith(asked))) continue;
          plan.add('container', name, id, reason);
        } else if (kind === 'image') {
          const tags = ((object.RepoTags as string[] | null) ?? []).map(normalizeImageRef);
          if (isId) {
            // Docker prints short ids (`---> 0123456789ab`); inspect returns `sha256:<64 hex>`.
            if (!id.replace(/^sha256:/, '').startsWith(asked.replace(/^sha256:/, ''))) continue;
            // An id from a build: remove it by id only when it has no tag left (tags go by name).
            if (tags.length === 0)
              plan.add('image', id.replace(/^sha256:/, '').slice(0, 12), id, reason);
            continue;
          }
          if (!tags.includes(normalizeImageRef(asked))) continue;
          plan.add('image', asked, asked, reason);
        } else if (kind === 'volume') {
          if (String(object.Name) !== asked) continue;
          plan.add('volume', asked, asked, reason);
        } else {
          const name = String(object.Name ?? '');
          if (name !== asked && !(isId && id.startsWith(asked))) continue;
          if (['bridge', 'host', 'none'].includes(name)) continue;
          plan.add('network', name, id, reason);
        }
      }
    }),
  );
  return { labId, items: plan.items(), ...(journalFile ? { journalPath: journalFile } : {}) };
}

/** Per-target failures from a multi-target rm/rmi call's stderr. */
function failuresFrom(stderr: string, items: readonly CleanupItem[]): Map<CleanupItem, string> {
  const failed = new Map<CleanupItem, string>();
  for (const line of stderr
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)) {
    if (/no such (container|image|volume|network)|not found/i.test(line)) continue; // already gone: fine
    const item = items.find(
      (i) =>
        line.includes(i.target) ||
        line.includes(i.name) ||
        line.includes(i.target.replace(/^sha256:/, '').slice(0, 12)),
    );
    if (item) failed.set(item, line);
    else if (items.length === 1) failed.set(items[0]!, line);
  }
  return failed;
}

/**
 * Image tags go first, then untagged images by id, newest first: an earlier build stage's
 * image is the parent of a later one, and docker refuses to remove a parent first.
 */
function order(items: readonly CleanupItem[]): CleanupItem[] {
  const byId = items.filter((item) => item.kind === 'image' && item.target.startsWith('sha256:'));
  return [...items.filter((item) => !byId.includes(item)), ...byId.reverse()];
}

const RETRY_PAUSE_MS = 300;

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
  });
}

/** A refusal that can pass on the next try (see `cleanup`). */
const IN_PROGRESS = /already in progress/i;
/** Docker's refusals to remove an image a container still uses (tag or id). */
const IMAGE_IN_USE = /is using its referenced image|is being used by (running|stopped) container/i;

/** Removes the plan's objects: containers, then images, volumes, networks; one call per kind. */
export async function cleanup(
  docker: CleanupDocker,
  plan: CleanupPlan,
  options: { signal?: AbortSignal; keepJournal?: boolean } = {},
): Promise<CleanupReport> {
  const removed: CleanupItem[] = [];
  const failed: { item: CleanupItem; error: string }[] = [];
  const commands: [ObjectKind, (targets: string[]) => string[]][] = [
    ['container', (t) => ['rm', '-f', '-v', ...t]],
    ['image', (t) => ['rmi', ...t]],
    ['volume', (t) => ['volume', 'rm', ...t]],
    ['network', (t) => ['network', 'rm', ...t]],
  ];
  for (const [kind, argv] of commands) {
    let items = order(plan.items.filter((item) => item.kind === kind));
    // Up to three passes over what was refused, when the refusal can pass: an untagged
    // parent image is free once its child went in the same pass (the order above cannot
    // always tell parents from children: labelled ones are listed by creation time, in
    // whole seconds), and a container docker is already removing (a `run` check's --rm
    // container that just exited) is gone a moment later.
    for (let pass = 3; items.length > 0 && pass > 0; pass--) {
      if (pass < 3) await sleep(RETRY_PAUSE_MS, options.signal);
      const result = await docker.run(argv(items.map((item) => item.target)), {
        signal: options.signal,
        reject: false,
        timeoutMs: 120_000,
      });
      const failures =
        result.exitCode === 0 ? new Map<CleanupItem, string>() : failuresFrom(result.stderr, items);
      removed.push(...items.filter((item) => !failures.has(item)));
      const refused = items.filter((item) => failures.has(item));
      const errors = refused.map((item) => failures.get(item)!);
      let passing = errors.some((error) => IN_PROGRESS.test(error));
      // An image still in use by one of the lab's own containers that came after the plan
      // was made: a `run` check cut short as the learner left starts its throwaway
      // container a moment after the docker client is gone. It carries the lab's label,
      // so it is ours to remove; anything else using the image keeps it.
      if (kind === 'image' && pass > 1 && errors.some((error) => IMAGE_IN_USE.test(error)))
        passing = (await removeLateContainers(docker, plan.labId, removed, options)) || passing;
      const retry = (refused.length < items.length || passing) && pass > 1;
      if (!retry) failed.push(...refused.map((item, i) => ({ item, error: errors[i]! })));
      items = retry ? refused : [];
    }
  }
  if (failed.length === 0 && plan.journalPath && !options.keepJournal)
    new Journal(plan.journalPath, plan.labId).remove();
  return { removed, failed };
}

/** Removes the lab's labelled containers that are still there; true if there were any. */
async function removeLateContainers(
  docker: CleanupDocker,
  labId: string,
  removed: CleanupItem[],
  options: { signal?: AbortSignal },
): Promise<boolean> {
  const late = await listLabelled(docker.run, 'container', labLabel(labId), options);
  if (late.length === 0) return false;
  await docker.run(['rm', '-f', '-v', ...late.map((c) => c.id)], {
    signal: options.signal,
    reject: false,
    timeoutMs: 120_000,
  });
  for (const c of late)
    removed.push({
      kind: 'container',
      name: c.names[0] ?? c.id.slice(0, 12),
      target: c.id,
      reasons: ['label'],
    });
  return true;
}

/** Anything still labelled for the lab or still named as it declares (for self-tests). */
export async function leftovers(
  docker: CleanupDocker,
  target: CleanupTarget,
  options: { signal?: AbortSignal } = {},
): Promise<string[]> {
  const plan = await planCleanup(
    docker,
    { labId: target.labId, ...(target.resources ? { resources: target.resources } : {}) },
    options,
  );
  return plan.items.map((item) => `${item.kind} ${item.name} (${item.reasons.join(', ')})`);
}

export { LAB_LABEL, normalizeImageRef };

/** An object with a name the lab declares that is not the lab's: the learner's own. */
export interface ForeignObject {
  readonly kind: ObjectKind;
  readonly name: string;
}

/**
 * Declared names that already exist and do not carry the lab's label. Checked before a
 * fresh start (the app and self-test alike): such an object is the learner's own, and the
 * lab must neither use nor clean it up, so it stops with `foreignObjectsMessage`.
 */
export async function foreignObjects(
  docker: CleanupDocker,
  labId: string,
  resources: Partial<LabResources>,
  options: { signal?: AbortSignal } = {},
): Promise<ForeignObject[]> {
  const out: ForeignObject[] = [];
  const kinds = [
    ['container', resources.containers],
    ['image', resources.images],
    ['volume', resources.volumes],
    ['network', resources.networks],
  ] as const;
  for (const [kind, names] of kinds) {
    if (!names?.length) continue;
    const batch = await docker.inspect(kind, names, options);
    for (const [name, object] of batch.found) {
      if (labLabelOf(object, kind) === labId) continue;
      // inspect also matches id prefixes (and an image by another tag): exact names only.
      const actual =
        kind === 'image'
          ? ((object.RepoTags as string[] | null) ?? []).map(normalizeImageRef)
          : [String(object.Name ?? '').replace(/^\//, '')];
      const wanted = kind === 'image' ? normalizeImageRef(name) : name;
      if (actual.includes(wanted)) out.push({ kind, name });
    }
  }
  return out;
}

/** What the learner reads when their own objects stand in a lab's way. */
export function foreignObjectsMessage(labId: string, found: readonly ForeignObject[]): string {
  const list = found.map((object) => `${object.kind} "${object.name}"`).join(', ');
  const first = found[0]!;
  const rename =
    first.kind === 'container'
      ? `docker rename ${first.name} ${first.name}-mine`
      : first.kind === 'image'
        ? `docker tag ${first.name} <another name>, then docker rmi ${first.name}`
        : `docker ${first.kind} rm ${first.name}`;
  return (
    `${list} already ${found.length === 1 ? 'exists' : 'exist'} and ${found.length === 1 ? 'is' : 'are'} not the lab's (no ${LAB_LABEL}=${labId} label). ` +
    `The lab uses ${found.length === 1 ? 'that name' : 'those names'} and would clean ${found.length === 1 ? 'it' : 'them'} up, so it does not start: ` +
    `rename or remove ${found.length === 1 ? 'it' : 'them'} yourself (e.g. ${rename}), then start the lab again.`
  );
}
