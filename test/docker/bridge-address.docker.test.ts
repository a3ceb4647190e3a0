/**
 * The bridge address real-engine tests publish on (test/helpers/bridge-address.ts), on the
 * engine CI meets on a new machine: Docker 20.10 on the FIRST start of a fresh data root
 * reports the default bridge's IPAM config without a Gateway, and adds one only after a
 * restart. A restarted daemon hides the case, so this test makes a fresh one: a private
 * dockerd with its own data root and its own bridge, inside its own network namespace (the
 * host's docker0 is never touched, and is checked to be unchanged).
 */
import { expect, it } from 'vitest';
import { bridgeFacts, bridgeHostAddress, readInterfaceAddress } from '../helpers/bridge-address.js';
import { describePrivateDaemon, usePrivateDaemon } from '../helpers/private-daemon.js';

describePrivateDaemon('the default bridge address on a fresh and a restarted engine', () => {
  // A fresh data root, with a bridge of its own (in its own network namespace).
  const { daemon } = usePrivateDaemon({ start: { bridge: true }, busybox: false });

  const inspect = () =>
    bridgeFacts(daemon.out(['network', 'inspect', 'bridge', '--format', '{{json .}}']));
  const ownAddress = (name: string) => readInterfaceAddress(name, daemon.inNamespace());
  const address = () => bridgeHostAddress((args) => daemon.out(args), ownAddress);

  it('first start: the address is the bridge interface own one, whether or not a Gateway is reported', () => {
    const facts = inspect();
    const iface = ownAddress(facts.interfaceName);
    expect(iface, `${facts.interfaceName} has no IPv4 address`).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    const version = daemon.out(['version', '--format', '{{.Server.Version}}']);
    // The case CI meets on a new machine (issue 12): 20.10 leaves the Gateway out here.
    if (version.startsWith('20.10.')) expect(facts.ipam.some((c) => c.Gateway)).toBe(false);
    const found = address();
    expect(found.address).toBe(iface);
    expect(found.source).toBe(facts.ipam.some((c) => c.Gateway) ? 'gateway' : 'interface');
  });

  it('after a restart the engine reports the Gateway, and it is the same address', async () => {
    const before = address().address;
    await daemon.restart({ bridge: true });
    const facts = inspect();
    expect(facts.ipam.find((c) => c.Gateway)?.Gateway).toBe(before);
    expect(address()).toEqual({ address: before, source: 'gateway' });
  }, 90_000);
});
