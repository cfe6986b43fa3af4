// The `ON` part of a grant: parsed from `iam.*` or MariaDB's `` `iam`.* ``, one canonical key for both.
import { sqlIdentifier } from './sql-quote.js';

const OBJECT_TYPES = ['PACKAGE BODY', 'PACKAGE', 'PROCEDURE', 'FUNCTION', 'TABLE'] as const;

export interface GrantTarget {
  /** `PROCEDURE` for `ON PROCEDURE db.p`; absent for tables, databases and `*.*` (TABLE is the default). */
  objectType?: string;
  /** A name, or `*`. */
  database: string;
  table: string;
}

export type ScanResult = { target: GrantTarget; end: number } | { error: string };

/** Reads a target at `start` of `text` (up to the next space outside backticks). */
export function scanGrantTarget(text: string, start = 0): ScanResult {
  let pos = start;
  let objectType: string | undefined;
  for (const type of OBJECT_TYPES) {
    if (text.slice(pos, pos + type.length + 1).toUpperCase() === `${type} `) {
      objectType = type;
      pos += type.length + 1;
      break;
    }
  }
  const parts: string[] = [];
  for (;;) {
    const part = scanName(text, pos);
    if ('error' in part) return part;
    parts.push(part.name);
    pos = part.end;
    if (text[pos] !== '.') break;
    pos += 1;
  }
  if (parts.length !== 2) {
    return { error: `"${text.slice(start, pos)}" must name database.table, like iam.* or *.* (or iam.users)` };
  }
  const [database, table] = parts as [string, string];
  if (database === '*' && table !== '*') return { error: `"${text.slice(start, pos)}": with * as database the table must be * too` };
  return { target: objectType === undefined || objectType === 'TABLE' ? { database, table } : { objectType, database, table }, end: pos };
}

/** Parses a whole `on:` argument. */
export function parseGrantTarget(text: string): { target: GrantTarget } | { error: string } {
  const scanned = scanGrantTarget(text.trim());
  if ('error' in scanned) return scanned;
  if (scanned.end !== text.trim().length) return { error: `unexpected text after the target in "${text}"; quote names with spaces in backticks` };
  return { target: scanned.target };
}

function scanName(text: string, pos: number): { name: string; end: number } | { error: string } {
  if (text[pos] === '`') {
    let name = '';
    let i = pos + 1;
    while (i < text.length) {
      if (text[i] === '`') {
        if (text[i + 1] !== '`') return name ? { name, end: i + 1 } : { error: 'empty `` name' };
        name += '`';
        i += 2;
      } else {
        name += text[i];
        i += 1;
      }
    }
    return { error: `unterminated backtick in "${text.slice(pos)}"` };
  }
  const match = /^[^\s.`]+/.exec(text.slice(pos));
  if (!match) return { error: `expected a name or * at "${text.slice(pos) || '(end)'}"` };
  return { name: match[0], end: pos + match[0].length };
}

const BARE = /^[A-Za-z0-9_$]+$/;

function displayName(name: string): string {
  return name === '*' || BARE.test(name) ? name : sqlIdentifier(name);
}

/** The canonical key and readable form: `iam.*`, `` `my db`.t ``, `PROCEDURE iam.p`. */
export function grantTargetKey(target: GrantTarget): string {
  const prefix = target.objectType ? `${target.objectType} ` : '';
  return `${prefix}${displayName(target.database)}.${displayName(target.table)}`;
}

/** The target as written in GRANT/REVOKE: `` `iam`.* ``. */
export function sqlGrantTarget(target: GrantTarget): string {
  const quote = (name: string) => (name === '*' ? '*' : sqlIdentifier(name));
  const prefix = target.objectType ? `${target.objectType} ` : '';
  return `${prefix}${quote(target.database)}.${quote(target.table)}`;
}

/** Which list of privileges ALL stands for at this target. */
export function grantLevel(target: GrantTarget): 'global' | 'database' | 'table' | 'routine' {
  if (target.objectType) return 'routine';
  if (target.database === '*') return 'global';
  return target.table === '*' ? 'database' : 'table';
}
