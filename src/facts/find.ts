// The find fact kind: a folder walked as Ansible's find walks it (os.walk, lstat of each entry), read by one GNU `find`.
import { posix } from 'node:path';
import type { FindFact, FoundEntry } from '../core/facts.js';
import { shQuote } from '../core/sh-quote.js';
import type { FactKindDefinition } from './fact-kind.js';
import { FactError } from './fact-error.js';
import { CONTENT_LIMIT } from './file.js';
import { field, type Probe, type ProbeField } from './probe.js';

// One `find -H` (the root followed as os.walk follows it, nothing below) prints every entry's lstat
// NUL-separated, whatever its name holds, sent as one base64 blob; its first complaint (an unreadable
// folder) travels as `walkerror`. Regular files' bytes (for `contains`, up to the content limit) and sha1
// come from a second walk only when asked. The host's clock is read for `age`.
const PRELUDE = String.raw`rb_find() {
  [ -d "$1" ] || { echo 'notdir 1'; return 0; }
  if [ "$2" = 0 ]; then rb_fd=; else rb_fd="-maxdepth $2"; fi
  echo "now $(date +%s.%N)"
  printf 'entries '
  { rb_fe=$( { find -H "$1" -mindepth 1 $rb_fd -printf '%y %Y %m %U %G %s %i %D %n %A@ %T@ %C@ %u %g\0%P\0' | base64 -w0 >&4; } 2>&1 ); } 4>&1
  echo
  case "$rb_fe" in *-printf*) rb_err "this host's find has no -printf: the find module needs GNU find (findutils)"; return 0 ;; esac
  [ -z "$rb_fe" ] || printf 'walkerror %s\n' "$(printf '%s' "$rb_fe" | head -n1 | base64 -w0)"
  if [ "$3" = 1 ] || [ "$5" = 1 ]; then
    rb_r=$1; rb_c=$3; rb_h=$5; rb_dot=$4; shift 5
    # The names left ("$@") narrow which files' bytes are read: ( -name A -o -name B ... ).
    if [ $# -gt 0 ]; then
      rb_n=$#; rb_i=0
      for rb_a; do rb_i=$((rb_i + 1)); if [ $rb_i -eq 1 ]; then set -- '('; fi; set -- "$@" -name "$rb_a"; [ $rb_i -lt $rb_n ] && set -- "$@" -o; done
      set -- "$@" ')'
    fi
    [ "$rb_dot" = 1 ] || set -- "$@" ! -name '.*'
    find -H "$rb_r" -mindepth 1 $rb_fd -type f "$@" -exec sh -c '
      c=$0; h=$1; shift
      for f; do
        p=$(printf %s "$f" | base64 -w0)
        if [ "$c" = 1 ] && [ "$(stat -c %s -- "$f")" -le ${CONTENT_LIMIT} ]; then printf "content %s " "$p"; base64 -w0 <"$f" || :; echo; fi
        if [ "$h" = 1 ]; then printf "sha1 %s %s\n" "$p" "$(sha1sum <"$f" | cut -c1-40)"; fi
      done' "$rb_c" "$rb_h" {} + 2>/dev/null
  fi
}`;

const TYPES: Readonly<Record<string, FoundEntry['type']>> = { f: 'file', d: 'directory', l: 'link', b: 'block', c: 'char', p: 'fifo', s: 'socket' };
const ERRNO: Readonly<Record<string, number>> = { 'Permission denied': 13, 'No such file or directory': 2, 'Not a directory': 20 };

/** find's `find: ‘/a/b’: Permission denied` as Python's OSError says it: `[Errno 13] Permission denied: '/a/b'`. */
function pythonError(line: string): string {
  // Quotes written as escapes: the bundle stays ASCII (build/bundle-cli.ts).
  const m = /^find: [\u2018'](.*)[\u2019']: (.*)$/.exec(line.trim());
  if (m === null) return line.trim();
  const errno = ERRNO[m[2]!];
  return `${errno !== undefined ? `[Errno ${errno}] ` : ''}${m[2]}: '${m[1]}'`;
}

