// ansible.utils' ipaddr(value, query, version) (plugin_utils/base/ipaddr_utils.py), line by line: how a value is
// read (an address, a network, a number, a numeric CIDR), and what each query returns for it. Values stay
// Python's (a bigint for int), so the filters built on it (network_in_network, ipsubnet) compare exactly.
import {
  broadcastOf,
  contains,
  firstOf,
  formatAddress,
  formatNetwork,
  isHostmask,
  isNetmask,
  lastOf,
  maxOf,
  netmaskOf,
  hostmaskOf,
  parseNetwork,
  pythonInt,
  sizeOf,
  widthOf,
  type IpNetwork,
  type IpVersion,
} from './ip-address.js';

/** What an ipaddr query gives back, as Python values: str, int, bool, None, or a list of them. */
export type PyValue = string | bigint | boolean | null | PyValue[];
type VType = 'address' | 'network';
interface Subject {
  v: IpNetwork;
  vtype: VType;
  value: unknown;
}
type Query = (s: Subject) => PyValue;

const at = (v: IpNetwork, value: bigint): IpNetwork => ({ version: v.version, value, prefix: widthOf(v.version) });
const ip = (v: IpNetwork): string => formatAddress(v.version, v.value);
const withPrefix = (v: IpNetwork, value: bigint): string => `${formatAddress(v.version, value)}/${v.prefix}`;
const cidrOf = (v: IpNetwork): IpNetwork => ({ ...v, value: firstOf(v) });
const isNetworkIp = (v: IpNetwork): boolean => v.value === firstOf(v);

const PRIVATE: Record<IpVersion, string[]> = {
  4: ['10.0.0.0/8', '100.64.0.0/10', '172.16.0.0/12', '192.0.0.0/24', '192.168.0.0/16', '198.18.0.0/15', '239.0.0.0/8', '169.254.0.0/16'],
  6: ['fc00::/7', 'fec0::/10', 'fe80::/10'],
};
const MULTICAST: Record<IpVersion, string> = { 4: '224.0.0.0/4', 6: 'ff00::/8' };
const LINK_LOCAL: Record<IpVersion, string> = { 4: '169.254.0.0/16', 6: 'fe80::/10' };
const within = (v: IpNetwork, cidr: string): boolean => contains(parseNetwork(cidr)!, v);
const isPrivate = (v: IpNetwork): boolean => PRIVATE[v.version].some((cidr) => within(v, cidr));
const isMulticast = (v: IpNetwork): boolean => within(v, MULTICAST[v.version]);
const isLoopback = (a: IpNetwork): boolean => (a.version === 4 ? within(a, '127.0.0.0/8') : a.value === 1n);

/** `first_usable` and its kin: only for networks (Ansible raises for a plain address). */
function usable(s: Subject, pick: (first: bigint, last: bigint, v: IpNetwork) => PyValue): PyValue {
  if (s.vtype === 'address') throw new Error('Not a network address');
  const { v } = s;
  const size = sizeOf(v);
  if (size <= 1n) return null;
  return size === 2n ? pick(firstOf(v), lastOf(v), v) : pick(firstOf(v) + 1n, lastOf(v) - 1n, v);
}

function ipQuery({ v }: Subject): PyValue {
  if (sizeOf(v) === 1n || !isNetworkIp(v) || broadcastOf(v) === undefined || v.version === 6) return ip(v);
  return null;
}

function addressPrefix({ v }: Subject): PyValue {
  if (sizeOf(v) > 2n && (isNetworkIp(v) || v.value === broadcastOf(v))) return false;
  return `${ip(v)}/${v.prefix}`;
}

function toIpv4({ v, value }: Subject): PyValue {
  if (v.version === 4) return value as PyValue;
  const addr = v.value <= maxOf(4) ? v.value : v.value <= 0xffffffffffffn ? v.value - 0xffff00000000n : -1n;
  const prefix = v.prefix - 96;
  return addr < 0n || prefix < 0 ? false : formatNetwork({ version: 4, value: addr, prefix });
}

function publicQuery({ v, value }: Subject): PyValue {
  const a = at(v, v.value);
  const unicast = !isMulticast(a) && !isPrivate(a) && !isLoopback(a) && !isNetmask(a.version, a.value) && !isHostmask(a.value);
  return unicast ? (value as PyValue) : null;
}

