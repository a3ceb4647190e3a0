/**
 * Host ports a lab publishes. A lab names them in its front matter with the port it would
 * like (`ports: { registry: 5000 }`) and writes `${port.registry}` wherever the number
 * goes (prose, setup, checks, solutions, resources). When the lab starts, a port that is
 * taken on the learner's machine (the AirPlay Receiver holds 5000 on macOS, a registry of
 * their own may too) is replaced by the next free one, and the learner is told. The choice
 * is kept in the lab's folder so later sessions, `check` and `report` use the same ports.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { labDir } from './journal.js';

/** `${port.name}` in a lab's text. */
export const PORT_REFERENCE = /\$\{port\.([a-z0-9]+(?:-[a-z0-9]+)*)\}/g;

/** A lab's ports by name. */
export type LabPorts = Readonly<Record<string, number>>;

/** The text with every `${port.name}` that `ports` knows replaced by its number. */
export function substitutePorts(text: string, ports: LabPorts): string {
  return text.replace(PORT_REFERENCE, (whole, name: string) =>
    ports[name] !== undefined ? String(ports[name]) : whole,
  );
}

/** Whether nothing listens on `port` on this machine (any address), checked by binding it. */
export function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen({ port, host: '0.0.0.0', exclusive: true }, () => {
      server.close(() => resolve(true));
    });
  });
}

export interface PortChoice {
  readonly ports: LabPorts;
  /** The ports that were taken and what the lab uses instead. */
  readonly moved: readonly MovedPort[];
}

export interface MovedPort {
  readonly name: string;
  readonly from: number;
  readonly to: number;
  /** The other name of this lab that took `from`, when the lab itself took it. */
  readonly takenBy?: string;
}

/**
 * The wanted ports, each replaced by the next free one (up to 200 further) when taken.
 * Two names never get the same port.
 */
export async function choosePorts(
  wanted: LabPorts,
  isFree: (port: number) => Promise<boolean> = isPortFree,
): Promise<PortChoice> {
  const ports: Record<string, number> = {};
  const moved: MovedPort[] = [];
  const used = new Map<number, string>();
  for (const [name, from] of Object.entries(wanted)) {
    let to = from;
    while ((used.has(to) || !(await isFree(to))) && to < from + 200 && to < 65535) to++;
    if (used.has(to) || !(await isFree(to)))
      throw new Error(`no free port for "${name}" between ${from} and ${to}`);
    ports[name] = to;
    const takenBy = used.get(from);
    used.set(to, name);
    if (to !== from) moved.push({ name, from, to, ...(takenBy ? { takenBy } : {}) });
  }
  return { ports, moved };
}

/** What the learner reads when a port was taken. */
export function movedPortsMessage(moved: PortChoice['moved']): string {
  return moved
    .map(({ name, from, to, takenBy }) =>
      takenBy
        ? `Port ${from} now serves ${takenBy}, so this lab uses ${to} for ${name}.`
        : `Port ${from} is in use on this machine, so this lab uses ${to} for ${name} instead: the task text and checks say ${to}.`,
    )
    .join(' ');
}

function portsFile(dataDir: string, labId: string): string {
  return join(labDir(dataDir, labId), 'ports.json');
}

/** The ports chosen when the lab started here, or undefined before its first start. */
export function readChosenPorts(dataDir: string, labId: string): LabPorts | undefined {
  const file = portsFile(dataDir, labId);
  if (!existsSync(file)) return undefined;
  try {
    const data = JSON.parse(readFileSync(file, 'utf8')) as unknown;
    if (!data || typeof data !== 'object' || Array.isArray(data)) return undefined;
    const out: Record<string, number> = {};
    for (const [name, port] of Object.entries(data as Record<string, unknown>))
      if (Number.isInteger(port) && (port as number) > 0 && (port as number) < 65536)
        out[name] = port as number;
    return out;
  } catch {
    return undefined; // a broken file: the next start chooses again
  }
}

export function writeChosenPorts(dataDir: string, labId: string, ports: LabPorts): void {
  const file = portsFile(dataDir, labId);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(ports, null, 2)}\n`);
}
