// Python's json.dumps as Ansible's to_json and to_nice_json call it: `", "` and `": "` separators, non-ASCII as
// \uXXXX (ensure_ascii), keys sorted and 4-space indents for to_nice_json.

export interface JsonOptions {
  indent?: number;
  sortKeys?: boolean;
}

/** One string as json.dumps writes it (ensure_ascii). */
function quote(text: string): string {
  return JSON.stringify(text).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export function pyJsonDumps(value: unknown, options: JsonOptions = {}, depth = 0): string {
  if (depth > 1000) throw new Error('to_json: nested deeper than 1000 levels (a cycle?)');
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'number') return Number.isNaN(value) ? 'NaN' : !Number.isFinite(value) ? (value > 0 ? 'Infinity' : '-Infinity') : String(value);
  if (typeof value === 'string') return quote(value);
  const entries: [string | undefined, unknown][] = Array.isArray(value)
    ? value.map((v) => [undefined, v])
    : Object.entries(value as Record<string, unknown>);
  if (!Array.isArray(value) && options.sortKeys) entries.sort(([a], [b]) => (a! < b! ? -1 : a! > b! ? 1 : 0));
  const [open, close] = Array.isArray(value) ? ['[', ']'] : ['{', '}'];
  if (entries.length === 0) return open + close;
  const items = entries.map(([k, v]) => (k === undefined ? '' : `${quote(k)}: `) + pyJsonDumps(v, options, depth + 1));
  if (options.indent === undefined) return `${open}${items.join(', ')}${close}`;
  const pad = ' '.repeat(Math.min(options.indent, 100) * (depth + 1));
  const end = ' '.repeat(Math.min(options.indent, 100) * depth);
  return `${open}\n${pad}${items.join(`,\n${pad}`)}\n${end}${close}`;
}