function peer({ v, vtype }: Subject): PyValue {
  if (vtype === 'address') throw new Error('Not a network address');
  if (sizeOf(v) === 2n) return formatAddress(v.version, v.value ^ 1n);
  if (sizeOf(v) !== 4n) throw new Error('Not a point-to-point network');
  if (v.value % 4n === 0n) throw new Error('Network address of /30 has no peer');
  if (v.value % 4n === 3n) throw new Error('Broadcast address of /30 has no peer');
  return formatAddress(v.version, v.value ^ 3n);
}

function reverseDns({ v }: Subject): string {
  if (v.version === 4) return `${ip(v).split('.').reverse().join('.')}.in-addr.arpa.`;
  return `${[...v.value.toString(16).padStart(32, '0')].reverse().join('.')}.ip6.arpa.`;
}

const ifTrue = (test: boolean, s: Subject): PyValue => (test ? (s.value as PyValue) : null);

const QUERIES: Record<string, Query> = {
  '': ({ v, vtype }) => (vtype === 'address' ? ip(v) : formatNetwork(v)),
  address: ipQuery,
  ip: ipQuery,
  'address/prefix': addressPrefix,
  gateway: addressPrefix,
  gw: addressPrefix,
  'host/prefix': addressPrefix,
  hostnet: addressPrefix,
  router: addressPrefix,
  bool: () => true,
  broadcast: ({ v }) => (sizeOf(v) > 2n ? formatAddress(v.version, broadcastOf(v)!) : null),
  cidr: ({ v }) => formatNetwork(v),
  first_usable: (s) => usable(s, (first, _, v) => formatAddress(v.version, first)),
  last_usable: (s) => usable(s, (_, last, v) => formatAddress(v.version, last)),
  range_usable: (s) => usable(s, (first, last, v) => `${formatAddress(v.version, first)}-${formatAddress(v.version, last)}`),
  next_usable: (s) => usable(s, (first, last, v) => (v.value + 1n >= first && v.value + 1n <= last ? formatAddress(v.version, v.value + 1n) : null)),
  previous_usable: (s) => usable(s, (first, last, v) => (v.value - 1n >= first && v.value - 1n <= last ? formatAddress(v.version, v.value - 1n) : null)),
  host: ({ v }) => (sizeOf(v) === 1n ? formatNetwork(v) : !isNetworkIp(v) || broadcastOf(v) === undefined ? `${ip(v)}/${v.prefix}` : null),
  hostmask: ({ v }) => formatAddress(v.version, hostmaskOf(v)),
  wildcard: ({ v }) => formatAddress(v.version, hostmaskOf(v)),
  int: ({ v, vtype }) => (vtype === 'address' ? v.value : `${v.value}/${v.prefix}`),
  'ip/prefix': ({ v }) => (sizeOf(v) === 2n || (sizeOf(v) > 1n && !isNetworkIp(v)) ? `${ip(v)}/${v.prefix}` : null),
  ip_netmask: ({ v }) => (sizeOf(v) === 2n || (sizeOf(v) > 1n && !isNetworkIp(v)) ? `${ip(v)} ${formatAddress(v.version, netmaskOf(v))}` : null),
  ipv4: toIpv4,
  v4: toIpv4,
  ipv6: (s) => (s.v.version === 6 ? (s.value as PyValue) : formatNetwork({ version: 6, value: 0xffff00000000n + s.v.value, prefix: s.v.prefix + 96 })),
  'link-local': (s) => ifTrue(within(at(s.v, s.v.value), LINK_LOCAL[s.v.version]), s),
  lo: (s) => ifTrue(isLoopback(at(s.v, s.v.value)), s),
  loopback: (s) => ifTrue(isLoopback(at(s.v, s.v.value)), s),
  multicast: (s) => ifTrue(isMulticast(s.v), s),
  unicast: (s) => ifTrue(!isMulticast(s.v), s),
  private: (s) => ifTrue(isPrivate(s.v), s),
  public: publicQuery,
  net: ({ v }) => (sizeOf(v) > 1n && isNetworkIp(v) ? withPrefix(v, firstOf(v)) : null),
  netmask: ({ v }) => formatAddress(v.version, netmaskOf(v)),
  network: ({ v }) => formatAddress(v.version, firstOf(v)),
  network_id: ({ v }) => formatAddress(v.version, firstOf(v)),
  'network/prefix': ({ v }) => formatNetwork(cidrOf(v)),
  subnet: ({ v }) => formatNetwork(cidrOf(v)),
  network_netmask: ({ v }) => `${formatAddress(v.version, firstOf(v))} ${formatAddress(v.version, netmaskOf(v))}`,
  network_wildcard: ({ v }) => `${formatAddress(v.version, firstOf(v))} ${formatAddress(v.version, hostmaskOf(v))}`,
  peer,
  prefix: ({ v }) => BigInt(v.prefix),
  revdns: reverseDns,
  size: ({ v }) => sizeOf(v),
  size_usable: ({ v }) => (sizeOf(v) === 1n ? 0n : sizeOf(v) === 2n ? 2n : sizeOf(v) - 2n),
  type: ({ v }) => (sizeOf(v) === 1n || !isNetworkIp(v) ? 'address' : 'network'),
  version: ({ v }) => BigInt(v.version),
  wrap: ({ v, vtype, value }) => (v.version === 4 ? (value as PyValue) : vtype === 'address' ? `[${ip(v)}]` : `[${ip(v)}]/${v.prefix}`),
};

