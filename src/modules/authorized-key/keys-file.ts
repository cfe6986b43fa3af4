// An authorized_keys file as ansible.posix.authorized_key reads, edits and writes it: keys by their blob, other lines kept, ranked.

/** Ansible's VALID_SSH2_KEY_TYPES: the word that starts a key (after its options). */
const KEY_TYPES = new Set([
  'sk-ecdsa-sha2-nistp256@openssh.com', 'sk-ecdsa-sha2-nistp256-cert-v01@openssh.com', 'webauthn-sk-ecdsa-sha2-nistp256@openssh.com',
  'ecdsa-sha2-nistp256', 'ecdsa-sha2-nistp256-cert-v01@openssh.com', 'ecdsa-sha2-nistp384', 'ecdsa-sha2-nistp384-cert-v01@openssh.com',
  'ecdsa-sha2-nistp521', 'ecdsa-sha2-nistp521-cert-v01@openssh.com', 'sk-ssh-ed25519@openssh.com', 'sk-ssh-ed25519-cert-v01@openssh.com',
  'ssh-ed25519', 'ssh-ed25519-cert-v01@openssh.com', 'ssh-dss', 'ssh-rsa', 'ssh-xmss@openssh.com', 'ssh-xmss-cert-v01@openssh.com',
  'rsa-sha2-256', 'rsa-sha2-512', 'ssh-rsa-cert-v01@openssh.com', 'rsa-sha2-256-cert-v01@openssh.com', 'rsa-sha2-512-cert-v01@openssh.com',
  'ssh-dss-cert-v01@openssh.com',
]);

/** A key's options in their order; a name may repeat (Ansible's keydict). null value: a bare flag (`no-pty`). */
export type KeyOptions = ReadonlyArray<readonly [name: string, value: string | null]>;

/**
 * One entry of the file, as Ansible's parsekey tuple: a key (its blob is `id`), or a line kept as
 * it is (Ansible's 'skipped': a comment, a blank or unparsable line, `id` being the line itself).
 * `rank` orders the entries when the file is written.
 */
export type KeyEntry =
  | { kind: 'line'; id: string; rank: number }
  | { kind: 'key'; type: string; id: string; options: KeyOptions; comment: string; rank: number };

/** Python's str.splitlines() boundaries. */
const LINE_BREAK = /\r\n|[\n\r\v\f\x1c-\x1e\x85\u2028\u2029]/;

/** Python's splitlines(): the lines without their ends, no empty last one. */
export function splitLines(text: string): string[] {
  const lines = text.split(LINE_BREAK);
  if (lines.at(-1) === '') lines.pop();
  return lines;
}

/** Python's splitlines(True): the lines with their ends. */
function splitLinesKeepingEnds(text: string): string[] {
  const out: string[] = [];
  const re = new RegExp(LINE_BREAK.source, 'g');
  let at = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    out.push(text.slice(at, m.index + m[0].length));
    at = m.index + m[0].length;
  }
  if (at < text.length) out.push(text.slice(at));
  return out;
}

/** Ansible's parseoptions: split on the commas outside quotes; `name=value` or a bare name. */
export function parseOptions(text: string | undefined): KeyOptions {
  if (!text) return [];
  // Python's re.split with a group: the pieces between matches and the matches, ends dropped.
  const parts = text.split(/((?:[^,"']|"[^"]*"|'[^']*')+)/).slice(1, -1);
  const options: Array<[string, string | null]> = [];
  for (const part of parts) {
    const at = part.indexOf('=');
    if (at >= 0) options.push([part.slice(0, at), part.slice(at + 1)]);
    else if (part !== ',') options.push([part, null]);
  }
  return options;
}

/**
 * Ansible's parsekey: whitespace-separated words (shlex with no quotes: a quoted option's spaces
 * split it too, and are put back as one space); options before the type word, the blob after it,
 * the rest the comment. undefined: no known type word (or no blob after it).
 */
export function parseKey(raw: string, rank: number): KeyEntry | undefined {
  const line = raw.replaceAll('\\#', '#');
  const words = line.split(/[ \t\r\n]+/).filter((w) => w !== '');
  if (words[0] === '#') return { kind: 'line', id: line, rank };
  const at = words.findIndex((w) => KEY_TYPES.has(w));
  if (at < 0 || at + 1 >= words.length) return undefined;
  return { kind: 'key', type: words[at]!, id: words[at + 1]!, options: parseOptions(words.slice(0, at).join(' ')), comment: words.slice(at + 2).join(' '), rank };
}

/** Ansible's parsekeys: one entry per blob (a later line of the same key replaces the earlier, keeping its place), other lines by their text. */
export function parseKeysFile(text: string): Map<string, KeyEntry> {
  const entries = new Map<string, KeyEntry>();
  splitLinesKeepingEnds(text).forEach((line, rank) => {
    const entry: KeyEntry = parseKey(line, rank) ?? { kind: 'line', id: line, rank };
    entries.set(entry.id, entry);
  });
  return entries;
}

/** Whether two entries are the same key with the same options and comment (Ansible compares the tuples' first four). */
export function sameKey(a: KeyEntry, b: KeyEntry): boolean {
  if (a.id !== b.id) return false;
  if (a.kind === 'line' || b.kind === 'line') return a.kind === b.kind;
  return a.type === b.type && a.comment === b.comment && sameOptions(a.options, b.options);
}

/** keydict equality: the values of each name, in order; the order of different names does not matter. */
function sameOptions(a: KeyOptions, b: KeyOptions): boolean {
  const byName = (options: KeyOptions) => {
    const map = new Map<string, Array<string | null>>();
    for (const [name, value] of options) map.set(name, [...(map.get(name) ?? []), value]);
    return map;
  };
  const [x, y] = [byName(a), byName(b)];
  return x.size === y.size && [...x].every(([name, values]) => JSON.stringify(values) === JSON.stringify(y.get(name)));
}

/** Ansible's serialize: the entries by rank (ties in their order), a key as `OPTIONS TYPE BLOB COMMENT\n`, other lines as read. */
export function serializeKeys(entries: Iterable<KeyEntry>): string {
  return [...entries]
    .sort((a, b) => a.rank - b.rank)
    .map((entry) => {
      if (entry.kind === 'line') return entry.id;
      const options = entry.options.length > 0 ? `${entry.options.map(([name, value]) => (value === null ? name : `${name}=${value}`)).join(',')} ` : '';
      return `${options}${entry.type} ${entry.id} ${entry.comment}\n`;
    })
    .join('');
}
