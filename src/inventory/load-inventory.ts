// Entry point: an inventory (YAML or INI file, or a directory of them) + group_vars/host_vars -> resolved hosts, or every problem at once.
import { statSync } from 'node:fs';
import { readTextFile } from '../core/read-text-file.js';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { LoadError } from '../core/errors.js';
import type { Host, Inventory, VarSource } from '../core/host.js';
import type { LoadIssue } from '../core/location.js';
import type { YamlParser } from '../core/yaml-document.js';
import { connectionSpec } from './connection-spec.js';
import { SSH_ARGS_VARS, withConnectionNames } from './connection-vars.js';
import { groupOrder, memberOf, reconcileGroups } from './group-order.js';
import { detectFormat, inventoryFiles } from './inventory-sources.js';
import { InventoryTreeBuilder, type VarEntry } from './inventory-tree.js';
import { readIniInventory } from './read-ini-inventory.js';
import { readVarsDirectory, type VarsDirectoryContext } from './read-vars-directory.js';
import { readYamlInventory } from './read-yaml-inventory.js';

export interface LoadInventoryOptions {
  /** The YAML adapter (the CLI passes src/runbook/parse-yaml.ts's parseYaml). */
  parse: YamlParser;
  /** Feeds `!env NAME`. */
  env: NodeJS.ProcessEnv;
  /** Locations are shown relative to it; default process.cwd(). */
  cwd?: string;
  /** The CLI's `--timeout` seconds: a default for hosts that set no `timeout` / `keepalive_interval`. */
  timeoutSeconds?: number;
  /** The runbook's folder: its group_vars/ and host_vars/ apply too, above the inventory's. */
  playbookDir?: string;
}

/**
 * Loads an Ansible inventory: a YAML or INI file, or a directory of them. Variables merge in
 * Ansible's order (ansible-core 2.14, default VARIABLE_PRECEDENCE), lowest first: inventory
 * `all` < inventory groups (parent < child; same depth by ansible_group_priority, then name) <
 * group_vars/all (beside the inventory, then beside the runbook) < group_vars/GROUP (same
 * order) < inventory host vars < host_vars/HOST (inventory's, then runbook's). An implicit
 * `localhost` (connection local) exists when not listed; it is in no group, `all` included.
 */
