// Ansible host patterns over an inventory: all/*, names, groups, globs, a,b / a:b unions, &x intersections, !x exclusions.
import { closestNames } from '../core/did-you-mean.js';
import type { Host, Inventory } from '../core/host.js';
import { HostPatternError } from './host-pattern-error.js';

export interface MatchOptions {
  /** Report unknown names in `issues` instead of throwing (for `validate`, which lists every problem). */
  lenient?: boolean;
}

/**
 * Hosts matching `pattern`, in inventory order. As in Ansible, unions are taken first, then
 * `&` intersections, then `!` exclusions; a pattern of only `&`/`!` terms starts from `all`.
 * The implicit localhost matches only by its name, never through `all` or a glob.
 * Throws HostPatternError when a term matches no host or group.
 */
export function matchHosts(pattern: string, inventory: Inventory, options: MatchOptions = {}): { hosts: Host[]; issues?: string[] } {
  const terms = splitPattern(pattern);
  const unknown: string[] = [];
  const resolveTerm = (term: string): Set<string> => {
    const found = namesFor(term, inventory);
    if (found === undefined) unknown.push(term);
    return found ?? new Set();
  };
  const unions = terms.filter((t) => !t.startsWith('&') && !t.startsWith('!'));
  let selected = new Set<string>();
  for (const term of unions.length > 0 ? unions : ['all']) for (const name of resolveTerm(term)) selected.add(name);
  for (const term of terms.filter((t) => t.startsWith('&'))) {
    const keep = resolveTerm(term.slice(1));
    selected = new Set([...selected].filter((n) => keep.has(n)));
  }
  for (const term of terms.filter((t) => t.startsWith('!'))) {
    const drop = resolveTerm(term.slice(1));
    selected = new Set([...selected].filter((n) => !drop.has(n)));
  }
  const hosts = inventory.hosts.filter((h) => selected.has(h.name));
  if (unknown.length === 0) return { hosts };
  const known = [...Object.keys(inventory.groups), ...inventory.hosts.map((h) => h.name)];
  const close = unknown.flatMap((u) => closestNames(u, known));
  const groups = Object.keys(inventory.groups).filter((g) => g !== 'ungrouped');
  const hint = `${close.length ? `did you mean ${[...new Set(close)].map((c) => `"${c}"`).join(' or ')}? ` : ''}groups: ${groups.join(', ')}`;
  if (options.lenient) return { hosts, issues: unknown.map((u) => `no host or group named "${u}" (${hint})`) };
  throw new HostPatternError(pattern, unknown, hint);
}

// `a:b` and `a,b` are both unions; spaces around separators are ignored.
function splitPattern(pattern: string): string[] {
  return pattern
    .split(/[,:]/)
    .map((t) => t.trim())
    .filter((t) => t.length > 0);
}

/** Host names a single term stands for; undefined when it names nothing. */
function namesFor(term: string, inventory: Inventory): Set<string> | undefined {
  const all = inventory.groups.all ?? [];
  if (term === 'all' || term === '*') return new Set(all);
  if (term in inventory.groups) return new Set(inventory.groups[term]);
  if (inventory.hosts.some((h) => h.name === term)) return new Set([term]);
  if (/[*?]/.test(term)) {
    const glob = new RegExp(`^${term.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`);
    const names = new Set(all.filter((h) => glob.test(h)));
    for (const [group, members] of Object.entries(inventory.groups)) if (glob.test(group)) members.forEach((m) => names.add(m));
    return names.size > 0 ? names : undefined;
  }
  return undefined;
}
