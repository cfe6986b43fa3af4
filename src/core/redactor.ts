// Replaces every known secret value in text shown to a person (diffs, logs, errors, JSON): the value whole, each of
// its lines (a diff prefixes every line of a multi-line secret), and its JSON-escaped form.
import { REDACTED, Secret } from './secret.js';

/** Shorter secrets cannot be redacted without redacting ordinary words: the loaders refuse them. */
export const MIN_SECRET_LENGTH = 4;

export interface Redactor {
  (text: string): string;
  /** Registers more secret values, e.g. found while resolving a host's variables. */
  add(values: Iterable<Secret | string>): void;
  /** A copy of a value tree with every Secret and every secret inside a string redacted: redact, then serialise. */
  tree<T>(value: T): T;
}

export function createRedactor(initial: Iterable<Secret | string> = []): Redactor {
  const values = new Set<string>();
  let pattern: RegExp | undefined;
  const redact = ((text: string) => (pattern ? text.replace(pattern, REDACTED) : text)) as Redactor;
  redact.add = (more) => {
    const before = values.size;
    for (const v of more) for (const form of formsOf(typeof v === 'string' ? v : v.reveal())) values.add(form);
    if (values.size === before) return;
    // Longest first, so a secret that contains another is replaced whole.
    const sorted = [...values].sort((a, b) => b.length - a.length).map(escapeRegExp);
    pattern = sorted.length > 0 ? new RegExp(sorted.join('|'), 'g') : undefined;
  };
  redact.tree = <T>(value: T): T => redactTree(value, redact, new Map()) as T;
  redact.add(initial);
  return redact;
}

/** The strings that give a secret away: itself, each line of it, and how JSON writes them. */
function formsOf(plain: string): string[] {
  const lines = plain.split(/\r?\n/).map((l) => l.trim());
  const forms = [plain, ...(lines.length > 1 ? lines : [])].filter((f) => f.length >= MIN_SECRET_LENGTH);
  return [...new Set(forms.flatMap((f) => [f, JSON.stringify(f).slice(1, -1)]))];
}

function redactTree(value: unknown, redact: Redactor, seen: Map<object, unknown>): unknown {
  if (value instanceof Secret) return REDACTED;
  if (typeof value === 'string') return redact(value);
  if (!value || typeof value !== 'object') return value;
  if (seen.has(value)) return seen.get(value);
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    seen.set(value, out);
    for (const v of value) out.push(redactTree(v, redact, seen));
    return out;
  }
  const json = (value as { toJSON?: () => unknown }).toJSON;
  if (typeof json === 'function') return redactTree(json.call(value), redact, seen);
  const out: Record<string, unknown> = {};
  seen.set(value, out);
  for (const [k, v] of Object.entries(value)) out[redact(k)] = redactTree(v, redact, seen);
  return out;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Collects every Secret inside a plain value tree (objects, arrays). */
export function collectSecrets(value: unknown, into: Secret[] = [], seen = new Set<unknown>()): Secret[] {
  if (value instanceof Secret) into.push(value);
  else if (value && typeof value === 'object' && !seen.has(value)) {
    seen.add(value);
    for (const v of Object.values(value)) collectSecrets(v, into, seen);
  }
  return into;
}
