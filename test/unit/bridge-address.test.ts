import { describe, expect, it } from 'vitest';
import { firstHost, pickBridgeAddress } from '../helpers/bridge-address.js';

describe('pickBridgeAddress', () => {
  const none = () => undefined;

  it('takes the Gateway when the engine reports one', () => {
    const facts = {
      ipam: [{ Subnet: '172.17.0.0/16', Gateway: '172.17.0.1' }],
      interfaceName: 'docker0',
    };
    expect(pickBridgeAddress(facts, () => '10.0.0.9')).toEqual({
      address: '172.17.0.1',
      source: 'gateway',
    });
  });

  it('without a Gateway (20.10, first start) takes the interface address', () => {
    const facts = { ipam: [{ Subnet: '172.17.0.0/16' }], interfaceName: 'docker0' };
    const asked: string[] = [];
    const found = pickBridgeAddress(facts, (name) => {
      asked.push(name);
      return '172.17.0.1';
    });
    expect(found).toEqual({ address: '172.17.0.1', source: 'interface' });
    expect(asked).toEqual(['docker0']);
  });

  it('without a Gateway or interface address takes the first host of the subnet', () => {
    const facts = { ipam: [{ Subnet: '10.200.8.0/22' }], interfaceName: 'br-x' };
    expect(pickBridgeAddress(facts, none)).toEqual({ address: '10.200.8.1', source: 'subnet' });
  });

  it('says what the engine reported when nothing gives an address', () => {
    expect(() => pickBridgeAddress({ ipam: [], interfaceName: '' }, none)).toThrow(
      /cannot find the bridge's host address: IPAM config \[\], interface "\(none\)"/,
    );
    expect(() =>
      pickBridgeAddress(
        { ipam: [{ Subnet: 'fd00::/64', Gateway: '' }], interfaceName: 'd0' },
        none,
      ),
    ).toThrow(/IPAM config \[\{"Subnet":"fd00::\/64","Gateway":""\}\]/);
  });
});

describe('firstHost', () => {
  it.each([
    ['172.17.0.0/16', '172.17.0.1'],
    ['172.17.5.9/16', '172.17.0.1'],
    ['192.168.1.128/25', '192.168.1.129'],
    ['10.0.0.0/8', '10.0.0.1'],
  ])('%s -> %s', (cidr, host) => expect(firstHost(cidr)).toBe(host));

  it.each(['fd00::/64', '172.17.0.0', '172.17.0.0/31', 'x/16'])('%s has none', (cidr) =>
    expect(firstHost(cidr)).toBeUndefined(),
  );
});
