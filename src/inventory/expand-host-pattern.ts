// An inventory host entry -> host names and an optional port: `web[01:03]`, `db-[a:c]`, `10.0.0.5:2222`, `[::1]:22`.
// Ansible's parse_address + expand_hostname_range (ansible-core 2.14), for INI lines and YAML host keys alike.

export type HostPatternResult = { names: string[]; port?: number } | { error: string; hint: string };

const NUMERIC_RANGE = String.raw`\[(?:[0-9]+:[0-9]+)(?::[0-9]+)?\]`;
const HEX_RANGE = String.raw`\[(?:[0-9a-f]+:[0-9a-f]+)(?::[0-9]+)?\]`;
const ALNUM_RANGE = String.raw`\[(?:[a-z]:[a-z]|[0-9]+:[0-9]+)(?::[0-9]+)?\]`;
const IPV4_PART = String.raw`(?:[01]?[0-9]{1,2}|2[0-4][0-9]|25[0-5]|${NUMERIC_RANGE})`;
const IPV6_PART = String.raw`(?:[0-9a-f]{1,4}|${HEX_RANGE})`;
const LABEL = String.raw`(?:[\p{L}\p{N}_]|${ALNUM_RANGE})(?:[\p{L}\p{N}_-]|${ALNUM_RANGE})*(?<![_-])`;

const BRACKETED_HOSTPORT = /^\[(.+)\]:([0-9]+)$/;
const HOSTPORT = /^((?:[^:[\]]|\[[^\]]*\])*):([0-9]+)$/;
const IPV4 = new RegExp(`^(?:${IPV4_PART}\\.){3}${IPV4_PART}$`, 'i');
const IPV6 = new RegExp(`^(?:(?:${IPV6_PART}:){7}${IPV6_PART}|(?:${IPV6_PART}:){1,6}:|(?:${IPV6_PART}:)(?::${IPV6_PART}){1,6}|(?:${IPV6_PART}:){2}(?::${IPV6_PART}){1,5}|(?:${IPV6_PART}:){3}(?::${IPV6_PART}){1,4}|(?:${IPV6_PART}:){4}(?::${IPV6_PART}){1,3}|(?:${IPV6_PART}:){5}(?::${IPV6_PART}){1,2}|(?:${IPV6_PART}:){6}(?::${IPV6_PART})|:(?::${IPV6_PART}){1,6}|${IPV6_PART}?::)$`, 'i');
const HOSTNAME = new RegExp(`^${LABEL}(?:\\.${LABEL})*$`, 'iu');

const ASCII_LETTERS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
const RANGE_HINT = 'a range is [BEGIN:END] or [BEGIN:END:STEP], numbers (web[01:10]) or single letters (db-[a:c])';

/** Splits off a `:port` the way Ansible does: only when what is left is a valid host name or address. */
export function expandHostPattern(pattern: string): HostPatternResult {
  let name = pattern;
  let port: number | undefined;
  for (const re of [BRACKETED_HOSTPORT, HOSTPORT]) {
    const m = re.exec(name);
    if (m) {
      name = m[1]!;
      port = Number(m[2]);
    }
  }
  if (port !== undefined && !(IPV4.test(name) || IPV6.test(name) || HOSTNAME.test(name))) {
    name = pattern;
    port = undefined;
  }
  if (pattern.trim().endsWith(':') && port === undefined) {
    return { error: `invalid host "${pattern}": a trailing ":" is reserved for a port`, hint: 'write HOST:PORT, e.g. web1:2222, or set ansible_port' };
  }
  const names = name.includes('[') ? expandRanges(name) : [name];
  if (typeof names === 'string') return { error: `invalid host range in "${pattern}": ${names}`, hint: RANGE_HINT };
  if (names.some((n) => n.trim() === '---')) return { error: `invalid host "${pattern}": "---" is a sign of a YAML file`, hint: 'name a YAML inventory .yaml or .yml' };
  return port === undefined ? { names } : { names, port };
}

/** Expands the first [a:b(:s)] and recurses on the rest; a string is an error. */
function expandRanges(line: string): string[] | string {
  const open = line.indexOf('[');
  const close = line.indexOf(']');
  if (close < open) return 'unbalanced brackets';
  const head = line.slice(0, open);
  const spec = line.slice(open + 1, close);
  const tail = line.slice(close + 1);
  const bounds = spec.split(':');
  if (bounds.length !== 2 && bounds.length !== 3) return 'host range must be begin:end or begin:end:step';
  const begin = bounds[0] || '0';
  const end = bounds[1]!;
  if (!end) return 'host range must specify end value';
  const step = bounds.length === 3 ? bounds[2]! : '1';
  if (!/^\s*[+-]?\d+\s*$/.test(step) || Number(step) <= 0) return `step "${step}" is not a positive whole number`;
  let fill = (x: string | number): string => String(x);
  if (begin[0] === '0' && begin.length > 1) {
    if (begin.length !== end.length) return 'host range must specify equal-length begin and end formats';
    fill = (x) => String(x).padStart(begin.length, '0');
  }
  let seq: Array<string | number>;
  const iBegin = begin.length === 1 ? ASCII_LETTERS.indexOf(begin) : -1;
  const iEnd = end.length === 1 ? ASCII_LETTERS.indexOf(end) : -1;
  if (iBegin >= 0 && iEnd >= 0) {
    if (iBegin > iEnd) return 'host range must have begin <= end';
    seq = [...ASCII_LETTERS.slice(iBegin, iEnd + 1)].filter((_, i) => i % Number(step) === 0);
  } else {
    if (!/^\s*[+-]?\d+\s*$/.test(begin) || !/^\s*[+-]?\d+\s*$/.test(end)) return `"${spec}" is neither a numeric nor a one-letter range`;
    seq = [];
    for (let i = Number(begin); i <= Number(end); i += Number(step)) seq.push(i);
  }
  const out: string[] = [];
  for (const item of seq) {
    const name = `${head}${fill(item)}${tail}`;
    if (!name.includes('[')) out.push(name);
    else {
      const more = expandRanges(name);
      if (typeof more === 'string') return more;
      out.push(...more);
    }
  }
  return out;
}
