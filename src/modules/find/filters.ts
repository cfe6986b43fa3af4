// Ansible find's filters on one walked entry (modules/find.py: pfilter, agefilter, sizefilter, contentfilter), and its result dictionary.
import { posix } from 'node:path';
import type { FoundEntry } from '../../core/facts.js';
import { CONTENT_LIMIT } from '../../facts/file.js';
import { pythonRegex } from '../lib/python-regex.js';
import { PlanError } from '../lib/plan-error.js';
import { fnmatchRegex } from './fnmatch.js';
import type { FindArgs } from './schema.js';

const SECONDS = { s: 1, m: 60, h: 3600, d: 86400, w: 604800 } as const;
const BYTES = { b: 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3, t: 1024 ** 4 } as const;

/** `age` and `size` in seconds and bytes (a negative one: at most). */
function amount(text: string | undefined, units: Readonly<Record<string, number>>): number | undefined {
  if (text === undefined) return undefined;
  const m = /^(-?\d+)([a-z])?$/.exec(text.toLowerCase())!;
  return Number(m[1]) * (units[m[2] ?? ''] ?? 1);
}

/** Decides, as find.py, which entries a task's args keep. */
export function entryFilter(args: FindArgs, now: number): (entry: FoundEntry, fsname: string) => boolean {
  const name = args.use_regex ? (p: string) => sticky(pythonRegex(p).regex) : fnmatchRegex;
  const patterns = (args.patterns.length > 0 ? args.patterns : [args.use_regex ? '.*' : '*']).map(name);
  const excludes = args.excludes.map(name);
  // pfilter: a name matching a pattern is kept unless it also matches an exclude.
  const named = (base: string) => patterns.some((p) => test(p, base)) && !excludes.some((e) => test(e, base));
  const age = amount(args.age, SECONDS);
  const aged = (e: FoundEntry) => age === undefined || (age >= 0 ? now - e[args.age_stamp] >= age : now - e[args.age_stamp] <= -age);
  const size = amount(args.size, BYTES);
  const sized = (e: FoundEntry) => size === undefined || (size >= 0 ? e.size >= size : e.size <= -size);
  const contains = args.contains === undefined ? undefined : pythonRegex(args.contains).regex;
  return (entry, fsname) => {
    const base = posix.basename(entry.path);
    switch (args.file_type) {
      case 'any':
        return named(base) && aged(entry) && (entry.type !== 'file' || sized(entry));
      case 'directory':
        return entry.type === 'directory' && named(base) && aged(entry);
      case 'link':
        return entry.type === 'link' && named(base) && aged(entry);
      case 'file':
        return entry.type === 'file' && named(base) && aged(entry) && sized(entry) && (contains === undefined || holds(entry, fsname, contains, args.read_whole_file));
    }
  };
}

/** re.match: anchored at the start, not the end. */
function sticky(regex: RegExp): RegExp {
  return new RegExp(regex.source, `${regex.flags.replace('g', '')}y`);
}

function test(regex: RegExp, text: string): boolean {
  regex.lastIndex = 0;
  return regex.test(text);
}

/**
 * contentfilter: the file read as text (UTF-8; one that is not reads as no match, as Python's
 * decode error does), a line matching from its start, or the whole text searched.
 */
function holds(entry: FoundEntry, fsname: string, contains: RegExp, whole: boolean): boolean {
  if (entry.content === undefined) {
    if (entry.size > CONTENT_LIMIT) throw new PlanError(`${fsname} is ${entry.size} bytes: find's contains reads files up to ${CONTENT_LIMIT} bytes here`);
    return false;
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(entry.content);
  } catch {
    return false;
  }
  // Python's text mode reads \r\n and \r as \n.
  text = text.replace(/\r\n?/g, '\n');
  if (whole) return test(contains, text);
  const atStart = sticky(contains);
  return (text.match(/[^\n]*\n|[^\n]+$/g) ?? []).some((line) => test(atStart, line));
}

const BITS = { wusr: 0o200, rusr: 0o400, xusr: 0o100, wgrp: 0o020, rgrp: 0o040, xgrp: 0o010, woth: 0o002, roth: 0o004, xoth: 0o001, isuid: 0o4000, isgid: 0o2000 } as const;

/** find.py's dictionary of one kept entry (statinfo, in its key order), with `checksum` when asked for a regular file. */
export function foundDictionary(entry: FoundEntry, fsname: string, checksum: boolean): Record<string, unknown> {
  const mode = parseInt(entry.mode, 8);
  return {
    path: fsname,
    mode: entry.mode,
    isdir: entry.type === 'directory',
    ischr: entry.type === 'char',
    isblk: entry.type === 'block',
    isreg: entry.type === 'file',
    isfifo: entry.type === 'fifo',
    islnk: entry.type === 'link',
    issock: entry.type === 'socket',
    uid: entry.uid,
    gid: entry.gid,
    size: entry.size,
    inode: entry.inode,
    dev: entry.dev,
    nlink: entry.nlink,
    atime: entry.atime,
    mtime: entry.mtime,
    ctime: entry.ctime,
    gr_name: entry.group,
    pw_name: entry.owner,
    ...Object.fromEntries(Object.entries(BITS).map(([name, bit]) => [name, (mode & bit) !== 0])),
    ...(checksum && entry.type === 'file' && entry.sha1 !== undefined ? { checksum: entry.sha1 } : {}),
  };
}
