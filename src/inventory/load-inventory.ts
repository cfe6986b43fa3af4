// Entry point: an inventory file -> resolved hosts (connection, groups, merged vars with provenance), or every problem at once.
import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { LoadError } from '../core/errors.js';
import type { Host, Inventory, VarSource } from '../core/host.js';
import type { LoadIssue } from '../core/location.js';
import type { YamlParser } from '../core/yaml-document.js';
import { CONNECTION_ALIASES, connectionSpec } from './connection-spec.js';
import { readInventoryTree, type GroupNode, type InventoryTree, type VarEntry } from './inventory-tree.js';
import { byCodePoint } from '../core/by-code-point.js';

export interface LoadInventoryOptions {
  /** The YAML adapter (the CLI passes src/runbook/parse-yaml.ts's parseYaml). */
  parse: YamlParser;
  /** Feeds `!env NAME`. */
  env: NodeJS.ProcessEnv;
  /** Locations are shown relative to it; default process.cwd(). */
  cwd?: string;
  /** The CLI's `--timeout` seconds: a default for hosts that set no `timeout` / `keepalive_interval`. */
  timeoutSeconds?: number;
}

/**
 * Loads an Ansible-style YAML inventory. Variables merge all < parent group < child group <
 * host (groups of equal depth in name order, later wins), as Ansible does. An implicit
 * `localhost` (connection local) exists when not listed; it is in no group, `all` included.
 */
export function loadInventory(file: string, options: LoadInventoryOptions): Inventory {
  const cwd = options.cwd ?? process.cwd();
  const absFile = resolve(cwd, file);
  const rel = relative(cwd, absFile);
  const display = rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : absFile;
  let text: string;
  try {
    text = readFileSync(absFile, 'utf8');
  } catch {
    throw new LoadError([{ file: display, line: 1, column: 1, path: '', message: `cannot read inventory ${display}`, hint: 'pass -i PATH, or create inventory/hosts.yaml' }]);
  }
  const doc = options.parse(text, display, options.env);
  const issues: LoadIssue[] = [...doc.issues];
  const tree = readInventoryTree(doc, issues);
  const order = groupOrder(tree);
  const ctx = { inventoryDir: dirname(absFile), home: options.env.HOME, timeoutSeconds: options.timeoutSeconds };

  const hosts: Host[] = [];
  for (const node of tree.hosts.values()) {
    const groups = order.filter((g) => g === 'all' || memberOf(tree, g, node.name));
    const merged = mergeLayers([...groups.map((g) => tree.groups.get(g)!.vars), node.vars]);
    const { connection, address } = connectionSpec(node.name, merged, { ...ctx, defaultKind: 'ssh' }, issues);
    hosts.push({ name: node.name, address, groups, ...plainVars(merged), connection, location: node.location });
  }
  if (!tree.hosts.has('localhost')) {
    // Ansible's implicit localhost: reachable by name, sees `all` vars, but `all` does not match it.
    const merged = mergeLayers([tree.groups.get('all')!.vars]);
    const { connection } = connectionSpec('localhost', merged, { ...ctx, defaultKind: 'local' }, issues);
    hosts.push({ name: 'localhost', address: '127.0.0.1', groups: [], ...plainVars(merged), connection });
  }

  if (issues.length > 0) throw new LoadError(dedupe(issues));
  const groups: Record<string, string[]> = {};
  const listed = [...tree.hosts.keys()];
  for (const name of order) groups[name] = name === 'all' ? listed : listed.filter((h) => memberOf(tree, name, h));
  groups.ungrouped = listed.filter((h) => !order.some((g) => g !== 'all' && memberOf(tree, g, h)));
  return { file: display, hosts, groups };
}

/** Groups from lowest to highest precedence: by depth below `all`, then by name. */
function groupOrder(tree: InventoryTree): string[] {
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
  return [...tree.groups.values()]
    .map((g) => ({ name: g.name, d: depthOf(g, new Set()) }))
    .sort((a, b) => a.d - b.d || byCodePoint(a.name, b.name))
    .map((g) => g.name);
}

/** Whether `host` is in `group` directly or through its children. */
function memberOf(tree: InventoryTree, group: string, host: string, seen = new Set<string>()): boolean {
  const g = tree.groups.get(group);
  if (!g || seen.has(group)) return false;
  seen.add(group);
  return g.hosts.has(host) || [...g.children].some((c) => memberOf(tree, c, host, seen));
}

/** Later layers win; an Ansible alias (ansible_host) also sets its canonical name (host) within its layer. */
function mergeLayers(layers: Array<Map<string, VarEntry>>): Map<string, VarEntry> {
  const merged = new Map<string, VarEntry>();
  for (const layer of layers) {
    for (const [key, entry] of layer) {
      merged.set(key, entry);
      const canonical = CONNECTION_ALIASES[key];
      if (canonical !== undefined && !layer.has(canonical)) merged.set(canonical, entry);
    }
  }
  return merged;
}

function plainVars(merged: Map<string, VarEntry>): { vars: Record<string, unknown>; varSources: Record<string, VarSource> } {
  const vars: Record<string, unknown> = {};
  const varSources: Record<string, VarSource> = {};
  for (const [key, entry] of merged) {
    vars[key] = entry.value;
    varSources[key] = { value: entry.value, source: entry.source };
  }
  return { vars, varSources };
}

function dedupe(issues: LoadIssue[]): LoadIssue[] {
  const seen = new Set<string>();
  return issues.filter((i) => !seen.has(`${i.file}:${i.line}:${i.column}:${i.message}`) && !!seen.add(`${i.file}:${i.line}:${i.column}:${i.message}`));
}
