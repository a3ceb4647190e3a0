/**
 * What the docker CLI's commands look like, as far as answer matching needs: which words
 * name the same command (`docker images` = `docker image ls`), which flags each command has,
 * their short forms (the same letter means different flags in different commands: `-f` is
 * `--force` for rm, `--filter` for ps, `--file` for build, `--format` for inspect) and which
 * flags take a value (so `-it` and `-p 80:80` split the way docker splits them).
 */

export interface FlagSpec {
  /** The long name without dashes; the canonical key. */
  readonly name: string;
  readonly takesValue: boolean;
}

export interface CommandSpec {
  /** Canonical name, e.g. `image ls`. */
  readonly name: string;
  readonly long: ReadonlyMap<string, FlagSpec>;
  readonly short: ReadonlyMap<string, FlagSpec>;
  /**
   * Flags stop at the n-th positional (run, exec, create...): what follows the image or
   * container is the command run inside it, whose flags are not docker's. 0 = interspersed.
   */
  readonly stopAfterPositionals: number;
}

/**
 * Flag lists in a compact form: `q|quiet`, `f|filter=` (= takes a value), `t|time|timeout=`
 * (one letter = short form, further long names are aliases of the first).
 */
function flags(...specs: string[]): Pick<CommandSpec, 'long' | 'short'> {
  const long = new Map<string, FlagSpec>();
  const short = new Map<string, FlagSpec>();
  for (const raw of specs.flatMap((s) => s.split(',').map((part) => part.trim())).filter(Boolean)) {
    const takesValue = raw.endsWith('=');
    const names = (takesValue ? raw.slice(0, -1) : raw).split('|');
    const longs = names.filter((n) => n.length > 1);
    const shorts = names.filter((n) => n.length === 1);
    const spec: FlagSpec = { name: longs[0] ?? (shorts[0] as string), takesValue };
    for (const n of longs) long.set(n, spec);
    for (const n of shorts) short.set(n, spec);
  }
  return { long, short };
}

const RUN_CREATE = `a|attach=, add-host=, annotation=, blkio-weight=, blkio-weight-device=, cpu-rt-period=, cpu-rt-runtime=,
  device-cgroup-rule=, device-read-bps=, device-read-iops=, device-write-bps=, device-write-iops=,
  disable-content-trust, link-local-ip=, use-api-socket, cap-add=, cap-drop=, cgroupns=,
  cgroup-parent=, cidfile=, cpu-period=, cpu-quota=, c|cpu-shares=, cpus=, cpuset-cpus=, cpuset-mems=,
  detach-keys=, device=, dns=, dns-option=, dns-search=, domainname=, entrypoint=, e|env=, env-file=,
  expose=, gpus=, group-add=, health-cmd=, health-interval=, health-retries=, health-start-period=,
  health-timeout=, h|hostname=, init, i|interactive, ip=, ip6=, ipc=, isolation=, kernel-memory=,
  l|label=, label-file=, link=, log-driver=, log-opt=, mac-address=, m|memory=, memory-reservation=,
  memory-swap=, memory-swappiness=, mount=, name=, network|net=, network-alias|net-alias=,
  no-healthcheck, oom-kill-disable, oom-score-adj=, pid=, pids-limit=, platform=, privileged,
  p|publish=, P|publish-all, pull=, q|quiet, read-only, restart=, rm, runtime=, security-opt=,
  shm-size=, stop-signal=, stop-timeout=, storage-opt=, sysctl=, tmpfs=, t|tty, ulimit=, u|user=,
  userns=, uts=, v|volume=, volume-driver=, volumes-from=, w|workdir=`;

const SERVICE_COMMON = `cap-add=, cap-drop=, constraint=, container-label=, credential-spec=, d|detach, dns=, dns-option=,
  dns-search=, endpoint-mode=, entrypoint=, e|env=, env-file=, generic-resource=, group=, health-cmd=,
  health-interval=, health-retries=, health-start-period=, health-timeout=, host=, hostname=, init,
  isolation=, l|label=, limit-cpu=, limit-memory=, limit-pids=, log-driver=, log-opt=, max-concurrent=,
  mode=, mount=, name=, network=, no-healthcheck, no-resolve-image, placement-pref=, p|publish=,
  q|quiet, read-only, replicas=, replicas-max-per-node=, reserve-cpu=, reserve-memory=,
  restart-condition=, restart-delay=, restart-max-attempts=, restart-window=, rollback-delay=,
  rollback-failure-action=, rollback-max-failure-ratio=, rollback-monitor=, rollback-order=,
  rollback-parallelism=, secret=, config=, stop-grace-period=, stop-signal=, sysctl=, t|tty, ulimit=,
  update-delay=, update-failure-action=, update-max-failure-ratio=, update-monitor=, update-order=,
  update-parallelism=, u|user=, with-registry-auth, w|workdir=`;

