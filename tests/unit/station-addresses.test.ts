// The addresses the Station room puts in a token's link: the network's IPv4 addresses when the
// station listens on all interfaces (other screens need those, not 127.0.0.1), loopback alone
// when it listens only on this computer.
import type os from 'node:os';
import { describe, expect, it } from 'vitest';
import { stationAddresses } from '../../electron/engine/api/station';

type Nets = ReturnType<typeof os.networkInterfaces>;
const nic = (address: string, family: 'IPv4' | 'IPv6', internal = false) =>
  ({ address, family, internal, netmask: '', mac: '', cidr: null }) as NonNullable<Nets[string]>[number];
const nets: Nets = {
  lo: [nic('127.0.0.1', 'IPv4', true), nic('::1', 'IPv6', true)],
  eth0: [nic('192.168.1.20', 'IPv4'), nic('fe80::1', 'IPv6')],
  wlan0: [nic('10.0.0.7', 'IPv4')],
};

describe('the addresses a token link can use', () => {
  it('lists the network addresses first when the station listens on all interfaces', () => {
    expect(stationAddresses({ host: '0.0.0.0', port: 4870 }, nets)).toEqual({
      lan: true,
      urls: ['http://192.168.1.20:4870', 'http://10.0.0.7:4870', 'http://127.0.0.1:4870'],
    });
  });

  it('says the station is this computer only when it listens on loopback, or has no network', () => {
    expect(stationAddresses({ host: '127.0.0.1', port: 4870 }, nets)).toEqual({ lan: false, urls: ['http://127.0.0.1:4870'] });
    expect(stationAddresses({ host: '0.0.0.0', port: 9 }, { lo: nets.lo })).toEqual({ lan: false, urls: ['http://127.0.0.1:9'] });
  });

  it('uses the one address it was told to listen on, and none when nothing serves it', () => {
    expect(stationAddresses({ host: '10.0.0.7', port: 4870 }, nets)).toEqual({ lan: true, urls: ['http://10.0.0.7:4870'] });
    expect(stationAddresses(null, nets)).toEqual({ lan: false, urls: [] });
  });
});
