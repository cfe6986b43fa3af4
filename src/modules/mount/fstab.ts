// An fstab as ansible.posix's mount module (1.5) rewrites it on Linux: its line format, escaping and matching, quirks kept.

/** The fields of an entry, as the module writes them. */
export interface FstabEntry {
  src: string;
  name: string;
  fstype: string;
  opts: string;
  dump: string;
  passno: string;
}

/** The module's _escape_fstab: backslash, space and ampersand as octal escapes. */
export function escapeFstab(value: string): string {
  return value.replaceAll('\\', '\\134').replaceAll(' ', '\\040').replaceAll('&', '\\046');
}

const format = (e: FstabEntry): string => `${e.src} ${e.name} ${e.fstype} ${e.opts} ${e.dump} ${e.passno}\n`;

/** Python's readlines() of a text file. */
const linesOf = (text: string): string[] => text.split(/(?<=\n)/).filter((l) => l !== '');

const isComment = (line: string): boolean => line.trim() === '' || line.trim().startsWith('#');

/** A line that is the entry of `name` (for swap, `none` lines are told apart by their source when one is given). */
const matches = (fields: string[], name: string, src: string | undefined): boolean =>
  fields[1] === name && !(src !== undefined && fields[1] === 'none' && fields[2] === 'swap' && fields[0] !== src);

/**
 * _set_mount_save_old: the entry of `want.name` (4 to 6 fields; dump and passno missing count as
 * different) rewritten when a field differs, appended when there is none; a last line without its
 * newline gets one. As the module, once a line changed, every later line of that mount point is
 * rewritten too.
 */
export function setMount(text: string, want: FstabEntry, src: string | undefined): { text: string; changed: boolean; existed: boolean } {
  const escaped: FstabEntry = { src: escapeFstab(want.src), name: escapeFstab(want.name), fstype: escapeFstab(want.fstype), opts: escapeFstab(want.opts), dump: escapeFstab(want.dump), passno: escapeFstab(want.passno) };
  const out: string[] = [];
  let existed = false;
  let changed = false;
  for (const raw of linesOf(text)) {
    const line = raw.endsWith('\n') ? raw : `${raw}\n`;
    const fields = line.split(/\s+/).filter(Boolean);
    if (isComment(line) || fields.length < 4 || fields.length > 6 || !matches(fields, escaped.name, src)) {
      out.push(line);
      continue;
    }
    existed = true;
    // Missing dump and passno are Python's int 0, never equal to a string.
    const current: Array<string | undefined> = fields;
    const keys = ['src', 'name', 'fstype', 'opts', 'dump', 'passno'] as const;
    if (keys.some((key, i) => key !== 'name' && current[i] !== escaped[key])) changed = true;
    out.push(changed ? format(escaped) : line);
  }
  if (!existed) {
    out.push(format(escaped));
    changed = true;
  }
  return { text: out.join(''), changed, existed };
}

/** unset_mount: every 6-field entry of `name` removed (lines of 4 or 5 fields are kept, as the module does). */
export function unsetMount(text: string, name: string, src: string | undefined): { text: string; changed: boolean } {
  const escaped = escapeFstab(name);
  const out: string[] = [];
  let changed = false;
  for (const line of linesOf(text)) {
    const fields = line.split(/\s+/).filter(Boolean);
    if (isComment(line) || fields.length !== 6 || !matches(fields, escaped, src)) out.push(line);
    else changed = true;
  }
  return { text: out.join(''), changed };
}