const SERVICE_UPDATE = `args=, config-add=, config-rm=, constraint-add=, constraint-rm=,
  container-label-add=, container-label-rm=, dns-add=, dns-rm=, env-add=, env-rm=, force, group-add=,
  group-rm=, image=, label-add=, label-rm=, mount-add=, mount-rm=, network-add=, network-rm=,
  publish-add=, publish-rm=, rollback, secret-add=, secret-rm=, dns-option-add=, dns-option-rm=,
  dns-search-add=, dns-search-rm=, generic-resource-add=, generic-resource-rm=, host-add=, host-rm=,
  placement-pref-add=, placement-pref-rm=, sysctl-add=, sysctl-rm=, ulimit-add=, ulimit-rm=`;

interface Def {
  readonly aliases: readonly string[];
  readonly flags: string;
  readonly stopAfter?: number;
}

/** Canonical command -> the ways to type it and its flags. */
const DEFS: Record<string, Def> = {
  // containers
  'container run': { aliases: ['run'], flags: `${RUN_CREATE}, d|detach, sig-proxy`, stopAfter: 1 },
  'container create': { aliases: ['create'], flags: RUN_CREATE, stopAfter: 1 },
  'container ls': {
    aliases: ['ps', 'container list', 'container ps'],
    flags: 'a|all, f|filter=, format=, n|last=, l|latest, no-trunc, q|quiet, s|size',
  },
  'container rm': { aliases: ['rm', 'container remove'], flags: 'f|force, l|link, v|volumes' },
  'container exec': {
    aliases: ['exec'],
    flags:
      'd|detach, detach-keys=, e|env=, env-file=, i|interactive, privileged, t|tty, u|user=, w|workdir=',
    stopAfter: 1,
  },
  'container start': {
    aliases: ['start'],
    flags: 'a|attach, checkpoint=, checkpoint-dir=, detach-keys=, i|interactive',
  },
  'container stop': { aliases: ['stop'], flags: 's|signal=, t|time|timeout=' },
  'container restart': { aliases: ['restart'], flags: 's|signal=, t|time|timeout=' },
  'container kill': { aliases: ['kill'], flags: 's|signal=' },
  'container logs': {
    aliases: ['logs'],
    flags: 'details, f|follow, since=, n|tail=, t|timestamps, until=',
  },
  'container inspect': { aliases: [], flags: 'f|format=, s|size' },
  'container commit': { aliases: ['commit'], flags: 'a|author=, c|change=, m|message=, p|pause' },
  'container export': { aliases: ['export'], flags: 'o|output=' },
  'container attach': { aliases: ['attach'], flags: 'detach-keys=, no-stdin, sig-proxy' },
  'container diff': { aliases: ['diff'], flags: '' },
  'container cp': { aliases: ['cp'], flags: 'a|archive, L|follow-link, q|quiet' },
  'container top': { aliases: ['top'], flags: '', stopAfter: 1 },
  'container port': { aliases: ['port'], flags: '' },
  'container rename': { aliases: ['rename'], flags: '' },
  'container pause': { aliases: ['pause'], flags: '' },
  'container unpause': { aliases: ['unpause'], flags: '' },
  'container wait': { aliases: ['wait'], flags: '' },
  'container stats': { aliases: ['stats'], flags: 'a|all, format=, no-stream, no-trunc' },
  'container update': {
    aliases: ['update'],
    flags:
      'blkio-weight=, cpu-period=, cpu-quota=, cpu-rt-period=, cpu-rt-runtime=, c|cpu-shares=, cpus=, cpuset-cpus=, cpuset-mems=, kernel-memory=, m|memory=, memory-reservation=, memory-swap=, pids-limit=, restart=',
  },
  'container prune': { aliases: [], flags: 'filter=, f|force' },
  // images
  'image ls': {
    aliases: ['images', 'image list'],
    flags: 'a|all, digests, f|filter=, format=, no-trunc, q|quiet, tree',
  },
  'image rm': { aliases: ['rmi', 'image remove'], flags: 'f|force, no-prune, platform=' },
  'image build': {
    aliases: ['build', 'builder build'],
    flags:
      'add-host=, build-arg=, cache-from=, cache-to=, cgroup-parent=, compress, cpu-period=, cpu-quota=, c|cpu-shares=, cpuset-cpus=, cpuset-mems=, disable-content-trust, f|file=, force-rm, iidfile=, isolation=, label=, load, m|memory=, memory-swap=, network=, no-cache, o|output=, platform=, progress=, pull, push, q|quiet, rm, secret=, security-opt=, shm-size=, squash, ssh=, t|tag=, target=, ulimit=',
  },
  'image inspect': { aliases: [], flags: 'f|format=, platform=' },
  'image import': { aliases: ['import'], flags: 'c|change=, m|message=, platform=' },
  'image save': { aliases: ['save'], flags: 'o|output=, platform=' },
  'image load': { aliases: ['load'], flags: 'i|input=, q|quiet, platform=' },
  'image tag': { aliases: ['tag'], flags: '' },
  'image push': {
    aliases: ['push'],
    flags: 'a|all-tags, disable-content-trust, platform=, q|quiet',
  },
  'image pull': {
    aliases: ['pull'],
    flags: 'a|all-tags, disable-content-trust, platform=, q|quiet',
  },
  'image history': {
    aliases: ['history'],
    flags: 'format=, H|human, no-trunc, platform=, q|quiet',
  },
  'image prune': { aliases: [], flags: 'a|all, filter=, f|force' },
  inspect: { aliases: [], flags: 'f|format=, s|size, type=' },
  // registry, system
  login: { aliases: [], flags: 'p|password=, password-stdin, u|username=' },
  logout: { aliases: [], flags: '' },
  search: { aliases: [], flags: 'f|filter=, format=, limit=, no-trunc' },
  'system info': { aliases: ['info'], flags: 'f|format=' },
  version: { aliases: [], flags: 'f|format=' },
  'system df': { aliases: [], flags: 'format=, v|verbose' },
  'system prune': { aliases: [], flags: 'a|all, filter=, f|force, volumes' },
  'system events': { aliases: ['events'], flags: 'f|filter=, format=, since=, until=' },
  // volumes, networks
  'volume create': { aliases: [], flags: 'd|driver=, label=, o|opt=' },
  'volume ls': { aliases: ['volume list'], flags: 'f|filter=, format=, q|quiet' },
  'volume rm': { aliases: ['volume remove'], flags: 'f|force' },
  'volume inspect': { aliases: [], flags: 'f|format=' },
  'volume prune': { aliases: [], flags: 'a|all, filter=, f|force' },
  'network create': {
    aliases: [],
    flags:
      'attachable, aux-address=, config-from=, config-only, d|driver=, gateway=, ingress, internal, ip-range=, ipv4, ipam-driver=, ipam-opt=, ipv6, label=, o|opt=, scope=, subnet=',
  },
  'network ls': { aliases: ['network list'], flags: 'f|filter=, format=, no-trunc, q|quiet' },
  'network rm': { aliases: ['network remove'], flags: 'f|force' },
  'network inspect': { aliases: [], flags: 'f|format=, v|verbose' },
  'network connect': {
    aliases: [],
    flags: 'alias=, driver-opt=, gw-priority=, ip=, ip6=, link=, link-local-ip=',
  },
  'network disconnect': { aliases: [], flags: 'f|force' },
  'network prune': { aliases: [], flags: 'filter=, f|force' },
  // swarm
  'swarm init': {
    aliases: [],
    flags:
      'advertise-addr=, autolock, availability=, cert-expiry=, data-path-addr=, data-path-port=, default-addr-pool=, default-addr-pool-mask-length=, dispatcher-heartbeat=, external-ca=, force-new-cluster, listen-addr=, max-snapshots=, snapshot-interval=, task-history-limit=',
  },
  'swarm join': {
    aliases: [],
    flags: 'advertise-addr=, availability=, data-path-addr=, listen-addr=, token=',
  },
  'swarm join-token': { aliases: [], flags: 'q|quiet, rotate' },
  'swarm leave': { aliases: [], flags: 'f|force' },
  'swarm unlock-key': { aliases: [], flags: 'q|quiet, rotate' },
  'swarm update': {
    aliases: [],
    flags:
      'autolock, cert-expiry=, dispatcher-heartbeat=, external-ca=, max-snapshots=, snapshot-interval=, task-history-limit=',
  },
  'node ls': { aliases: ['node list'], flags: 'f|filter=, format=, q|quiet' },
  'node update': { aliases: [], flags: 'availability=, label-add=, label-rm=, role=' },
  'node inspect': { aliases: [], flags: 'f|format=, pretty' },
  'node rm': { aliases: ['node remove'], flags: 'f|force' },
  'node ps': { aliases: [], flags: 'f|filter=, format=, no-resolve, no-trunc, q|quiet' },
  'service create': { aliases: [], flags: SERVICE_COMMON, stopAfter: 1 },
  'service update': { aliases: [], flags: `${SERVICE_COMMON}, ${SERVICE_UPDATE}` },
  'service ls': { aliases: ['service list'], flags: 'f|filter=, format=, q|quiet' },
  'service ps': { aliases: [], flags: 'f|filter=, format=, no-resolve, no-trunc, q|quiet' },
  'service rm': { aliases: ['service remove'], flags: '' },
  'service scale': { aliases: [], flags: 'd|detach' },
  'service logs': {
    aliases: [],
    flags:
      'details, f|follow, no-resolve, no-task-ids, no-trunc, raw, since=, n|tail=, t|timestamps',
  },
  'service inspect': { aliases: [], flags: 'f|format=, pretty' },
  'service rollback': { aliases: [], flags: 'd|detach, q|quiet' },
  'stack deploy': {
    aliases: ['stack up'],
    flags: 'c|compose-file=, d|detach, prune, q|quiet, resolve-image=, with-registry-auth',
  },
  'stack ls': { aliases: ['stack list'], flags: 'format=' },
  'stack ps': { aliases: [], flags: 'f|filter=, format=, no-resolve, no-trunc, q|quiet' },
  'stack rm': { aliases: ['stack remove', 'stack down'], flags: 'd|detach' },
  'stack services': { aliases: [], flags: 'f|filter=, format=, q|quiet' },
  'secret create': { aliases: [], flags: 'd|driver=, l|label=, template-driver=' },
  'secret ls': { aliases: ['secret list'], flags: 'f|filter=, format=, q|quiet' },
  'config create': { aliases: [], flags: 'l|label=, template-driver=' },
  'config ls': { aliases: ['config list'], flags: 'f|filter=, format=, q|quiet' },
  'context use': { aliases: [], flags: '' },
  'context ls': { aliases: ['context list'], flags: 'format=, q|quiet' },
  'trust sign': { aliases: [], flags: 'local' },
  'trust inspect': { aliases: [], flags: 'pretty' },
};

