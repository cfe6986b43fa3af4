// Quotes a value as one POSIX sh word, so paths, names and commands never reach the shell raw.
import { InternalError } from './errors.js';

/** Characters that never need quoting in sh; anything else is single-quoted. */
const PLAIN = /^[A-Za-z0-9_@%+=:,./-]+$/;

export function shQuote(value: string): string {
  if (value.includes('\0')) {
    // sh cannot carry a NUL byte in a word; a path or name holding one is a bug upstream.
    throw new InternalError(`cannot quote a value holding a NUL byte for sh: ${JSON.stringify(value)}`);
  }
  if (PLAIN.test(value) && !value.startsWith('-')) return value;
  return `'${value.replace(/'/g, `'\\''`)}'`;
}
