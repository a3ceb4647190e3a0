/**
 * The host-side address of an engine's default bridge: where the host reaches published
 * ports on an address that is not loopback (so the daemon does not treat a registry there
 * as insecure by default).
 *
 * The engine does not always report it. Docker 20.10, on the first start of a fresh data
 * root, reports the bridge's IPAM config as `[{"Subnet":"172.17.0.0/16"}]` with no
 * Gateway, and adds the Gateway only after a restart: exactly a new CI machine's case. So
 * the address comes from, in order: the IPAM Gateway, the bridge interface's own IPv4
 * address, the first host of the IPAM subnet.
 */
import { spawnSync } from 'node:child_process';

/** What `docker network inspect bridge` says that matters here. */
export interface BridgeFacts {
  /** IPAM.Config entries as the engine reports them. */
  readonly ipam: ReadonlyArray<{ readonly Subnet?: string; readonly Gateway?: string }>;
  /** The Linux interface behind the network (com.docker.network.bridge.name), e.g. docker0. */
  readonly interfaceName: string;
}

export interface BridgeAddress {
  readonly address: string;
  /** Which fact gave it: the engine's Gateway, the interface, or the subnet's first host. */
  readonly source: 'gateway' | 'interface' | 'subnet';
}

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

/** The first usable host of an IPv4 CIDR ("172.17.0.0/16" -> "172.17.0.1"). */
export function firstHost(cidr: string): string | undefined {
  const [net, bitsText] = cidr.split('/');
  const bits = Number(bitsText);
  const m = IPV4.exec(net ?? '');
  if (!m || !Number.isInteger(bits) || bits < 0 || bits > 30) return undefined;
  const value = m.slice(1).reduce((n, part) => n * 256 + Number(part), 0);
  const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
  const host = (((value & mask) >>> 0) + 1) >>> 0;
  return [24, 16, 8, 0].map((shift) => (host >>> shift) & 255).join('.');
}

/**
 * Picks the address from the facts; `interfaceAddress` reads an interface's IPv4 address
 * (undefined when it has none). Throws a message that says what the engine reported.
 */
export function pickBridgeAddress(
  facts: BridgeFacts,
  interfaceAddress: (name: string) => string | undefined,
): BridgeAddress {
  const gateway = facts.ipam.map((c) => c.Gateway ?? '').find((g) => IPV4.test(g));
  if (gateway) return { address: gateway, source: 'gateway' };
  const own = facts.interfaceName ? interfaceAddress(facts.interfaceName) : undefined;
  if (own && IPV4.test(own)) return { address: own, source: 'interface' };
  for (const { Subnet } of facts.ipam) {
    const host = Subnet ? firstHost(Subnet) : undefined;
    if (host) return { address: host, source: 'subnet' };
  }
  throw new Error(
    `cannot find the bridge's host address: IPAM config ${JSON.stringify(facts.ipam)}, ` +
      `interface "${facts.interfaceName || '(none)'}" has no IPv4 address`,
  );
}

/** Parses `docker network inspect bridge --format '{{json .}}'`. */
export function bridgeFacts(inspectJson: string): BridgeFacts {
  const parsed = JSON.parse(inspectJson) as {
    IPAM?: { Config?: BridgeFacts['ipam'] | null };
    Options?: Record<string, string> | null;
  };
  return {
    ipam: parsed.IPAM?.Config ?? [],
    interfaceName: parsed.Options?.['com.docker.network.bridge.name'] ?? '',
  };
}

/** An interface's first IPv4 address, read with `ip` (optionally as `prefix` runs it). */
export function readInterfaceAddress(
  name: string,
  prefix: readonly string[] = [],
): string | undefined {
  const argv = [...prefix, 'ip', '-4', '-o', 'addr', 'show', 'dev', name];
  const r = spawnSync(argv[0]!, argv.slice(1), { encoding: 'utf8' });
  if (r.status !== 0) return undefined;
  return /\binet (\d+\.\d+\.\d+\.\d+)\//.exec(r.stdout ?? '')?.[1];
}

/** The default bridge's host address on the engine `dockerArgs` reaches (the shared one by default). */
export function bridgeHostAddress(
  docker: (args: readonly string[]) => string,
  interfaceAddress: (name: string) => string | undefined = (name) => readInterfaceAddress(name),
): BridgeAddress {
  const facts = bridgeFacts(docker(['network', 'inspect', 'bridge', '--format', '{{json .}}']));
  return pickBridgeAddress(facts, interfaceAddress);
}
