// mysql_user's `priv:` (community.mysql): `db.*:ALL,GRANT/other.t:SELECT` or a mapping, and what it takes
// to make an account's grants equal it (or, with append_privs, include it).
import { type GrantTarget, grantLevel, grantTargetKey, parseGrantTarget, sqlGrantTarget } from './grant-target.js';
import type { PresentGrant } from './parse-show-grants.js';
import { ALL, collapseAll, grants, normalizePrivilege, splitPrivilegeList, sqlPrivileges } from './privileges.js';

export interface WantedGrant {
  target: GrantTarget;
  /** Normalised items (`SELECT`, `SELECT (a)`, `ALL PRIVILEGES`); empty for USAGE. */
  privileges: string[];
  /** `GRANT` in the list: WITH GRANT OPTION. */
  grantOption: boolean;
}

/** `priv:` as a string (`/`-separated `target:privs`) or a mapping of target -> privs (string or list). */
export function parsePrivSpec(value: string | Record<string, string | string[]>): { grants: WantedGrant[] } | { error: string } {
  const entries: Array<[string, string]> =
    typeof value === 'string'
      ? value
          .trim()
          .split('/')
          .map((item): [string, string] => {
            const cut = item.lastIndexOf(':');
            return cut < 0 ? [item, ''] : [item.slice(0, cut), item.slice(cut + 1)];
          })
      : Object.entries(value).map(([target, privs]): [string, string] => [target, Array.isArray(privs) ? privs.join(',') : privs]);
  const wanted = new Map<string, WantedGrant>();
  for (const [targetText, privText] of entries) {
    if (privText.trim() === '') return { error: `"${targetText}" has no privileges; write target:PRIVILEGES, e.g. mydb.*:ALL (USAGE for none)` };
    const parsed = parseGrantTarget(targetText.trim());
    if ('error' in parsed) return parsed;
    const grant = readPrivileges(parsed.target, privText);
    if ('error' in grant) return grant;
    wanted.set(grantTargetKey(parsed.target), grant);
  }
  // As community.mysql: the server always shows USAGE ON *.*, so an unnamed *.* means "no global privileges".
  if (!wanted.has('*.*')) wanted.set('*.*', { target: { database: '*', table: '*' }, privileges: [], grantOption: false });
  return { grants: [...wanted.values()] };
}

function readPrivileges(target: GrantTarget, text: string): WantedGrant | { error: string } {
  const items = new Set<string>();
  let grantOption = false;
  for (const word of splitPrivilegeList(text)) {
    if (word.toUpperCase() === 'GRANT') {
      grantOption = true;
      continue;
    }
    const normalized = normalizePrivilege(word);
    if ('error' in normalized) return normalized;
    for (const item of normalized.items) items.add(item);
  }
  const privileges = [...collapseAll(items, grantLevel(target))].sort();
  return { target, privileges: privileges.includes(ALL) ? [ALL] : privileges, grantOption };
}

export interface PrivilegeChanges {
  statements: string[];
  reasons: string[];
}

/**
 * The GRANT/REVOKE statements that bring `present` to `wanted` for `account`, as community.mysql does:
 * without append_privs a target not wanted loses everything (never root's), a wanted one loses what is not
 * listed; with append_privs only what is missing is granted.
 */
export function privilegeChanges(account: string, wanted: WantedGrant[], present: Map<string, PresentGrant>, options: { append: boolean; isRoot: boolean }): PrivilegeChanges {
  const out: PrivilegeChanges = { statements: [], reasons: [] };
  const wantedKeys = new Set(wanted.map((w) => grantTargetKey(w.target)));
  if (!options.append && !options.isRoot) {
    for (const [key, held] of present) {
      if (wantedKeys.has(key) || (held.privileges.size === 0 && !held.grantOption)) continue;
      revoke(out, account, held.target, [...held.privileges], held.grantOption, `${account} has privileges ON ${key}, which priv does not list`);
    }
  }
  for (const grant of wanted) {
    const key = grantTargetKey(grant.target);
    const held = present.get(key) ?? { target: grant.target, privileges: new Set<string>(), grantOption: false };
    const wantedSet = new Set(grant.privileges);
    const extra = options.append || wantedSet.has(ALL) ? [] : [...held.privileges].filter((p) => !grants(wantedSet, p));
    // Revoked first: what the grant must add is measured against what is left (ALL revoked leaves nothing).
    const left = extra.includes(ALL) ? new Set<string>() : new Set([...held.privileges].filter((p) => !extra.includes(p)));
    const missing = grant.privileges.filter((p) => !grants(left, p));
    const dropOption = !options.append && held.grantOption && !grant.grantOption;
    if (extra.length > 0 || dropOption) revoke(out, account, grant.target, extra, dropOption, `${account} has ${[...extra, ...(dropOption ? ['GRANT OPTION'] : [])].join(', ')} ON ${key}, not in priv`);
    const addOption = grant.grantOption && !held.grantOption;
    if (missing.length > 0 || addOption) {
      const what = missing.length > 0 ? sqlPrivileges(missing) : 'USAGE';
      out.statements.push(`GRANT ${what} ON ${sqlGrantTarget(grant.target)} TO ${account}${addOption ? ' WITH GRANT OPTION' : ''}`);
      out.reasons.push(`missing ${[...missing, ...(addOption ? ['GRANT OPTION'] : [])].join(', ')} ON ${key}`);
    }
  }
  return out;
}

function revoke(out: PrivilegeChanges, account: string, target: GrantTarget, privileges: string[], grantOption: boolean, reason: string): void {
  const items = [...privileges, ...(grantOption ? ['GRANT OPTION'] : [])];
  if (items.length === 0) return;
  out.statements.push(`REVOKE ${sqlPrivileges(items)} ON ${sqlGrantTarget(target)} FROM ${account}`);
  out.reasons.push(reason);
}

/** community.mysql's `column_case_sensitive: false` (its default): column names upper-cased (`SELECT (a)` -> `SELECT (A)`). */
export function upperColumnNames(wanted: WantedGrant[]): WantedGrant[] {
  return wanted.map((grant) => ({ ...grant, privileges: [...new Set(grant.privileges.map((p) => p.toUpperCase()))].sort() }));
}
