// Privilege names normalised for comparison: upper-case, ALL == ALL PRIVILEGES == the full list, columns split out.
import { sqlIdentifier } from './sql-quote.js';
import type { grantLevel } from './grant-target.js';

export const ALL = 'ALL PRIVILEGES';

/**
 * What ALL expands to per level in MySQL's SHOW GRANTS (MariaDB prints ALL PRIVILEGES itself, except
 * for routines). A present list holding all of these counts as ALL: the idempotency trap of pain 22.
 */
const ALL_BY_LEVEL: Record<ReturnType<typeof grantLevel>, readonly string[]> = {
  global: [
    'SELECT', 'INSERT', 'UPDATE', 'DELETE', 'CREATE', 'DROP', 'RELOAD', 'SHUTDOWN', 'PROCESS', 'FILE',
    'REFERENCES', 'INDEX', 'ALTER', 'SHOW DATABASES', 'SUPER', 'CREATE TEMPORARY TABLES', 'LOCK TABLES',
    'EXECUTE', 'REPLICATION SLAVE', 'CREATE VIEW', 'SHOW VIEW', 'CREATE ROUTINE', 'ALTER ROUTINE',
    'CREATE USER', 'EVENT', 'TRIGGER', 'CREATE TABLESPACE',
  ],
  database: [
    'SELECT', 'INSERT', 'UPDATE', 'DELETE', 'CREATE', 'DROP', 'REFERENCES', 'INDEX', 'ALTER',
    'CREATE TEMPORARY TABLES', 'LOCK TABLES', 'EXECUTE', 'CREATE VIEW', 'SHOW VIEW', 'CREATE ROUTINE',
    'ALTER ROUTINE', 'EVENT', 'TRIGGER',
  ],
  table: ['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'CREATE', 'DROP', 'REFERENCES', 'INDEX', 'ALTER', 'CREATE VIEW', 'SHOW VIEW', 'TRIGGER'],
  routine: ['EXECUTE', 'ALTER ROUTINE'],
};

/**
 * MariaDB-only names. MariaDB collapses a complete list to ALL PRIVILEGES at these levels, so a
 * list naming one of them comes from MariaDB and is partial, whatever else it holds.
 */
const MARIADB_ONLY = new Set(['DELETE HISTORY', 'BINLOG MONITOR', 'SET USER', 'FEDERATED ADMIN', 'CONNECTION ADMIN', 'READ_ONLY ADMIN', 'BINLOG ADMIN', 'BINLOG REPLAY', 'SLAVE MONITOR', 'REPLICATION SLAVE ADMIN', 'REPLICATION MASTER ADMIN']);

/**
 * Names the server reports for a privilege granted under another: MariaDB 10.5.2 made REPLICATION
 * CLIENT an alias of BINLOG MONITOR, and SHOW GRANTS prints the latter (community.mysql 3.7 would
 * revoke and grant it again on every run). Compared, and granted, under the name both servers know.
 */
const SAME_PRIVILEGE: Readonly<Record<string, string>> = { 'BINLOG MONITOR': 'REPLICATION CLIENT' };

/** Splits `SELECT (a, b), INSERT` at the commas outside parentheses and backticks. */
export function splitPrivilegeList(text: string): string[] {
  const items: string[] = [];
  let depth = 0;
  let quoted = false;
  let current = '';
  for (const c of text) {
    if (c === '`') quoted = !quoted;
    else if (!quoted && c === '(') depth += 1;
    else if (!quoted && c === ')') depth -= 1;
    if (c === ',' && depth === 0 && !quoted) {
      items.push(current);
      current = '';
    } else current += c;
  }
  items.push(current);
  return items.map((i) => i.trim()).filter((i) => i.length > 0);
}

/**
 * One privilege as comparable items: `SELECT`, `ALL PRIVILEGES`, or one item per column
 * (`SELECT (a)`, `SELECT (b)`); `USAGE` is no privilege and gives none.
 */
export function normalizePrivilege(text: string): { items: string[] } | { error: string } {
  const match = /^([A-Za-z_ ]+?)\s*(?:\((.*)\))?$/s.exec(text.trim());
  if (!match || !/^[A-Za-z]/.test(match[1]!)) {
    return { error: `"${text}" is not a privilege; write names like SELECT, INSERT or ALL PRIVILEGES` };
  }
  const name = match[1]!.trim().replace(/\s+/g, ' ').toUpperCase();
  if (name === 'USAGE') return { items: [] };
  const canonical = name === 'ALL' ? ALL : (SAME_PRIVILEGE[name] ?? name);
  if (match[2] === undefined) return { items: [canonical] };
  if (canonical === ALL) return { error: `"${text}": ALL PRIVILEGES takes no column list` };
  const columns = splitPrivilegeList(match[2]).map((c) => c.replace(/^`(.*)`$/s, '$1').replace(/``/g, '`'));
  if (columns.length === 0) return { error: `"${text}" has an empty column list` };
  return { items: columns.map((column) => `${canonical} (${column})`) };
}

/** Parses what a task asks for: `ALL`, `SELECT, INSERT`, or a YAML list; sorted, without duplicates. */
export function parsePrivileges(value: string | string[]): { privileges: string[] } | { error: string } {
  const texts = (Array.isArray(value) ? value : [value]).flatMap(splitPrivilegeList);
  const items = new Set<string>();
  for (const text of texts) {
    const normalized = normalizePrivilege(text);
    if ('error' in normalized) return normalized;
    if (normalized.items.includes('GRANT OPTION')) return { error: 'GRANT OPTION is not a privilege here; set grant_option: true' };
    for (const item of normalized.items) items.add(item);
  }
  if (items.size === 0) return { error: 'no privileges given (USAGE alone grants nothing); name at least one, e.g. ALL PRIVILEGES' };
  // ALL already holds every other table-level privilege.
  return { privileges: items.has(ALL) ? [ALL] : [...items].sort() };
}

/** A present set with the full list of its level collapsed to ALL PRIVILEGES. */
export function collapseAll(present: ReadonlySet<string>, level: ReturnType<typeof grantLevel>): Set<string> {
  if (present.has(ALL)) return new Set([ALL]);
  const full = ALL_BY_LEVEL[level].every((p) => present.has(p));
  const fromMariaDB = level !== 'routine' && [...present].some((p) => MARIADB_ONLY.has(p));
  return full && !fromMariaDB ? new Set([ALL]) : new Set(present);
}

/** Whether a (collapsed) present set grants one wanted item; a table-level privilege covers its columns. */
export function grants(present: ReadonlySet<string>, item: string): boolean {
  if (present.has(ALL) || present.has(item)) return true;
  const column = /^(.+) \((.*)\)$/s.exec(item);
  return column !== null && present.has(column[1]!);
}

/** Items as SQL: per-column items of one privilege are joined back, `SELECT (`a`, `b`)`. */
export function sqlPrivileges(items: readonly string[]): string {
  const byName = new Map<string, string[] | null>();
  for (const item of items) {
    const column = /^(.+) \((.*)\)$/s.exec(item);
    if (!column) byName.set(item, null);
    else if (byName.get(column[1]!) !== null) byName.set(column[1]!, [...(byName.get(column[1]!) ?? []), column[2]!]);
  }
  return [...byName.entries()].map(([name, cols]) => (cols ? `${name} (${cols.map(sqlIdentifier).join(', ')})` : name)).join(', ');
}
