// known_hosts parsing and matching (plain, [host]:port, comma lists, hashed |1| entries, markers).
import { createHmac, timingSafeEqual } from 'node:crypto';

export interface KnownHostsEntry {
  /** 1-based line number in the file, for messages that say which line to fix. */
  line: number;
  marker?: '@revoked' | '@cert-authority';
  /** Raw host field: comma-separated patterns or one hashed `|1|salt|hmac` entry. */
  hosts: string;
  keyType: string;
  key: Buffer;
}

export type HostKeyStatus =
  | { kind: 'match'; entry: KnownHostsEntry }
  | { kind: 'revoked'; entry: KnownHostsEntry }
  | { kind: 'mismatch'; entries: KnownHostsEntry[] }
  | { kind: 'unknown' };

/** Parses a known_hosts text; malformed lines and comments are skipped as ssh does. */
export function parseKnownHosts(text: string): KnownHostsEntry[] {
  const entries: KnownHostsEntry[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const trimmed = raw.trim();
    if (trimmed === '' || trimmed.startsWith('#')) return;
    const fields = trimmed.split(/\s+/);
    let marker: KnownHostsEntry['marker'];
    if (fields[0] === '@revoked' || fields[0] === '@cert-authority') marker = fields.shift() as KnownHostsEntry['marker'];
    else if (fields[0]?.startsWith('@')) return; // an unknown marker: ssh ignores the line too
    const [hosts, keyType, b64] = fields;
    if (!hosts || !keyType || !b64) return;
    const key = Buffer.from(b64, 'base64');
    if (key.length === 0) return;
    entries.push({ line: index + 1, marker, hosts, keyType, key });
  });
  return entries;
}

/** The name ssh writes and hashes for a host: `host` on port 22, `[host]:port` otherwise. */
export function knownHostsName(host: string, port: number): string {
  return port === 22 ? host : `[${host}]:${port}`;
}

/** One known_hosts line for a key as ssh2 presents it (the wire-format blob). */
export function formatKnownHostsLine(host: string, port: number, key: Buffer): string {
  return `${knownHostsName(host, port)} ${keyTypeOf(key)} ${key.toString('base64')}`;
}

/** The key type stored at the start of an SSH public key blob (`ssh-ed25519`, ...). */
export function keyTypeOf(key: Buffer): string {
  if (key.length < 4) return '';
  const len = key.readUInt32BE(0);
  return key.subarray(4, 4 + len).toString('latin1');
}

/** Whether an entry's host field names this host and port. */
export function entryMatchesHost(entry: KnownHostsEntry, host: string, port: number): boolean {
  const name = knownHostsName(host, port);
  if (entry.hosts.startsWith('|1|')) return hashedMatches(entry.hosts, name);
  let matched = false;
  for (const pattern of entry.hosts.split(',')) {
    const negated = pattern.startsWith('!');
    const body = negated ? pattern.slice(1) : pattern;
    if (globMatches(body.toLowerCase(), name.toLowerCase())) {
      if (negated) return false; // a negated pattern vetoes the whole line, as in ssh
      matched = true;
    }
  }
  return matched;
}

/**
 * Checks a presented key against the entries for host:port. Match on key type + blob.
 * A revoked key is refused even when another line lists it; a host known only under other
 * keys (of this type or another) is a mismatch: the host exists but presents something new.
 * @cert-authority lines are ignored: certificate host keys are not supported.
 */
export function checkHostKey(entries: KnownHostsEntry[], host: string, port: number, key: Buffer): HostKeyStatus {
  const type = keyTypeOf(key);
  const forHost = entries.filter((e) => e.marker !== '@cert-authority');
  const revoked = forHost.find((e) => e.marker === '@revoked' && sameKey(e, type, key));
  // ssh applies @revoked to whatever host presents the key, pattern or not.
  if (revoked) return { kind: 'revoked', entry: revoked };
  const mine = forHost.filter((e) => e.marker === undefined && entryMatchesHost(e, host, port));
  const match = mine.find((e) => sameKey(e, type, key));
  if (match) return { kind: 'match', entry: match };
  if (mine.length > 0) return { kind: 'mismatch', entries: mine };
  return { kind: 'unknown' };
}

/** Key types recorded for a host, to ask the server for one of those first. */
export function knownKeyTypes(entries: KnownHostsEntry[], host: string, port: number): string[] {
  const types = entries
    .filter((e) => e.marker === undefined && entryMatchesHost(e, host, port))
    .map((e) => e.keyType);
  return [...new Set(types)];
}

function sameKey(entry: KnownHostsEntry, type: string, key: Buffer): boolean {
  return entry.keyType === type && entry.key.length === key.length && timingSafeEqual(entry.key, key);
}

function hashedMatches(field: string, name: string): boolean {
  const [, , salt64, hmac64] = field.split('|');
  if (!salt64 || !hmac64) return false;
  const expected = Buffer.from(hmac64, 'base64');
  const actual = createHmac('sha1', Buffer.from(salt64, 'base64')).update(name).digest();
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

/** ssh's pattern language: `*` any run, `?` one character. */
function globMatches(pattern: string, name: string): boolean {
  if (!/[*?]/.test(pattern)) return pattern === name;
  const re = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${re}$`).test(name);
}
