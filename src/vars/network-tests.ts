// ansible.utils' address tests (`x is ansible.utils.ipv4`, `ip is ansible.utils.in_network(net)`), which read
// values with Python's ipaddress module (plugins/test/*.py): strict, so `10.0.0.1/24` is no network (host bits).
import { firstOf, lastOf, parseIpv4, parseIpv6, widthOf, type IpNetwork, type IpVersion } from './ip-address.js';

/** ipaddress.ip_address: an IPv4 dotted quad, or an IPv6 address with an optional `%scope`. */
function pyAddress(text: string): IpNetwork | undefined {
  const v4 = parseIpv4(text);
  if (v4 !== undefined) return { version: 4, value: v4, prefix: 32 };
  const [addr, ...scope] = text.split('%');
  if (scope.length > 1 || scope[0] === '') return undefined;
  const v6 = parseIpv6(addr!);
  return v6 === undefined ? undefined : { version: 6, value: v6, prefix: 128 };
}

/** ipaddress.ip_network (strict): an address, and a decimal prefix (IPv4: or a netmask/hostmask) with no host bits. */
function pyNetwork(text: string): IpNetwork | undefined {
  const parts = text.split('/');
  if (parts.length > 2) return undefined;
  const address = pyAddress(parts[0]!);
  if (address === undefined) return undefined;
  const prefix = parts.length === 1 ? widthOf(address.version) : prefixOf(address.version, parts[1]!);
  if (prefix === undefined) return undefined;
  const net = { ...address, prefix };
  return firstOf(net) === net.value ? net : undefined;
}

function prefixOf(version: IpVersion, text: string): number | undefined {
  const width = widthOf(version);
  if (/^[0-9]+$/.test(text)) return Number(text) <= width ? Number(text) : undefined;
  const mask = version === 4 ? parseIpv4(text) : undefined;
  if (mask === undefined) return undefined;
  const hostmasks = Array.from({ length: width + 1 }, (_, p) => (1n << BigInt(width - p)) - 1n);
  const netmask = hostmasks.findIndex((hostmask) => mask === (0xffffffffn ^ hostmask));
  const hostmask = hostmasks.indexOf(mask);
  return netmask >= 0 ? netmask : hostmask >= 0 ? hostmask : undefined;
}

const parsed = <T>(value: unknown, parse: (text: string) => T | undefined): T | undefined => (typeof value === 'string' ? parse(value) : typeof value === 'number' ? parse(String(value)) : undefined);

function inNetwork(ip: unknown, network: unknown): boolean {
  const a = parsed(ip, pyNetwork);
  const b = parsed(network, pyNetwork);
  return a !== undefined && b !== undefined && a.version === b.version && firstOf(b) <= firstOf(a) && lastOf(b) >= lastOf(a);
}

function networks(value: unknown, test: string): unknown[] {
  if (!Array.isArray(value)) throw new Error(`${test}: networks must be a list`);
  return value;
}

export const NETWORK_TESTS: Record<string, (value: unknown, ...args: any[]) => boolean> = {
  ip: (value) => parsed(value, pyNetwork) !== undefined,
  ipv4: (value) => parsed(value, pyNetwork)?.version === 4,
  ipv6: (value) => parsed(value, pyNetwork)?.version === 6,
  ip_address: (value) => parsed(value, pyAddress) !== undefined,
  ipv4_address: (value) => parsed(value, pyAddress)?.version === 4,
  ipv6_address: (value) => parsed(value, pyAddress)?.version === 6,
  in_network: inNetwork,
  in_any_network: (ip, nets: unknown) => networks(nets, 'in_any_network').some((net) => inNetwork(ip, net)),
  in_one_network: (ip, nets: unknown) => networks(nets, 'in_one_network').filter((net) => inNetwork(ip, net)).length === 1,
  subnet_of: (a, b: unknown) => inNetwork(a, b),
  supernet_of: (a, b: unknown) => inNetwork(b, a),
};
