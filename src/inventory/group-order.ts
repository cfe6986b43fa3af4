// Group membership and Ansible's group order (depth below `all`, then ansible_group_priority, then name), and its reconciling of `all`/`ungrouped`.
import { byCodePoint } from '../core/by-code-point.js';
import type { SourceLocation } from '../core/location.js';
import type { GroupNode, InventoryTree, InventoryTreeBuilder } from './inventory-tree.js';

/** As Ansible's reconcile_inventory: parentless groups go under `all`; `ungrouped` holds exactly the hosts in no other group. */
export function reconcileGroups(builder: InventoryTreeBuilder, at: SourceLocation): void {
  const { tree } = builder;
  for (const g of [...tree.groups.values()]) if (g.name !== 'all' && g.parents.size === 0) builder.link('all', g.name, at);
  const ungrouped = builder.group('ungrouped');
  for (const host of tree.hosts.keys()) {
    const grouped = [...tree.groups.values()].some((g) => g.name !== 'all' && g.name !== 'ungrouped' && g.hosts.has(host));
    if (grouped) ungrouped.hosts.delete(host);
    else ungrouped.hosts.add(host);
  }
}

/** Groups from lowest to highest precedence: by depth below `all`, then ansible_group_priority (default 1), then name. */
export function groupOrder(tree: InventoryTree): string[] {
  const depth = new Map<string, number>();
  const depthOf = (g: GroupNode, seen: Set<string>): number => {
    if (g.name === 'all') return 0;
    if (depth.has(g.name)) return depth.get(g.name)!;
    if (seen.has(g.name)) return 1;
    const parents = [...g.parents].map((p) => tree.groups.get(p)!);
    const d = 1 + Math.max(0, ...parents.map((p) => depthOf(p, new Set([...seen, g.name]))));
    depth.set(g.name, d);
    return d;
  };
  const priority = (g: GroupNode): number => {
    const p = Number(g.vars.get('ansible_group_priority')?.value ?? 1);
    return Number.isFinite(p) ? Math.trunc(p) : 1;
  };
  return [...tree.groups.values()]
    .map((g) => ({ name: g.name, d: depthOf(g, new Set()), p: priority(g) }))
    .sort((a, b) => a.d - b.d || a.p - b.p || byCodePoint(a.name, b.name))
    .map((g) => g.name);
}

/** Whether `host` is in `group` directly or through its children. */
export function memberOf(tree: InventoryTree, group: string, host: string, seen = new Set<string>()): boolean {
  const g = tree.groups.get(group);
  if (!g || seen.has(group)) return false;
  seen.add(group);
  return g.hosts.has(host) || [...g.children].some((c) => memberOf(tree, c, host, seen));
}
