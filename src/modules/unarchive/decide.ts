// Decides an unarchive from what tar read on the host, as unarchive.py's TgzArchive does: extract, fix attrs, or nothing.
import type { FileAttrs } from '../../core/change.js';
import type { ArchiveFact, PathAttrs } from '../../core/facts.js';
import { fnmatchRegex } from '../find/fnmatch.js';
import { PlanError } from '../lib/plan-error.js';
import { resolveMode } from '../lib/symbolic-mode.js';

/** unarchive.py's handler classes, by the tar flag that listed the archive. */
const HANDLERS: Readonly<Record<string, string>> = { '-z': 'TgzArchive', '': 'TarArchive', '-j': 'TarBzipArchive', '-J': 'TarXzArchive', '--use-compress-program=zstd': 'TarZstdArchive' };

export interface UnarchiveDecision {
  handler: string;
  flag: string;
  /** Ansible's files_in_archive: the listed names, escapes decoded, a leading slash dropped, excludes filtered out. */
  files: string[];
  /** What --diff found that makes it extract (empty: the tree is unarchived). */
  differences: string[];
  /** Paths under dest whose mode, owner or group the task's differ from (on an unarchived tree). */
  attrsDiffer: string[];
}

/** Python's codecs.escape_decode of a line tar printed (`\\`, `\n`, octal `\303\251`...), as unarchive decodes names. */
export function escapeDecode(line: string): string {
  const bytes: number[] = [];
  const simple: Record<string, number> = { '\\': 92, "'": 39, '"': 34, a: 7, b: 8, f: 12, n: 10, r: 13, t: 9, v: 11 };
  const raw = Buffer.from(line, 'utf8');
  for (let i = 0; i < raw.length; i++) {
    const octal = /^[0-7]{1,3}/.exec(raw.subarray(i + 1, i + 4).toString('latin1'));
    if (raw[i] !== 92 || i + 1 >= raw.length) bytes.push(raw[i]!);
    else if (octal) {
      bytes.push(parseInt(octal[0], 8) & 0xff);
      i += octal[0].length;
    } else if (simple[String.fromCharCode(raw[i + 1]!)] !== undefined) bytes.push(simple[String.fromCharCode(raw[++i]!)]!);
    else bytes.push(raw[i]!);
  }
  return Buffer.from(bytes).toString('utf8');
}

/** The module's messages for what stops it before any handler is tried, or for no handler that lists it. */
function problemMessage(fact: Extract<ArchiveFact, { problem: unknown }>, dest: string, shownSrc: string): string {
  const noHandler = `Failed to find handler for "${shownSrc}". Make sure the required command to extract the file is installed.`;
  switch (fact.problem) {
    case 'no-dest':
      return `dest '${dest}' must be an existing dir`;
    case 'no-src':
      return `Source '${shownSrc}' does not exist`;
    case 'unreadable':
      return `Source '${shownSrc}' not readable`;
    case 'empty':
      return `Invalid archive '${shownSrc}', the file is 0 bytes`;
    case 'zip':
      return `${shownSrc} is a zip archive: runbook's unarchive extracts GNU tar's formats only (tar, gz, bz2, xz, zstd); unzip it with a command task (creates: guards it)`;
    case 'no-gnu-tar':
      return `${noHandler}\nCommand "tar" detected as tar type None. GNU tar required.`;
    case 'unlisted':
      return `${noHandler}\nCommand "tar" could not handle archive: Unable to list files in the archive: ${fact.detail ?? ''}`;
  }
}

/** Whether a --diff line makes Ansible extract: its regexes, less what the task's own owner/group/mode will set anyway. */
function counts(line: string, uid: number, attrs: FileAttrs): boolean {
  if (/: : Warning: Cannot stat: No such file or directory$/.test(line)) return false;
  if (/: Uid differs$/.test(line)) return uid === 0 && attrs.owner === undefined;
  if (/: Gid differs$/.test(line)) return uid === 0 && attrs.group === undefined;
  if (/: Mode differs$/.test(line)) return attrs.mode === undefined;
  return /: Mod time differs$|: Warning: Cannot stat: No such file or directory$|: Invalid (owner|group)/.test(line);
}

/** Whether set_fs_attributes_if_different would change this path (lstat: a link's mode never counts, as chmod cannot set it). */
function attrsDiffer(path: PathAttrs, attrs: FileAttrs): boolean {
  const account = (wanted: string, name: string, id: number) => (/^\d+$/.test(wanted) ? Number(wanted) !== id : wanted !== name);
  if (attrs.owner !== undefined && account(attrs.owner, path.owner, path.uid)) return true;
  if (attrs.group !== undefined && account(attrs.group, path.group, path.gid)) return true;
  return attrs.mode !== undefined && path.type !== 'link' && resolveMode(attrs.mode, path.mode, path.type === 'directory') !== path.mode;
}

export function decideUnarchive(fact: Exclude<ArchiveFact, { unknownUntilApply: string }>, dest: string, shownSrc: string, excludes: readonly string[], attrs: FileAttrs): UnarchiveDecision {
  if ('problem' in fact) throw new PlanError(problemMessage(fact, dest, shownSrc));
  const patterns = excludes.map(fnmatchRegex);
  const listed = fact.names.map((name, i) => ({ name: escapeDecode(name).replace(/^\//, ''), attrs: fact.attrs?.[i] }));
  const kept = listed.filter((entry) => !patterns.some((p) => p.test(entry.name)));
  if (kept.length === 0) {
    throw new PlanError(`Failed to find handler for "${shownSrc}". Make sure the required command to extract the file is installed.\nCommand "tar" found no files in archive. Empty archive files are not supported.`);
  }
  const differences = fact.differences.filter((line) => counts(line, fact.uid, attrs));
  const differing: string[] = [];
  if (differences.length === 0 && fact.attrs !== undefined) {
    const tops = new Map<string, PathAttrs | null | undefined>();
    for (const entry of kept) {
      if (entry.attrs?.own && attrsDiffer(entry.attrs.own, attrs)) differing.push(`${dest}/${entry.name}`);
      if (entry.name.includes('/') && !tops.has(entry.name.split('/')[0]!)) tops.set(entry.name.split('/')[0]!, entry.attrs?.top);
    }
    for (const [top, at] of tops) if (at && attrsDiffer(at, attrs) && !differing.includes(`${dest}/${top}/`)) differing.push(`${dest}/${top}`);
  }
  return { handler: HANDLERS[fact.flag] ?? 'TgzArchive', flag: fact.flag, files: kept.map((e) => e.name), differences, attrsDiffer: differing };
}
