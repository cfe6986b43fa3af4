// Parses SHOW GRANTS output into privileges per target, whatever quoting and expansion the server used.
import { parseBatchRows } from './batch-rows.js';
import { type GrantTarget, grantLevel, grantTargetKey, scanGrantTarget } from './grant-target.js';
import { collapseAll, normalizePrivilege, splitPrivilegeList } from './privileges.js';

export interface PresentGrant {
  target: GrantTarget;
  /** Normalised items (`SELECT`, `SELECT (a)`, `ALL PRIVILEGES`), a complete list collapsed to ALL. */
  privileges: Set<string>;
  grantOption: boolean;
}

/** Grants by `grantTargetKey`. Role memberships, PROXY and `SET DEFAULT ROLE` lines are not privileges on a target: skipped. */
export function parseShowGrants(stdout: string): Map<string, PresentGrant> {
  const grants = new Map<string, PresentGrant>();
  for (const row of parseBatchRows(stdout)) {
    const parsed = parseGrantLine(row.join('\t'));
    if (!parsed) continue;
    const key = grantTargetKey(parsed.target);
    const entry = grants.get(key) ?? { target: parsed.target, privileges: new Set<string>(), grantOption: false };
    for (const item of parsed.privileges) entry.privileges.add(item);
    entry.grantOption ||= parsed.grantOption;
    grants.set(key, entry);
  }
  for (const entry of grants.values()) entry.privileges = collapseAll(entry.privileges, grantLevel(entry.target));
  return grants;
}

function parseGrantLine(line: string): { target: GrantTarget; privileges: string[]; grantOption: boolean } | undefined {
  if (!/^GRANT /i.test(line) || /^GRANT PROXY ON /i.test(line)) return undefined;
  const on = findOutside(line, ' ON ', 6);
  if (on < 0) return undefined;
  const scanned = scanGrantTarget(line, on + 4);
  if ('error' in scanned) return undefined;
  const rest = line.slice(scanned.end);
  if (!/^ TO /i.test(rest)) return undefined;
  const privileges = splitPrivilegeList(line.slice(6, on)).flatMap((text) => {
    const normalized = normalizePrivilege(text);
    // A name this engine does not know is kept as the server wrote it, so it can still be compared.
    return 'error' in normalized ? [text.toUpperCase()] : normalized.items;
  });
  // Quoted strings (the IDENTIFIED BY PASSWORD hash, account names) are blanked before looking for options.
  const options = rest.replace(/'(?:[^'\\]|\\.|'')*'|`(?:[^`]|``)*`/g, "''");
  return { target: scanned.target, privileges, grantOption: /\bWITH\b.*\bGRANT OPTION\b/i.test(options) };
}

/** Index of `needle` in `text` from `start`, outside backticks and parentheses; -1 if none. */
function findOutside(text: string, needle: string, start: number): number {
  let depth = 0;
  let quoted = false;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (c === '`') quoted = !quoted;
    else if (!quoted && c === '(') depth += 1;
    else if (!quoted && c === ')') depth -= 1;
    else if (!quoted && depth === 0 && text.startsWith(needle, i)) return i;
  }
  return -1;
}
