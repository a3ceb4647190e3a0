/**
 * Lab ports (src/labs/ports.ts): `${port.name}` in a lab's text, a taken port moved to the
 * next free one, and the choice kept for later sessions.
 */
import { createServer, type Server } from 'node:net';
import { describe, expect, it } from 'vitest';
import { parseLab } from '../../src/labs/parse-lab.js';
import {
  choosePorts,
  isPortFree,
  movedPortsMessage,
  readChosenPorts,
  substitutePorts,
  writeChosenPorts,
} from '../../src/labs/ports.js';
import { makeTempDir } from '../helpers/home.js';

const LAB = `---
id: port-lab
title: A lab on port \${port.registry}
images: [registry:2]
ports: { registry: 5000 }
resources:
  images: ["localhost:\${port.registry}/app:1"]
setup:
  - [run, -d, --name, port-reg, -p, "\${port.registry}:5000", registry:2]
---

The registry listens on localhost:\${port.registry}.

## Task: push
Push localhost:\${port.registry}/app:1.

\`\`\`check
- kind: registry
  registry: "localhost:\${port.registry}"
  repository: app
  tag: "1"
\`\`\`

#### Hint
- push it

#### Solution
\`\`\`sh
docker tag busybox:1.36 localhost:\${port.registry}/app:1
docker push localhost:\${port.registry}/app:1
\`\`\`
`;

describe('lab ports', () => {
  it('reads a lab with its wanted ports, or with the chosen ones, everywhere in its text', () => {
    const wanted = parseLab(LAB, '/x/lab.md');
    expect(wanted.problems).toEqual([]);
    expect(wanted.lab?.ports).toEqual({ registry: 5000 });
    expect(wanted.lab?.setup[0]).toContain('5000:5000');
    const moved = parseLab(LAB, '/x/lab.md', { ports: { registry: 5003 } }).lab!;
    expect(moved.ports).toEqual({ registry: 5003 });
    expect(moved.title).toBe('A lab on port 5003');
    expect(moved.intro).toContain('localhost:5003');
    expect(moved.setup[0]).toContain('5003:5000');
    expect(moved.resources.images).toEqual(['localhost:5003/app:1']);
    expect(moved.tasks[0]!.checks[0]).toMatchObject({ registry: 'localhost:5003' });
    expect(moved.tasks[0]!.solution.commands.map((c) => c.argv.join(' '))).toEqual([
      'tag busybox:1.36 localhost:5003/app:1',
      'push localhost:5003/app:1',
    ]);
  });

  it('an undeclared port name is a lint error at its line', () => {
    const text = LAB.replace(
      'The registry listens on localhost:${port.registry}.',
      'See ${port.web}.',
    );
    const problems = parseLab(text, '/x/lab.md').problems;
    expect(problems).toContainEqual(
      expect.objectContaining({
        line: 12,
        code: 'unknown-port',
        message: expect.stringContaining('"${port.web}" names no port'),
      }),
    );
  });

  it('a port outside 1024-65535 is refused', () => {
    const problems = parseLab(
      LAB.replace('registry: 5000 }', 'registry: 80 }'),
      '/x/lab.md',
    ).problems;
    expect(problems.map((p) => p.message).join('\n')).toMatch(
      /a port is a number from 1024 to 65535/,
    );
  });

  it('moves a taken port to the next free one, never giving two names the same port', async () => {
    const taken = new Set([5000, 5001, 5003]);
    const choice = await choosePorts({ a: 5000, b: 5001 }, async (port) => !taken.has(port));
    expect(choice.ports).toEqual({ a: 5002, b: 5004 });
    expect(choice.moved).toEqual([
      { name: 'a', from: 5000, to: 5002 },
      { name: 'b', from: 5001, to: 5004 },
    ]);
    expect(movedPortsMessage(choice.moved)).toContain(
      'Port 5000 is in use on this machine, so this lab uses 5002 for a instead',
    );
    expect((await choosePorts({ a: 6000 }, async () => true)).moved).toEqual([]);
    // The lab's own first port may take the second one's: said as such, not "in use".
    const chained = await choosePorts({ a: 5000, b: 5001 }, async (port) => port !== 5000);
    expect(chained.moved).toEqual([
      { name: 'a', from: 5000, to: 5001 },
      { name: 'b', from: 5001, to: 5002, takenBy: 'a' },
    ]);
    expect(movedPortsMessage(chained.moved)).toContain(
      'Port 5001 now serves a, so this lab uses 5002 for b.',
    );
  });

  it('tells a port in use from a free one on this machine', async () => {
    const server: Server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    expect(await isPortFree(port)).toBe(false);
    await new Promise<void>((resolve) => server.close(() => resolve()));
    expect(await isPortFree(port)).toBe(true);
  });

  it('keeps the choice per lab in the learner home', () => {
    const home = makeTempDir();
    expect(readChosenPorts(home, 'pack/lab')).toBeUndefined();
    writeChosenPorts(home, 'pack/lab', { registry: 5002 });
    expect(readChosenPorts(home, 'pack/lab')).toEqual({ registry: 5002 });
    expect(substitutePorts('a ${port.registry} ${port.other}', { registry: 5002 })).toBe(
      'a 5002 ${port.other}',
    );
  });
});
