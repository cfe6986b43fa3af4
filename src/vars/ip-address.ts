// IPv4/IPv6 addresses and networks as netaddr 0.8 (behind ansible.utils' ipaddr filters) reads and prints them.
// Hand-written on BigInt rather than through an address library: the filters' results are netaddr's strings
// (glibc's inet_ntop compression, `::ffff:1.2.3.4`, partial IPv4 networks such as `10.1/16`), which no npm
// library prints, and the arithmetic itself is a few shifts on 32- or 128-bit integers.

export type IpVersion = 4 | 6;

/** netaddr's IPNetwork: an address (host bits kept) and a prefix; an IPAddress is one with the full prefix. */
export interface IpNetwork {
  readonly version: IpVersion;
  readonly value: bigint;
  readonly prefix: number;
}

export const widthOf = (version: IpVersion): number => (version === 4 ? 32 : 128);
export const maxOf = (version: IpVersion): bigint => (1n << BigInt(widthOf(version))) - 1n;
export const hostmaskOf = (net: IpNetwork): bigint => (1n << BigInt(widthOf(net.version) - net.prefix)) - 1n;
export const netmaskOf = (net: IpNetwork): bigint => maxOf(net.version) ^ hostmaskOf(net);
export const firstOf = (net: IpNetwork): bigint => net.value & netmaskOf(net);
export const lastOf = (net: IpNetwork): bigint => firstOf(net) | hostmaskOf(net);
export const sizeOf = (net: IpNetwork): bigint => hostmaskOf(net) + 1n;

/** netaddr has no broadcast for IPv4 /31 and /32 (IPv6 networks always have one in 0.8). */
export function broadcastOf(net: IpNetwork): bigint | undefined {
  return net.version === 4 && net.prefix >= 31 ? undefined : lastOf(net);
}

/** Python's int() of a string: optional blanks and sign around decimal digits. */
export function pythonInt(text: string): bigint | undefined {
  const m = /^\s*([+-]?)(\d+(?:_\d+)*)\s*$/.exec(text);
  if (m === null) return undefined;
  const n = BigInt(m[2]!.replace(/_/g, ''));
  return m[1] === '-' ? -n : n;
}

/** glibc's inet_pton(AF_INET): exactly four decimal octets, no leading zeros. */
export function parseIpv4(text: string): bigint | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
  if (m === null) return undefined;
  let value = 0n;
  for (const octet of m.slice(1)) {
    if ((octet.length > 1 && octet.startsWith('0')) || Number(octet) > 255) return undefined;
    value = (value << 8n) | BigInt(octet);
  }
  return value;
}

/** glibc's inet_pton(AF_INET6): hex groups, one `::`, an IPv4 tail in the last two groups. */
export function parseIpv6(text: string): bigint | undefined {
  const sides = text.split('::');
  if (sides.length > 2) return undefined;
  const groups = sides.map((side) => (side === '' ? [] : side.split(':')));
  const tail = groups[groups.length - 1]!;
  const words: number[][] = groups.map(() => []);
  for (const [s, side] of groups.entries()) {
    for (const [i, group] of side.entries()) {
      if (/^[0-9a-fA-F]{1,4}$/.test(group)) words[s]!.push(parseInt(group, 16));
      else if (side === tail && i === side.length - 1 && group.includes('.')) {
        const v4 = parseIpv4(group);
        if (v4 === undefined) return undefined;
        words[s]!.push(Number(v4 >> 16n), Number(v4 & 0xffffn));
      } else return undefined;
    }
  }
  const count = words.reduce((n, w) => n + w.length, 0);
  if (sides.length === 1 ? count !== 8 : count > 7) return undefined;
  const all = sides.length === 1 ? words[0]! : [...words[0]!, ...new Array<number>(8 - count).fill(0), ...words[1]!];
  return all.reduce((acc, w) => (acc << 16n) | BigInt(w), 0n);
}

/** glibc's inet_aton (netaddr.IPAddress's default for IPv4): 1 to 4 C numbers (0x hex, 0 octal), the last filling the rest. */
export function parseIpv4Loose(text: string): bigint | undefined {
  const m = /^([^\s]*)(\s.*)?$/s.exec(text);
  const parts = (m?.[1] ?? '').split('.');
  if (parts.length > 4) return undefined;
  const numbers: bigint[] = [];
  for (const part of parts) {
    const n = /^0[xX][0-9a-fA-F]*$/.test(part) ? BigInt(part.length > 2 ? part : '0') : /^0[0-7]*$/.test(part) ? BigInt(`0o${part.slice(1) || '0'}`) : /^[1-9]\d*$/.test(part) ? BigInt(part) : undefined;
    if (n === undefined) return undefined;
    numbers.push(n);
  }
  const last = numbers.pop()!;
  if (numbers.some((n) => n > 255n) || last >= 1n << BigInt(32 - 8 * numbers.length)) return undefined;
  return numbers.reduce((acc, n, i) => acc | (n << BigInt(24 - 8 * i)), last);
}

