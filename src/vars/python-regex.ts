// Python's re as Ansible's regex filters use it, on JavaScript's RegExp: the syntax that differs is rewritten,
// the replacement template (`\1`, `\g<name>`) is read as re.sub reads it.

/** A RegExp for a Python pattern: `(?P<n>` and `(?P=n)` named groups, `\A`/`\Z`, a leading `(?i)`/`(?m)`/`(?s)`. */
export function pythonRegExp(pattern: unknown, options: { ignorecase?: unknown; multiline?: unknown; global?: boolean } = {}): RegExp {
  let source = String(pattern ?? '');
  let flags = options.global ? 'g' : '';
  const inline = /^\(\?([aiLmsux]+)\)/.exec(source);
  if (inline) {
    source = source.slice(inline[0].length);
    for (const f of inline[1]!) if ('ims'.includes(f) && !flags.includes(f)) flags += f;
  }
  if (options.ignorecase && !flags.includes('i')) flags += 'i';
  if (options.multiline && !flags.includes('m')) flags += 'm';
  source = source
    .replace(/\(\?P</g, '(?<')
    .replace(/\(\?P=(\w+)\)/g, '\\k<$1>')
    .replace(/\\A/g, '(?<![\\s\\S])')
    .replace(/\\Z/g, '(?![\\s\\S])');
  try {
    return new RegExp(source, flags + 'u');
  } catch {
    return new RegExp(source, flags);
  }
}

/** re.sub's template: `\1`..`\99`, `\g<1>`, `\g<name>`, `\n`, `\t`, `\\`; `$` is plain text (it is special to JavaScript). */
export function pythonReplacer(template: unknown): (match: string, ...rest: unknown[]) => string {
  const text = String(template ?? '');
  return (match, ...rest) => {
    const groupsAt = rest.findIndex((r) => typeof r === 'number');
    const groups = rest.slice(0, groupsAt) as (string | undefined)[];
    const named = (rest[groupsAt + 2] ?? {}) as Record<string, string | undefined>;
    return text.replace(/\\(?:g<(\w+)>|(\d{1,2})|(.))/gs, (_all, ref: string | undefined, num: string | undefined, other: string | undefined) => {
      const key = ref ?? num;
      if (key !== undefined) {
        if (key === '0') return match;
        if (/^\d+$/.test(key)) {
          if (Number(key) > groups.length) throw new Error(`invalid group reference ${key}`);
          return groups[Number(key) - 1] ?? '';
        }
        if (!Object.hasOwn(named, key)) throw new Error(`unknown group name '${key}'`);
        return named[key] ?? '';
      }
      const escapes: Record<string, string> = { n: '\n', t: '\t', r: '\r', f: '\f', v: '\v', a: '\x07', b: '\b', '\\': '\\' };
      if (Object.hasOwn(escapes, other!)) return escapes[other!]!;
      if (/[A-Za-z]/.test(other!)) throw new Error(`bad escape \\${other}`);
      return `\\${other}`;
    });
  };
}

/** Python's re.escape (3.7+): only the characters special to a pattern. */
export function pythonEscape(text: unknown): string {
  return String(text ?? '').replace(/[()[\]{}?*+\-|^$\\.&~# \t\n\r\v\f]/g, '\\$&');
}