/** Python's truth of a query's result: a list keeps only the items that are true. */
export const pyTrue = (value: PyValue): boolean => !(value === false || value === null || value === '' || value === 0n || (Array.isArray(value) && value.length === 0));

/** The value read as ipaddr reads it, or undefined where ipaddr returns False. */
export function ipaddrSubject(value: unknown, version?: IpVersion): Subject | undefined {
  if (value === '' || value === 0 || value === 0n || value === true || value === false || value === null || value === undefined) return undefined;
  const whole = (typeof value === 'number' && Number.isInteger(value)) || typeof value === 'bigint';
  if ((whole && BigInt(value as number) > 0n) || (typeof value === 'string' && /^\d+$/.test(value))) {
    const n = BigInt(value as string);
    const v: IpNetwork | undefined = version !== 6 && n <= maxOf(4) ? { version: 4, value: n, prefix: 32 } : n <= maxOf(6) ? { version: 6, value: n, prefix: 128 } : undefined;
    return v && { v, vtype: 'address', value: formatNetwork(v) };
  }
  if (typeof value !== 'string') return undefined;
  const parsed = parseNetwork(value);
  if (parsed !== undefined) return { v: parsed, vtype: value.split('/').length === 2 ? 'network' : 'address', value };
  const parts = value.split('/');
  const [address, prefix] = parts.length === 2 ? parts.map(pythonInt) : [undefined, undefined];
  if (address === undefined || prefix === undefined || address < 0n) return undefined;
  const v4 = address <= maxOf(4) && prefix >= 0n && prefix <= 32n;
  if (!v4 && (address > maxOf(6) || prefix < 0n || prefix > 128n)) return undefined;
  const v: IpNetwork = { version: v4 ? 4 : 6, value: address, prefix: Number(prefix) };
  return { v, vtype: 'network', value: formatNetwork(v) };
}

/** ipaddr(value, query, version): a list filtered item by item, else one value's answer (False when it is none). */
export function ipaddr(value: unknown, query: string, version?: IpVersion, alias = 'ipaddr'): PyValue {
  if (Array.isArray(value)) return value.map((item) => ipaddr(item, query, version, alias)).filter(pyTrue);
  const s = ipaddrSubject(value, version);
  if (s === undefined) return false;
  let lookup: IpNetwork | undefined;
  if (query !== '' && !(query in QUERIES) && !/^\d+$/.test(query) && pyTrue(ipaddr(query, 'network'))) lookup = parseNetwork(query);
  if (version !== undefined && s.v.version !== version) return false;
  if (lookup !== undefined) return contains(cidrOf(lookup), s.v) ? (s.value as PyValue) : null;
  const answer = Object.hasOwn(QUERIES, query) ? QUERIES[query] : undefined;
  if (answer !== undefined) return answer(s);
  if (!isPythonFloat(query)) throw new Error(`${alias}: unknown filter type: ${query}`);
  if (sizeOf(s.v) === 1n) return s.vtype === 'address' ? ip(s.v) : formatNetwork(s.v);
  const index = pythonInt(query);
  const size = sizeOf(s.v);
  if (index === undefined || index < -size || index >= size) return false;
  return withPrefix(s.v, index < 0n ? lastOf(s.v) + index + 1n : firstOf(s.v) + index);
}

/** Python's float() of a string: ipaddr reads a query that is one as an index. */
function isPythonFloat(text: string): boolean {
  return /^\s*[+-]?((\d+(_\d+)*)(\.(\d+(_\d+)*)?)?|\.\d+(_\d+)*)([eE][+-]?\d+(_\d+)*)?\s*$/.test(text) || /^\s*[+-]?(inf|infinity|nan)\s*$/i.test(text);
}