/** An address as netaddr prints it: dotted quad, or glibc's inet_ntop for IPv6. */
export function formatAddress(version: IpVersion, value: bigint): string {
  if (version === 4) return [24n, 16n, 8n, 0n].map((shift) => String((value >> shift) & 0xffn)).join('.');
  const words = Array.from({ length: 8 }, (_, i) => Number((value >> BigInt(112 - 16 * i)) & 0xffffn));
  let best = { base: -1, len: 0 };
  for (let i = 0; i < 8; ) {
    let j = i;
    while (j < 8 && words[j] === 0) j++;
    if (j - i >= 2 && j - i > best.len) best = { base: i, len: j - i };
    i = j === i ? i + 1 : j;
  }
  let out = '';
  for (let i = 0; i < 8; i++) {
    if (best.base !== -1 && i >= best.base && i < best.base + best.len) {
      if (i === best.base) out += ':';
      continue;
    }
    if (i !== 0) out += ':';
    if (i === 6 && best.base === 0 && (best.len === 6 || (best.len === 5 && words[5] === 0xffff))) {
      return out + formatAddress(4, value & 0xffffffffn);
    }
    out += words[i]!.toString(16);
  }
  return best.base !== -1 && best.base + best.len === 8 ? out + ':' : out;
}

export const formatNetwork = (net: IpNetwork): string => `${formatAddress(net.version, net.value)}/${net.prefix}`;

/** netaddr.IPNetwork(text): an address (a partial IPv4 one such as `10.1` too), and a prefix, netmask or hostmask. */
export function parseNetwork(text: string): IpNetwork | undefined {
  return networkOf(4, text) ?? networkOf(6, text);
}

function networkOf(version: IpVersion, text: string): IpNetwork | undefined {
  const slash = text.indexOf('/');
  const [addr, mask] = slash < 0 ? [text, undefined] : [text.slice(0, slash), text.slice(slash + 1)];
  const value = version === 4 ? parseIpv4(addr) ?? partialIpv4(addr) : parseIpv6(addr);
  if (value === undefined) return undefined;
  const prefix = mask === undefined ? widthOf(version) : prefixOf(version, mask);
  return prefix === undefined ? undefined : { version, value, prefix };
}

function prefixOf(version: IpVersion, mask: string): number | undefined {
  const n = pythonInt(mask);
  if (n !== undefined) return n >= 0n && n <= BigInt(widthOf(version)) ? Number(n) : undefined;
  const m = version === 4 ? parseIpv4(mask) : parseIpv6(mask);
  if (m === undefined) return undefined;
  const width = widthOf(version);
  for (let p = 0; p <= width; p++) if (m === (maxOf(version) ^ ((1n << BigInt(width - p)) - 1n))) return p;
  for (let p = 0; p <= width; p++) if (m === (1n << BigInt(width - p)) - 1n) return p;
  return undefined;
}

/** netaddr's expand_partial_address: `10` is 10.0.0.0, `10.1` 10.1.0.0, `010.1.1.1` 10.1.1.1. */
function partialIpv4(text: string): bigint | undefined {
  if (text.includes(':')) return undefined;
  const tokens = text.split('.').map(pythonInt);
  if (tokens.length > 4 || tokens.some((t) => t === undefined)) return undefined;
  return parseIpv4([...tokens, 0n, 0n, 0n].slice(0, 4).join('.'));
}

/** netaddr's is_netmask / is_hostmask of an address value. */
export function isNetmask(version: IpVersion, value: bigint): boolean {
  const v = (value ^ maxOf(version)) + 1n;
  return (v & (v - 1n)) === 0n;
}
export function isHostmask(value: bigint): boolean {
  const v = value + 1n;
  return (v & (v - 1n)) === 0n;
}

/** Whether `inner`'s whole range lies in `outer`'s (netaddr's `in` for networks of one version). */
export function contains(outer: IpNetwork, inner: IpNetwork): boolean {
  return outer.version === inner.version && firstOf(inner) >= firstOf(outer) && lastOf(inner) <= lastOf(outer);
}