export function loadInventory(path: string, options: LoadInventoryOptions): Inventory {
  const cwd = options.cwd ?? process.cwd();
  const absPath = resolve(cwd, path);
  const show = (p: string): string => {
    const rel = relative(cwd, p);
    return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : p;
  };
  const display = show(absPath);
  let files: string[];
  try {
    files = inventoryFiles(absPath);
  } catch {
    throw new LoadError([{ file: display, line: 1, column: 1, path: '', message: `cannot read inventory ${display}`, hint: 'pass -i PATH, or create inventory/hosts.yaml' }]);
  }
  const issues: LoadIssue[] = [];
  if (files.length === 0) issues.push({ file: display, line: 1, column: 1, path: '', message: `inventory directory ${display} has no inventory file`, hint: 'add a YAML (.yaml) or INI (no extension) file; .ini files are skipped in directories, as in Ansible' });
  const builder = new InventoryTreeBuilder(issues);
  for (const file of files) readInventoryFile(file, show(file), builder, issues, options);
  reconcileGroups(builder, { file: display, line: 1, column: 1 });
  const tree = builder.tree;
  const order = groupOrder(tree);

  const inventoryDir = statSync(absPath).isDirectory() ? absPath : dirname(absPath);
  const playbookDir = options.playbookDir === undefined ? undefined : resolve(cwd, options.playbookDir);
  const bases = playbookDir === undefined || playbookDir === inventoryDir ? [inventoryDir] : [inventoryDir, playbookDir];
  const varsCtx: VarsDirectoryContext = { parse: options.parse, env: options.env, cwd, issues };
  const filesCache = new Map<string, Array<Map<string, VarEntry>>>();
  const varsFiles = (kind: 'group_vars' | 'host_vars', names: string[]): Array<Map<string, VarEntry>> =>
    bases.flatMap((base) => names.flatMap((name) => {
      const key = `${base}\0${kind}\0${name}`;
      if (!filesCache.has(key)) filesCache.set(key, readVarsDirectory(base, kind, name, varsCtx));
      return filesCache.get(key)!;
    }));
  const normalized = new Map<Map<string, VarEntry>, Map<string, VarEntry>>();
  const merge = (layers: Array<Map<string, VarEntry>>): Map<string, VarEntry> => {
    const merged = new Map<string, VarEntry>();
    for (const layer of layers) {
      if (!normalized.has(layer)) normalized.set(layer, withConnectionNames(layer, issues));
      // A later ansible_ssh_common_args replaces the earlier one whole, with what was read out of it.
      for (const args of SSH_ARGS_VARS) {
        if (layer.has(args)) for (const [key, entry] of merged) if (entry.derivedFrom === args) merged.delete(key);
      }
      for (const [key, entry] of normalized.get(layer)!) merged.set(key, entry);
    }
    return merged;
  };
  const allVars = tree.groups.get('all')!.vars;
  const ctx = { inventoryDir, home: options.env.HOME, timeoutSeconds: options.timeoutSeconds };

  const hosts: Host[] = [];
  for (const node of tree.hosts.values()) {
    const groups = order.filter((g) => g === 'all' || memberOf(tree, g, node.name));
    const own = groups.filter((g) => g !== 'all');
    const merged = merge([
      allVars,
      ...own.map((g) => tree.groups.get(g)!.vars),
      ...varsFiles('group_vars', ['all']),
      ...varsFiles('group_vars', own),
      node.vars,
      ...varsFiles('host_vars', [node.name]),
    ]);
    const { connection, address } = connectionSpec(node.name, merged, { ...ctx, defaultKind: 'ssh' }, issues);
    hosts.push({ name: node.name, address, groups, ...plainVars(merged), connection, location: node.location });
  }
  if (!tree.hosts.has('localhost')) {
    // Ansible's implicit localhost: reachable by name, sees `all` vars, but `all` does not match it.
    const merged = merge([allVars, ...varsFiles('group_vars', ['all']), ...varsFiles('host_vars', ['localhost'])]);
    const { connection } = connectionSpec('localhost', merged, { ...ctx, defaultKind: 'local' }, issues);
    hosts.push({ name: 'localhost', address: '127.0.0.1', groups: [], ...plainVars(merged), connection });
  }

  if (issues.length > 0) throw new LoadError(dedupe(issues));
  const groups: Record<string, string[]> = {};
  const listed = [...tree.hosts.keys()];
  for (const name of order) groups[name] = name === 'all' ? listed : listed.filter((h) => memberOf(tree, name, h));
  return { file: display, hosts, groups };
}

function readInventoryFile(file: string, display: string, builder: InventoryTreeBuilder, issues: LoadIssue[], options: LoadInventoryOptions): void {
  const read = readTextFile(file);
  if ('problem' in read) {
    issues.push({ file: display, line: 1, column: 1, path: '', message: `cannot read inventory ${display}: ${read.problem}` });
    return;
  }
  const text = read.text;
  const kind = detectFormat(file, text, () => options.parse(text, display, options.env));
  if (kind.format === 'refused') {
    issues.push({ file: display, line: 1, column: 1, path: '', message: `${display}: ${kind.message}`, hint: kind.hint });
  } else if (kind.format === 'yaml') {
    issues.push(...kind.doc.issues);
    readYamlInventory(kind.doc, builder, issues);
  } else {
    const before = issues.length;
    readIniInventory(text, display, builder, issues);
    const first = issues[before];
    if (kind.guessed && first) first.hint = `${first.hint ?? ''} (${display} was read as INI because it is not a YAML mapping; name it .yaml to read it as YAML)`.trim();
  }
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
