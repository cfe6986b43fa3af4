// The Ansible/Jinja filters runbook users expect, missing from Nunjucks; pure functions registered by the renderer.

/** POSIX shell quoting: one argument, safe in sh, bash and dash. */
export function shellQuote(value: unknown): string {
  const text = String(value ?? '');
  return /^[A-Za-z0-9_\/.,:=@%+-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}

export function toBool(value: unknown): boolean {
  if (typeof value === 'string') return /^(yes|on|true|1|y)$/i.test(value.trim());
  return Boolean(value);
}

function asList(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  if (value === undefined || value === null) return [];
  if (typeof value === 'object') return Object.keys(value);
  return [value];
}

const key = (v: unknown) => (typeof v === 'object' && v !== null ? JSON.stringify(v) : `${typeof v}:${String(v)}`);

export const ANSIBLE_FILTERS: Record<string, (...args: any[]) => unknown> = {
  bool: toBool,
  quote: shellQuote,
  to_json: (value: unknown, indent?: number) => JSON.stringify(value, null, indent),
  tojson: (value: unknown, indent?: number) => JSON.stringify(value, null, indent),
  to_nice_json: (value: unknown) => JSON.stringify(value, null, 4),
  from_json: (value: unknown) => JSON.parse(String(value)),
  unique: (value: unknown) => {
    const seen = new Set<string>();
    return asList(value).filter((v) => !seen.has(key(v)) && !!seen.add(key(v)));
  },
  difference: (a: unknown, b: unknown) => {
    const drop = new Set(asList(b).map(key));
    return asList(a).filter((v) => !drop.has(key(v)));
  },
  intersect: (a: unknown, b: unknown) => {
    const keep = new Set(asList(b).map(key));
    return asList(a).filter((v) => keep.has(key(v)));
  },
  union: (a: unknown, b: unknown) => ANSIBLE_FILTERS.unique!([...asList(a), ...asList(b)]),
  // Python's \1 back-references become JavaScript's $1.
  regex_replace: (value: unknown, pattern: string, replacement = '') =>
    String(value ?? '').replace(new RegExp(pattern, 'g'), String(replacement).replace(/\\(\d)/g, '$$$1')),
  b64encode: (value: unknown) => Buffer.from(String(value ?? '')).toString('base64'),
  b64decode: (value: unknown) => Buffer.from(String(value ?? ''), 'base64').toString('utf8'),
  basename: (value: unknown) => String(value ?? '').replace(/\/+$/, '').split('/').pop() ?? '',
  dirname: (value: unknown) => String(value ?? '').replace(/\/[^/]*$/, ''),
};