/** Words that take a second word to name a command (`docker image ls`). */
export const MANAGEMENT_GROUPS = new Set([
  'builder',
  'checkpoint',
  'config',
  'container',
  'context',
  'image',
  'manifest',
  'network',
  'node',
  'plugin',
  'secret',
  'service',
  'stack',
  'swarm',
  'system',
  'trust',
  'volume',
]);

/** Flags of `docker` itself, before the command (`docker -H ssh://x ps`). */
export const GLOBAL_FLAGS = flags(
  'config=, c|context=, D|debug, H|host=, l|log-level=, tls, tlscacert=, tlscert=, tlskey=, tlsverify',
);

const SPECS = new Map<string, CommandSpec>();
const BY_ALIAS = new Map<string, string>();
for (const [name, def] of Object.entries(DEFS)) {
  SPECS.set(name, { name, ...flags(def.flags), stopAfterPositionals: def.stopAfter ?? 0 });
  BY_ALIAS.set(name, name);
  for (const alias of def.aliases) BY_ALIAS.set(alias, name);
}

/** The canonical name for what the user typed (`images` -> `image ls`), if docker knows it. */
export function canonicalCommand(words: string): string | undefined {
  return BY_ALIAS.get(words);
}

export function commandSpec(canonical: string): CommandSpec | undefined {
  return SPECS.get(canonical);
}

/** A command dockdrill has no table for: every flag is read as written. */
export function unknownCommandSpec(name: string): CommandSpec {
  return { name, long: new Map(), short: new Map(), stopAfterPositionals: 0 };
}

/**
 * Commands that do the same job for the answer's purpose: plain `docker inspect` finds a
 * container or an image by name, so it answers a `container inspect` or `image inspect` question.
 */
export function sameCommand(a: string, b: string): boolean {
  if (a === b) return true;
  const generic = (x: string, y: string) =>
    x === 'inspect' && (y === 'container inspect' || y === 'image inspect');
  return generic(a, b) || generic(b, a);
}
