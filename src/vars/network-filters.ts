// ansible.utils' network filters (ipaddr, ipv4, ipv6, ipwrap, ipmath, ipsubnet, nthhost, network_in_network,
// network_in_usable), as their plugins (plugins/filter/*.py) check their arguments and call ipaddr.
import { firstOf, formatAddress, formatNetwork, lastOf, maxOf, parseIpv4Loose, parseIpv6, parseNetwork, pythonInt, sizeOf, widthOf, type IpNetwork } from './ip-address.js';
import { ipaddr, pyTrue, type PyValue } from './ipaddr-query.js';
import { keywordsOf } from './text-filters.js';

/** Python's name of a value's type, as the plugins print it in "Unrecognized type <class '...'>". */
function pyType(value: unknown): string {
  if (value === null || value === undefined) return 'NoneType';
  if (typeof value === 'string') return 'str';
  if (typeof value === 'boolean') return 'bool';
  if (typeof value === 'number') return Number.isInteger(value) ? 'int' : 'float';
  return Array.isArray(value) ? 'list' : 'dict';
}

function checkType(value: unknown, filter: string, allowed: string[]): void {
  const type = pyType(value);
  if (!allowed.includes(type)) throw new Error(`Unrecognized type <class '${type}'> for ${filter} filter <value>`);
}

/** The query argument as the plugins' argspec (type str) converts it. */
function queryText(query: unknown): string {
  if (query === undefined) return '';
  if (query === null) return 'None';
  if (typeof query === 'boolean') return query ? 'True' : 'False';
  if (typeof query === 'string' || typeof query === 'number') return String(query);
  throw new Error(`the query must be a string, got ${pyType(query)}`);
}

/** One filter's arguments by position or by name, refusing any other. */
function argsOf(filter: string, names: string[], args: unknown[]): unknown[] {
  const { positional, keywords } = keywordsOf(args);
  if (positional.length > names.length) throw new Error(`${filter} takes at most ${names.length} argument(s) (${names.join(', ')}), got ${positional.length}`);
  for (const key of Object.keys(keywords)) if (!names.includes(key)) throw new Error(`${filter}: unknown argument '${key}' (it takes ${names.join(', ')})`);
  return names.map((name, i) => keywords[name] ?? positional[i]);
}

/** Python's int as a template value: a number, or its decimal string beyond 2^53 (an IPv6 size). */
export function toTemplateValue(value: PyValue): unknown {
  if (typeof value === 'bigint') return value <= BigInt(Number.MAX_SAFE_INTEGER) && value >= -BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value.toString();
  return Array.isArray(value) ? value.map(toTemplateValue) : value;
}

function ipaddrFilter(version: 4 | 6 | undefined, alias: string) {
  return (value: unknown, ...args: unknown[]): unknown => {
    checkType(value, alias, ['str', 'list', 'int', 'bool']);
    const [query] = argsOf(alias, ['query'], args);
    return toTemplateValue(ipaddr(value, queryText(query), version, alias));
  };
}

function ipwrap(value: unknown, ...args: unknown[]): unknown {
  checkType(value, 'ipwrap', ['str', 'list', 'bool']);
  const query = queryText(argsOf('ipwrap', ['query'], args)[0]);
  try {
    if (Array.isArray(value)) return value.map((item) => (pyTrue(ipaddr(item, query, undefined, 'ipwrap')) ? toTemplateValue(ipaddr(item, 'wrap')) : item));
    const found = ipaddr(value, query, undefined, 'ipwrap');
    return pyTrue(found) ? toTemplateValue(ipaddr(found, 'wrap')) : value;
  } catch {
    return value;
  }
}

/** An integer argument as the argspec (type int) converts it. */
function intArg(value: unknown, what: string): bigint {
  const n = typeof value === 'number' && Number.isInteger(value) ? BigInt(value) : typeof value === 'string' ? pythonInt(value) : undefined;
  if (n === undefined) throw new Error(`${what}: ${String(value)} is not a valid integer`);
  return n;
}

function ipmath(value: unknown, ...args: unknown[]): string {
  const [amount] = argsOf('ipmath', ['amount'], args);
  const text = typeof value === 'number' ? String(value) : value;
  if (typeof text !== 'string') throw new Error(`ipmath: value must be a string, got ${pyType(value)}`);
  const v4 = text.includes('/') ? undefined : parseIpv4Loose(text);
  const net = text.includes('/') ? parseNetwork(text) : v4 !== undefined ? { version: 4 as const, value: v4, prefix: 32 } : mapV6(parseIpv6(text));
  if (net === undefined) throw new Error(`You must pass a valid IP address; ${text} is invalid`);
  const sum = net.value + intArg(amount, 'You must pass an integer for arithmetic');
  if (sum < 0n || sum > maxOf(net.version)) throw new Error('result outside valid IP address boundary!');
  return formatAddress(net.version, sum);
}

const mapV6 = (value: bigint | undefined): IpNetwork | undefined => (value === undefined ? undefined : { version: 6, value, prefix: 128 });

/** The value as ipsubnet and nthhost normalise it: an address as its /32 (/128), a network as its CIDR. */
function normalized(value: unknown): IpNetwork | undefined {
  const type = ipaddr(value, 'type');
  const text = type === 'address' ? ipaddr(value, 'cidr') : type === 'network' ? ipaddr(value, 'subnet') : undefined;
  return typeof text === 'string' ? parseNetwork(text) : undefined;
}

function nthhost(value: unknown, ...args: unknown[]): unknown {
  const query = queryText(argsOf('nthhost', ['query'], args)[0]);
  const net = normalized(value);
  if (net === undefined || query === '') return false;
  const nth = pythonInt(query);
  if (nth === undefined || sizeOf(net) <= nth) return false;
  if (nth < -sizeOf(net)) throw new Error('index out range for address range size!');
  return formatAddress(net.version, nth < 0n ? lastOf(net) + nth + 1n : firstOf(net) + nth);
}

