// Python's string formatting as templates use it: `'%s-%d' | format(a, b)` (printf style) and `'{}-{}'.format(a, b)`.
import { LIMITS } from './template-limits.js';

/** Python's str(): True/False/None, and a list or mapping as its repr. */
export function pyStr(v: unknown): string {
  return typeof v === 'string' ? v : pyRepr(v);
}

const REPR_ESCAPES: Record<string, string> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** Python's repr() of YAML's values: `[1, 'a', None, True, {'k': 1.5}]`. */
export function pyRepr(v: unknown, depth = 0): string {
  if (depth > 1000) throw new Error('a value nested deeper than 1000 levels (a cycle?)');
  if (v === null || v === undefined) return 'None';
  if (v === true) return 'True';
  if (v === false) return 'False';
  if (typeof v === 'string') {
    const q = v.includes("'") && !v.includes('"') ? '"' : "'";
    const body = v.replace(/[\\\n\r\t]|[\x00-\x1f\x7f]/g, (c) => REPR_ESCAPES[c] ?? `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
    return q + (q === "'" ? body.replace(/'/g, "\\'") : body) + q;
  }
  if (Array.isArray(v)) return `[${v.map((x) => pyRepr(x, depth + 1)).join(', ')}]`;
  if (typeof v === 'object') return `{${Object.entries(v).map(([k, x]) => `${pyRepr(k)}: ${pyRepr(x, depth + 1)}`).join(', ')}}`;
  return String(v);
}

/** `value % args`: %s %r %d %i %f %e %x %o %%, flags `-+ 0#`, width and precision; `%(name)s` with keywords. */
export function pyPercentFormat(template: string, args: unknown[]): string {
  const last = args[args.length - 1] as Record<string, unknown> | undefined;
  const keywords = last && typeof last === 'object' && last.__keywords === true ? last : undefined;
  const positional = keywords ? args.slice(0, -1) : args;
  let next = 0;
  const out = template.replace(/%(\((\w+)\))?([-+ 0#]*)(\d+)?(?:\.(\d+))?([sridfFeExXoc%])/g, (_m, _k, name: string | undefined, flags: string, width?: string, precision?: string, conv = 's') => {
    if (conv === '%') return '%';
    let value: unknown;
    if (name !== undefined) {
      if (!keywords || !Object.hasOwn(keywords, name)) throw new Error(`format: no value for %(${name})`);
      value = keywords[name];
    } else {
      if (next >= positional.length) throw new Error('format: not enough arguments for format string');
      value = positional[next++];
    }
    return pad(convert(value, conv, flags, precision), flags, width);
  });
  if (!keywords && next < positional.length) throw new Error('format: not all arguments converted during string formatting');
  return out;
}

function convert(value: unknown, conv: string, flags: string, precision?: string): string {
  const p = precision === undefined ? undefined : Math.min(Number(precision), 100);
  const sign = (n: number, s: string) => (n >= 0 && flags.includes('+') ? `+${s}` : n >= 0 && flags.includes(' ') ? ` ${s}` : s);
  const num = (): number => {
    const n = typeof value === 'boolean' ? Number(value) : typeof value === 'number' ? value : NaN;
    if (Number.isNaN(n) && typeof value !== 'number') throw new Error(`format: %${conv} format: a number is required, not ${typeof value}`);
    return n;
  };
  switch (conv) {
    case 's':
    case 'r': {
      const s = conv === 's' ? pyStr(value) : pyRepr(value);
      return p === undefined ? s : s.slice(0, p);
    }
    case 'd':
    case 'i':
      return sign(num(), String(Math.trunc(num())));
    case 'f':
    case 'F':
      return sign(num(), num().toFixed(p ?? 6));
    case 'e':
    case 'E': {
      const s = num().toExponential(p ?? 6).replace(/e([+-])(\d)$/, 'e$10$2');
      return sign(num(), conv === 'E' ? s.toUpperCase() : s);
    }
    case 'x':
    case 'X':
    case 'o': {
      const s = Math.trunc(num()).toString(conv === 'o' ? 8 : 16);
      const prefixed = flags.includes('#') ? `0${conv}${s}` : s;
      return sign(num(), conv === 'X' ? prefixed.toUpperCase() : prefixed);
    }
    default:
      return String.fromCharCode(num());
  }
}

function pad(s: string, flags: string, width?: string): string {
  const w = Number(width ?? 0);
  if (w > LIMITS.padWidth) throw new Error(`format: width ${w} is over ${LIMITS.padWidth}`);
  if (s.length >= w) return s;
  if (flags.includes('-')) return s.padEnd(w);
  if (flags.includes('0')) return /^[+-]/.test(s) ? s[0] + s.slice(1).padStart(w - 1, '0') : s.padStart(w, '0');
  return s.padStart(w);
}

/** str.format: `{}`, `{0}`, `{name}`, `{{`/`}}`; a format spec (`{:>8}`) is refused rather than ignored. */
export function pyStrFormat(template: string, args: unknown[]): string {
  const last = args[args.length - 1] as Record<string, unknown> | undefined;
  const keywords = last && typeof last === 'object' && last.__keywords === true ? last : {};
  const positional = keywords === last ? args.slice(0, -1) : args;
  let auto = 0;
  return template.replace(/\{\{|\}\}|\{([^{}]*)\}/g, (m, field: string | undefined) => {
    if (m === '{{') return '{';
    if (m === '}}') return '}';
    const [name, spec] = field!.split(/[:!]/, 2);
    if (spec !== undefined) throw new Error(`str.format: format specs ({${field}}) are not supported; use the format filter ('%5.1f' | format(x))`);
    if (name === '') {
      if (auto >= positional.length) throw new Error('str.format: Replacement index out of range');
      return pyStr(positional[auto++]);
    }
    if (/^\d+$/.test(name!)) {
      if (Number(name) >= positional.length) throw new Error(`str.format: Replacement index ${name} out of range`);
      return pyStr(positional[Number(name)]);
    }
    if (!Object.hasOwn(keywords, name!) || name === '__keywords') throw new Error(`str.format: KeyError '${name}'`);
    return pyStr(keywords[name!]);
  });
}
