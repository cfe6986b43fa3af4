// Ansible's `omit`: a module argument whose value renders to the placeholder is left out, as if not written.
import { randomBytes } from 'node:crypto';

/** The value of the `omit` variable (`mode: "{{ file_mode | default(omit) }}"`); random per run, as Ansible's is. */
export const OMIT = `__omit_place_holder__${randomBytes(20).toString('hex')}`;

/** A mapping's keys whose value is the placeholder are dropped, at any depth; the top level is the caller's (one argument at a time). */
export function withoutOmitted(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutOmitted);
  if (!value || typeof value !== 'object' || Object.getPrototypeOf(value) !== Object.prototype) return value;
  return Object.fromEntries(Object.entries(value).flatMap(([k, v]) => (v === OMIT ? [] : [[k, withoutOmitted(v)]])));
}