function ipsubnet(value: unknown, ...args: unknown[]): unknown {
  const [rawQuery, rawIndex] = argsOf('ipsubnet', ['query', 'index'], args);
  const found = normalized(value);
  if (found === undefined) return false;
  const net: IpNetwork = { ...found, value: firstOf(found) };
  const query = queryText(rawQuery);
  const width = widthOf(net.version);
  if (query === '') return formatNetwork(net);
  if (!/^\d+$/.test(query)) return positionIn(net, query, width);
  const q = Number(query);
  if (q > width) return false;
  const isAddress = net.prefix === width;
  if (rawIndex === undefined || rawIndex === null) {
    if (isAddress) return supernets(net, q)[0] ?? indexError();
    if (q < net.prefix) throw new Error(`Requested subnet size of ${q} is invalid`);
    return (1n << BigInt(q - net.prefix)).toString();
  }
  let index = intArg(rawIndex, 'ipsubnet: index');
  // Python's 2 ** (q - prefix) is a fraction there: only index 0 passes its range check.
  if (!isAddress && q < net.prefix) return index === 0n ? formatNetwork({ ...net, prefix: q }) : false;
  if (isAddress) {
    if (index > BigInt(width + 1) - index || index < BigInt(q - width)) return false;
    const list = supernets(net, q);
    return list[Number(index < 0n ? index + BigInt(list.length) : index)] ?? indexError();
  }
  const subnets = 1n << BigInt(q - net.prefix);
  if (index < 0n) index += subnets;
  if (index < 0n || index >= subnets) return false;
  return formatNetwork({ version: net.version, value: net.value + (index << BigInt(width - q)), prefix: q });
}

const indexError = (): never => {
  throw new Error('list index out of range');
};

/** netaddr's supernet(q) of a host: its networks of prefix q, q + 1, ... up to the host's own (left out). */
const supernets = (net: IpNetwork, q: number): string[] =>
  Array.from({ length: widthOf(net.version) - q }, (_, i) => formatNetwork({ ...net, value: firstOf({ ...net, prefix: q + i }), prefix: q + i }));

/** ipsubnet(value, network): the 1-based position of the value's subnet within the network. */
function positionIn(net: IpNetwork, query: string, width: number): string {
  const outer = normalized(query);
  if (outer === undefined) throw new Error(`You must pass a valid subnet or IP address; ${query} is invalid`);
  if (outer.version !== net.version || net.prefix < outer.prefix) throw new Error(`${formatNetwork(net)} is not in the subnet ${formatNetwork({ ...outer, value: firstOf(outer) })}`);
  const shift = BigInt(width - outer.prefix);
  if (net.value >> shift !== outer.value >> shift) throw new Error(`${formatNetwork(net)} is not in the subnet ${formatNetwork({ ...outer, value: firstOf(outer) })}`);
  const hostBits = BigInt(width - net.prefix);
  const mask = ((1n << BigInt(net.prefix - outer.prefix)) - 1n) << hostBits;
  return (((net.value & mask) >> hostBits) + 1n).toString();
}

/** network_in_network / network_in_usable: the test's first and last address within the value's bounds. */
function inNetwork(usableOnly: boolean) {
  return (value: unknown, ...args: unknown[]): boolean => {
    const [test] = argsOf(usableOnly ? 'network_in_usable' : 'network_in_network', ['test'], args);
    const bounds = (text: unknown, firstQuery: string, lastQuery: string): [PyValue, PyValue] => {
      const v = normalizer(text);
      const end = (query: string): PyValue => {
        const found = ipaddr(v, query);
        return ipaddr(pyTrue(found) ? found : ipaddr(v, 'address'), 'int');
      };
      return [end(firstQuery), end(lastQuery)];
    };
    const [vFirst, vLast] = usableOnly ? bounds(value, 'first_usable', 'last_usable') : bounds(value, 'network', 'broadcast');
    const [wFirst, wLast] = bounds(test, 'network', 'broadcast');
    return between(wFirst, vFirst, vLast) && between(wLast, vFirst, vLast);
  };
}

/** ipaddr_utils' _address_normalizer: the value's CIDR, or False. */
function normalizer(value: unknown): PyValue {
  try {
    const type = ipaddr(value, 'type');
    return type === 'address' || type === 'network' ? ipaddr(value, 'subnet') : false;
  } catch {
    return false;
  }
}

/** Python's `first <= x <= last` over ints and bools (False is 0); anything else is Python's TypeError. */
function between(x: PyValue, first: PyValue, last: PyValue): boolean {
  const n = (v: PyValue): bigint => {
    if (typeof v === 'bigint') return v;
    if (typeof v === 'boolean') return v ? 1n : 0n;
    throw new Error(`'<=' not supported between instances of '${pyType(v)}' and 'int'`);
  };
  return n(first) <= n(x) && n(x) <= n(last);
}

export const NETWORK_FILTERS: Record<string, (value: unknown, ...args: unknown[]) => unknown> = {
  ipaddr: ipaddrFilter(undefined, 'ipaddr'),
  ipv4: ipaddrFilter(4, 'ipv4'),
  ipv6: ipaddrFilter(6, 'ipv6'),
  ipwrap,
  ipmath,
  ipsubnet,
  nthhost,
  network_in_network: inNetwork(false),
  network_in_usable: inNetwork(true),
};

/** The names a network filter is known by: its own, ansible.utils', and ansible.netcommon's (its old home). */
export const networkFilterNames = (name: string): string[] => [name, `ansible.utils.${name}`, `ansible.netcommon.${name}`];
