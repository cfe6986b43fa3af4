// Typed readers for the small fields of plays and tasks: each records an issue instead of throwing.
import type { LoadIssue } from '../core/location.js';
import type { Cursor } from './cursor.js';

export type Mapping = Record<string, unknown>;

export function isMapping(value: unknown): value is Mapping {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.getPrototypeOf(value) === Object.prototype;
}

/** A string with `{{ }}` or `{% %}`: only known after rendering. */
export function isTemplated(value: unknown): boolean {
  return typeof value === 'string' && /\{\{|\{%/.test(value);
}

export function readString(value: unknown, at: Cursor, issues: LoadIssue[]): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  issues.push(at.issue(`expected a string, found ${describe(value)}`));
  return undefined;
}

/** `x` or `[x, y]` (Ansible accepts both for notify and tags). */
export function readStringList(value: unknown, at: Cursor, issues: LoadIssue[]): string[] {
  if (value === undefined || value === null) return [];
  if (typeof value === 'string' || typeof value === 'number') return [String(value)];
  if (Array.isArray(value)) {
    return value.flatMap((v, i) => {
      const s = readString(v, at.child(i), issues);
      return s === undefined ? [] : [s];
    });
  }
  issues.push(at.issue(`expected a string or a list of strings, found ${describe(value)}`));
  return [];
}

export function readBoolean(value: unknown, at: Cursor, issues: LoadIssue[]): boolean | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'boolean') return value;
  // YAML 1.2 keeps yes/no as strings; Ansible users write them anyway.
  if (typeof value === 'string' && /^(yes|no|true|false)$/i.test(value)) return /^(yes|true)$/i.test(value);
  issues.push(at.issue(`expected true or false, found ${describe(value)}`));
  return undefined;
}

export function readMapping(value: unknown, at: Cursor, issues: LoadIssue[]): Mapping {
  if (value === undefined || value === null) return {};
  if (isMapping(value)) return value;
  issues.push(at.issue(`expected a mapping (key: value), found ${describe(value)}`));
  return {};
}

export function readList(value: unknown, at: Cursor, issues: LoadIssue[]): unknown[] {
  if (value === undefined || value === null) return [];
  if (Array.isArray(value)) return value;
  issues.push(at.issue(`expected a list, found ${describe(value)}`, 'start each entry with "- "'));
  return [];
}

export function describe(value: unknown): string {
  if (value === null || value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return value.constructor?.name === 'Secret' ? 'a secret' : 'a mapping';
  // A short value is quoted to help; a long one may be a whole file read by mistake (vars_files: [/etc/passwd]), never printed.
  if (typeof value === 'string' && (value.length > 60 || /[\r\n]/.test(value))) return `a string of ${value.length} characters`;
  return `${typeof value} ${JSON.stringify(value)}`;
}
