// The stat fact kind: a path as Ansible's stat module returns it (type flags, mode, ids, times, checksum), read by one `stat` call.
import type { FactRequestOf, StatFact } from '../core/facts.js';
import { shQuote } from '../core/sh-quote.js';
import type { FactKindDefinition } from './fact-kind.js';
import { FactError } from './fact-error.js';
import { field, type Probe, type ProbeField } from './probe.js';

// One `stat` per path (with -L when following): raw mode in hex, ids, size, inode, device, links,
// the three times with their nanoseconds, owner names, block size and count, a device's numbers.
// A link's source (realpath) and target (readlink) travel as base64; access is what the user the
// facts are read as may do, as Ansible's os.access says. The checksum is its coreutils tool's.
const PRELUDE = String.raw`rb_stat() {
  if [ "$2" = 1 ]; then rb_o=-L; else rb_o=; fi
  rb_s=$(stat $rb_o -c '%f %u %g %s %i %d %h %.9X %.9Y %.9Z %o %b %t %T %U %G' -- "$1" 2>/dev/null) || { echo 'exists 0'; return 0; }
  echo "stat $rb_s"
  if [ -L "$1" ]; then
    printf 'source %s\n' "$(printf '%s' "$(readlink -f -- "$1")" | base64 -w0)"
    printf 'target %s\n' "$(printf '%s' "$(readlink -- "$1")" | base64 -w0)"
  fi
  [ -r "$1" ] && echo 'access r'; [ -w "$1" ] && echo 'access w'; [ -x "$1" ] && echo 'access x'
  if [ -n "$3" ] && [ -f "$1" ] && [ -r "$1" ] && { [ "$2" = 1 ] || [ ! -L "$1" ]; }; then
    rb_c=$("$3"sum <"$1") || { rb_err "$3sum $1 failed"; return 0; }
    echo "checksum $rb_c"
  fi
}`;

const S_IFMT = 0o170000;
const TYPES = { isdir: 0o040000, ischr: 0o020000, isblk: 0o060000, isreg: 0o100000, isfifo: 0o010000, islnk: 0o120000, issock: 0o140000 } as const;
const BITS = { rusr: 0o400, wusr: 0o200, xusr: 0o100, rgrp: 0o040, wgrp: 0o020, xgrp: 0o010, roth: 0o004, woth: 0o002, xoth: 0o001, isuid: 0o4000, isgid: 0o2000 } as const;

const probe: Probe<'stat'> = {
  prelude: PRELUDE,
  call: (request) => `rb_stat ${shQuote(request.path)} ${request.follow ? 1 : 0} ${shQuote(request.checksum ?? '')}`,
  parse(request, fields): StatFact {
    const error = field(fields, 'error');
    if (error !== undefined) throw new FactError(`stat:${request.path}`, error);
    const raw = field(fields, 'stat');
    if (raw === undefined) return { path: request.path, stat: { exists: false } };
    return { path: request.path, stat: statOf(request, raw.split(' '), fields) };
  },
};

/** Ansible's stat dictionary (modules/stat.py format_output), from the probe's fields. */
function statOf(request: FactRequestOf<'stat'>, parts: string[], fields: readonly ProbeField[]): Record<string, unknown> {
  const [hexMode, uid, gid, size, inode, dev, nlink, atime, mtime, ctime, blockSize, blocks, major, minor, owner, group] = parts as string[];
  const mode = parseInt(hexMode!, 16);
  const access = fields.filter(([k]) => k === 'access').map(([, v]) => v);
  const decode = (key: string) => Buffer.from(field(fields, key) ?? '', 'base64').toString('utf8');
  const types = Object.fromEntries(Object.entries(TYPES).map(([name, bits]) => [name, (mode & S_IFMT) === bits]));
  // `sha1sum` prints `HASH  -` for stdin.
  const checksum = field(fields, 'checksum')?.split(' ')[0];
  return {
    exists: true,
    path: request.path,
    mode: (mode & 0o7777).toString(8).padStart(4, '0'),
    ...types,
    uid: Number(uid),
    gid: Number(gid),
    size: Number(size),
    inode: Number(inode),
    dev: Number(dev),
    nlink: Number(nlink),
    atime: Number(atime),
    mtime: Number(mtime),
    ctime: Number(ctime),
    ...Object.fromEntries(Object.entries(BITS).map(([name, bit]) => [name, (mode & bit) !== 0])),
    blocks: Number(blocks),
    block_size: Number(blockSize),
    device_type: makedev(parseInt(major!, 16), parseInt(minor!, 16)),
    readable: access.includes('r'),
    writeable: access.includes('w'),
    executable: access.includes('x'),
    pw_name: owner,
    gr_name: group,
    ...(types.islnk ? { lnk_source: decode('source'), lnk_target: decode('target') } : {}),
    ...(checksum !== undefined ? { checksum } : {}),
  };
}

/** glibc's makedev, as Python's os.stat gives st_rdev. */
function makedev(major: number, minor: number): number {
  return (minor & 0xff) + (major & 0xfff) * 0x100 + (minor & ~0xff) * 0x1000 + Math.floor(major / 0x1000) * 0x100000000;
}

export const statKind: FactKindDefinition<'stat'> = {
  key: (request) => `${request.follow ? 'follow' : 'nofollow'}:${request.checksum ?? ''}:${request.path}`,
  probe,
  // Times, inodes and ids of a path a planned change writes are known only once it is written.
  planned(request, gathered, planned) {
    const touched = [...planned.keys()].find((p) => p === request.path || request.path.startsWith(`${p}/`));
    return touched === undefined ? gathered.get(request) : { path: request.path, unknownUntilApply: touched };
  },
  standsAfter: (request, changed) => ![...changed].some((p) => p === request.path || request.path.startsWith(`${p}/`)),
};
