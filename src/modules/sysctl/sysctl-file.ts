// A sysctl file as ansible.posix.sysctl reads and rewrites it: `key = value` lines, first of each key kept, every line trimmed.

/** The value the file gives a key (its last line for it, as Ansible reads), or undefined. */
export function sysctlFileValue(text: string, name: string): string | undefined {
  let value: string | undefined;
  for (const line of lines(text)) {
    const pair = keyValue(line);
    if (pair && pair[0] === name) value = pair[1];
  }
  return value;
}

/**
 * Ansible's fix_lines and write_sysctl: every line trimmed, each key's first line kept as
 * `key=value` and its later ones dropped; `name`'s first line set to `value` (or dropped for
 * absent), appended when the file has none.
 */
export function rewriteSysctlFile(text: string, name: string, value: string | undefined): string {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const line of lines(text)) {
    const pair = keyValue(line);
    if (!pair) {
      out.push(line);
      continue;
    }
    const [key, current] = pair;
    if (seen.has(key)) continue;
    seen.add(key);
    if (key !== name) out.push(`${key}=${current}`);
    else if (value !== undefined) out.push(`${key}=${value}`);
  }
  if (!seen.has(name) && value !== undefined) out.push(`${name}=${value}`);
  return out.map((line) => `${line}\n`).join('');
}

/** Python's readlines() then strip(): the text's lines, trimmed. */
function lines(text: string): string[] {
  return text.split(/(?<=\n)/).filter((l) => l !== '').map((l) => l.trim());
}

/** A `key = value` line's trimmed key and value; none for blank lines, comments (# or ;) and lines without `=`. */
function keyValue(line: string): [string, string] | undefined {
  if (line === '' || line.startsWith('#') || line.startsWith(';') || !line.includes('=')) return undefined;
  const at = line.indexOf('=');
  return [line.slice(0, at).trim(), line.slice(at + 1).trim()];
}
