// The ansible.utils network filters' edges, with the values ansible-core 2.14 and netaddr 0.8 printed for them
// (network-filters-differential.test.ts compares many more against a live ansible-playbook, where one is installed).
import { describe, expect, it } from 'vitest';
import { formatAddress, parseIpv6, parseNetwork } from '../../src/vars/ip-address.js';
import { createRenderer } from '../../src/vars/render.js';

const r = createRenderer();
const value = (expression: string, vars: Record<string, unknown> = {}) => r.evaluate(expression, vars, 't');

describe('ipaddr and its kin', () => {
  it('prints IPv6 as glibc inet_ntop does (netaddr uses it)', () => {
    const print = (text: string) => formatAddress(6, parseIpv6(text)!);
    expect(print('1:0:0:1:0:0:0:1')).toBe('1:0:0:1::1');
    expect(print('1:0:1:0:1:0:1:0')).toBe('1:0:1:0:1:0:1:0');
    expect(print('0:0:1:0:0:0:0:0')).toBe('0:0:1::');
    expect(print('::ffff:1.2.3.4')).toBe('::ffff:1.2.3.4');
    expect(print('::ffff:0:1.2.3.4')).toBe('::ffff:0:102:304');
    expect(print('::2')).toBe('::2');
    expect(print('::0.1.0.0')).toBe('::0.1.0.0');
    expect(parseIpv6('1:2:3:4:5:6:7:8::')).toBeUndefined();
    expect(parseIpv6('1.2.3.4::')).toBeUndefined();
  });
  it('reads networks as netaddr.IPNetwork: partial IPv4, netmasks and hostmasks', () => {
    expect(parseNetwork('10.1/16')).toEqual({ version: 4, value: 0x0a010000n, prefix: 16 });
    expect(parseNetwork('010.1.1.1')).toEqual({ version: 4, value: 0x0a010101n, prefix: 32 });
    expect(parseNetwork('10.0.0.1/0.0.0.255')?.prefix).toBe(24);
    expect(parseNetwork('10.0.0.1/33')).toBeUndefined();
  });
  it('answers the queries roles use', () => {
    expect(value("'192.168.1.10/24' | ipaddr('network')")).toBe('192.168.1.0');
    expect(value("'192.168.1.10/24' | ansible.utils.ipaddr('prefix')")).toBe(24);
    expect(value("'192.168.1.10/24' | ansible.netcommon.ipaddr('broadcast')")).toBe('192.168.1.255');
    expect(value("'192.168.1.0/24' | ipaddr('address')")).toBeNull();
    expect(value("'2001:db8::/64' | ipaddr('address')")).toBe('2001:db8::');
    expect(value("'10.0.0.1/31' | ipaddr('host')")).toBe('10.0.0.1/31');
    expect(value("'2001:db8::/64' | ipaddr('size')")).toBe('18446744073709551616');
    expect(value("'192.168.1.0/24' | ipaddr('-1')")).toBe('192.168.1.255/24');
    expect(value("'192.168.1.10' | ipaddr(5)")).toBe('192.168.1.10');
    expect(value("'10.0.0.1' | ipaddr('ipv6')")).toBe('::ffff:10.0.0.1/128');
    expect(value("['192.24.2.1', 'host.fqdn', '::1', '', '192.168.32.0/24', true] | ipaddr")).toEqual(['192.24.2.1', '::1', '192.168.32.0/24']);
    expect(value("['10.0.0.1', '8.8.8.8'] | ipaddr('10.0.0.0/8')")).toEqual(['10.0.0.1']);
    expect(value("['10.0.0.1', '::1'] | ipv4")).toEqual(['10.0.0.1']);
    expect(value("'2001:db8::1' | ipwrap")).toBe('[2001:db8::1]');
    expect(() => value("'1.2.3.4' | ipaddr('nonsense')")).toThrow(/ipaddr: unknown filter type: nonsense/);
    expect(() => value("'1.2.3.4' | ipaddr('first_usable')")).toThrow(/Not a network address/);
    expect(() => value("{} | ipaddr")).toThrow(/Unrecognized type <class 'dict'> for ipaddr filter/);
  });
  it('ipmath, ipsubnet, nthhost, network_in_network', () => {
    expect(value("'10.1' | ipmath(1)")).toBe('10.0.0.2');
    expect(() => value("'255.255.255.255' | ipmath(1)")).toThrow(/outside valid IP address boundary/);
    expect(value("'192.168.144.5' | ipsubnet(20)")).toBe('192.168.144.0/20');
    expect(value("'192.168.0.0/16' | ipsubnet(20, -1)")).toBe('192.168.240.0/20');
    expect(value("'192.168.144.0/20' | ipsubnet('192.168.0.0/16')")).toBe('10');
    expect(value("'10.0.0.0/24' | nthhost(-1)")).toBe('10.0.0.255');
    expect(value("'192.168.0.0/16' | network_in_network('192.168.255.255')")).toBe(true);
    expect(value("'192.168.0.0/16' | network_in_usable('192.168.255.255')")).toBe(false);
  });
  it("ansible.utils' tests read as Python's ipaddress (strict networks), under their full names only", () => {
    expect(value("'10.0.0.0/24' is ansible.utils.ip")).toBe(true);
    expect(value("'10.0.0.1/24' is ansible.utils.ip")).toBe(false);
    expect(value("'fe80::1%eth0' is ansible.utils.ipv6_address")).toBe(true);
    expect(value("'10.1.2.3' is ansible.utils.in_network('10.0.0.0/8')")).toBe(true);
    expect(() => value("'10.1.2.3' is ipv4")).toThrow();
  });
});