function entriesOf(blob: string): FoundEntry[] {
  const parts = Buffer.from(blob, 'base64').toString('utf8').split('\0');
  const entries: FoundEntry[] = [];
  for (let i = 0; i + 1 < parts.length; i += 2) {
    const [y, followed, mode, uid, gid, size, inode, dev, nlink, atime, mtime, ctime, owner, group] = parts[i]!.split(' ');
    const type = TYPES[y!] ?? 'file';
    entries.push({
      path: parts[i + 1]!,
      type,
      walkedAsDir: type === 'directory' || (type === 'link' && followed === 'd'),
      mode: mode!.padStart(4, '0'),
      uid: Number(uid),
      gid: Number(gid),
      // find prints the number for an id without a name; Python's pwd lookup fails and Ansible says "".
      owner: owner === uid ? '' : owner!,
      group: group === gid ? '' : group!,
      size: Number(size),
      inode: Number(inode),
      dev: Number(dev),
      nlink: Number(nlink),
      atime: Number(atime),
      mtime: Number(mtime),
      ctime: Number(ctime),
    });
  }
  return entries;
}

/**
 * The entries in os.walk's order (top-down: a folder's files, then its folders, then the walk of
 * each of those that is no link), from find's (each folder's entries in readdir order, a folder's
 * own entries right after it).
 */
export function walkOrder(entries: readonly FoundEntry[]): FoundEntry[] {
  const children = new Map<string, FoundEntry[]>();
  for (const entry of entries) {
    const parent = posix.dirname(entry.path);
    const key = parent === '.' ? '' : parent;
    const siblings = children.get(key);
    if (siblings === undefined) children.set(key, [entry]);
    else siblings.push(entry);
  }
  const ordered: FoundEntry[] = [];
  const walk = (folder: string): void => {
    const listed = children.get(folder) ?? [];
    const dirs = listed.filter((e) => e.walkedAsDir);
    ordered.push(...listed.filter((e) => !e.walkedAsDir), ...dirs);
    for (const dir of dirs) if (dir.type === 'directory') walk(dir.path);
  };
  walk('');
  return ordered;
}

/** `content`/`sha1` lines, by the path find printed (normalized). */
function filesData(fields: readonly ProbeField[]): Map<string, { content?: Buffer; sha1?: string }> {
  const data = new Map<string, { content?: Buffer; sha1?: string }>();
  for (const [key, value] of fields) {
    if (key !== 'content' && key !== 'sha1') continue;
    const [path, rest = ''] = value.split(' ');
    const name = posix.normalize(Buffer.from(path!, 'base64').toString('utf8'));
    const known = data.get(name) ?? {};
    data.set(name, key === 'content' ? { ...known, content: Buffer.from(rest, 'base64') } : { ...known, sha1: rest });
  }
  return data;
}

const probe: Probe<'find'> = {
  prelude: PRELUDE,
  call: (request) =>
    [`rb_find ${shQuote(request.path)} ${request.depth} ${request.contents ? 1 : 0} ${request.hidden ? 1 : 0} ${request.checksum ? 1 : 0}`, ...(request.names ?? []).map(shQuote)].join(' '),
  parse(request, fields): FindFact {
    const failure = field(fields, 'error');
    if (failure !== undefined) throw new FactError(`find:${request.path}`, failure);
    if (field(fields, 'notdir') !== undefined) return { path: request.path, notDirectory: true };
    const data = filesData(fields);
    const entries = walkOrder(entriesOf(field(fields, 'entries') ?? '')).map((entry) => ({ ...entry, ...data.get(posix.normalize(posix.join(request.path, entry.path))) }));
    const error = field(fields, 'walkerror');
    return { path: request.path, entries, now: Number(field(fields, 'now')), ...(error !== undefined ? { error: pythonError(Buffer.from(error, 'base64').toString('utf8')) } : {}) };
  },
};

/** A planned change at the root, under it, or at a folder above it alters what the walk would find. */
const touches = (root: string, path: string): boolean => path === root || path.startsWith(`${root.replace(/\/+$/, '')}/`) || root.startsWith(`${path}/`);

export const findKind: FactKindDefinition<'find'> = {
  key: (request) => `${request.depth}:${request.contents ? 'c' : ''}${request.hidden ? 'h' : ''}${request.checksum ? 's' : ''}:${request.names !== undefined ? `${JSON.stringify(request.names)}:` : ''}${request.path}`,
  probe,
  planned(request, gathered, planned) {
    const touched = [...planned.keys()].find((p) => touches(request.path, p));
    return touched === undefined ? gathered.get(request) : { path: request.path, unknownUntilApply: touched };
  },
  standsAfter: (request, changed) => ![...changed].some((p) => touches(request.path, p)),
};
