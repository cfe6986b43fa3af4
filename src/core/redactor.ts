// Replaces every known secret value in text shown to a person (diffs, logs, errors, JSON).
import { REDACTED, Secret } from './secret.js';

export interface Redactor {
  (text: string): string;
  /** Registers more secret values, e.g. found while resolving a host's variables. */
  add(values: Iterable<Secret | string>): void;
}

export function createRedactor(initial: Iterable<Secret | string> = []): Redactor {
  const values = new Set<string>();
  let pattern: RegExp | undefined;
  const redact = ((text: string) => (pattern ? text.replace(pattern, REDACTED) : text)) as Redactor;
  redact.add = (more) => {
    for (const v of more) {
      const plain = typeof v === 'string' ? v : v.reveal();
      // Very short values would redact ordinary words; a secret this short is a mistake anyway.
      if (plain.length >= 3) values.add(plain);
    }
    // Longest first, so a secret that contains another is replaced whole.
    const sorted = [...values].sort((a, b) => b.length - a.length).map(escapeRegExp);
    pattern = sorted.length > 0 ? new RegExp(sorted.join('|'), 'g') : undefined;
  };
  redact.add(initial);
  return redact;
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
