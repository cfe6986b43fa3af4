// Reads Ansible's YAML inventory shape (all/vars/hosts/children, any depth) into groups and hosts, each var with its location.
import { didYouMean } from '../core/did-you-mean.js';
import type { LoadIssue, SourceLocation } from '../core/location.js';
import { isSecret } from '../core/secret.js';
import type { DocPath, ParsedYaml } from '../core/yaml-document.js';

/** A variable as written once: its value, where, and the provenance label shown to people. */
export interface VarEntry {
  value: unknown;
  location: SourceLocation;
  source: string;
}

export interface GroupNode {
  name: string;
  vars: Map<string, VarEntry>;
  hosts: Set<string>;
  children: Set<string>;
  parents: Set<string>;
}

export interface HostNode {
  name: string;
  vars: Map<string, VarEntry>;
  location: SourceLocation;
}

export interface InventoryTree {
  groups: Map<string, GroupNode>;
  /** In order of first appearance. */
  hosts: Map<string, HostNode>;
}

const GROUP_KEYS = ['vars', 'hosts', 'children'];

export function readInventoryTree(doc: ParsedYaml, issues: LoadIssue[]): InventoryTree {
  const tree: InventoryTree = { groups: new Map(), hosts: new Map() };
  const file = doc.locate([]).file;
  const issue = (path: DocPath, message: string, hint?: string, at: 'key' | 'value' = 'value'): void => {
    const where = at === 'key' ? doc.locateKey(path) : doc.locate(path);
    issues.push({ ...where, path: path.join('.'), message, ...(hint ? { hint } : {}) });
  };
  const group = (name: string): GroupNode => {
    let g = tree.groups.get(name);
    if (!g) tree.groups.set(name, (g = { name, vars: new Map(), hosts: new Set(), children: new Set(), parents: new Set() }));
    return g;
  };
  const setVar = (vars: Map<string, VarEntry>, key: string, value: unknown, path: DocPath, owner: string): void => {
    const location = doc.locate(path);
    const previous = vars.get(key);
    if (previous && !sameValue(previous.value, value)) {
      issue(path, `conflicting duplicate ${owner}: "${key}" is ${show(value)} here and ${show(previous.value)} at ${previous.location.file}:${previous.location.line}`, 'set it in one place only, or move it to a group');
      return;
    }
    vars.set(key, { value, location, source: `${file}:${location.line} (${owner})` });
  };

  const readGroup = (name: string, raw: unknown, path: DocPath, parent: string | undefined, stack: string[]): void => {
    if (stack.includes(name)) {
      issue(path, `group "${name}" is its own ancestor (${[...stack, name].join(' -> ')})`, 'remove it from the children of its descendant', 'key');
      return;
    }
    const g = group(name);
    if (parent !== undefined) {
      g.parents.add(parent);
      group(parent).children.add(name);
    }
    if (raw === null || raw === undefined) return;
    if (!isPlainMapping(raw)) {
      issue(path, `group "${name}" must be a mapping of vars, hosts and children`, `write ${name}: { hosts: { HOST: {} } }`);
      return;
    }
    for (const key of Object.keys(raw).filter((k) => !GROUP_KEYS.includes(k))) {
      issue([...path, key], `unknown key "${key}" in group "${name}"`, didYouMean(key, GROUP_KEYS) ?? 'a group takes vars, hosts and children; host variables go under hosts: { HOST: { key: value } }', 'key');
    }
    for (const [key, value] of mappingEntries(raw.vars, [...path, 'vars'])) setVar(g.vars, key, value, [...path, 'vars', key], `group ${name}`);
    for (const [hostName, hostVars] of mappingEntries(raw.hosts, [...path, 'hosts'])) {
      const hostPath = [...path, 'hosts', hostName];
      let host = tree.hosts.get(hostName);
      if (!host) tree.hosts.set(hostName, (host = { name: hostName, vars: new Map(), location: doc.locateKey(hostPath) }));
      g.hosts.add(hostName);
      if (hostVars === null || hostVars === undefined) continue;
      if (!isPlainMapping(hostVars)) {
        issue(hostPath, `host "${hostName}" must map to its variables (or nothing)`, `write ${hostName}: { host: 10.0.0.1 }`);
        continue;
      }
      for (const [key, value] of Object.entries(hostVars)) setVar(host.vars, key, value, [...hostPath, key], `host ${hostName}`);
    }
    for (const [child, childRaw] of mappingEntries(raw.children, [...path, 'children'])) {
      readGroup(child, childRaw, [...path, 'children', child], name, [...stack, name]);
    }
  };
  function mappingEntries(value: unknown, path: DocPath): Array<[string, unknown]> {
    if (value === undefined || value === null) return [];
    if (isPlainMapping(value)) return Object.entries(value);
    issue(path, `expected a mapping, found ${Array.isArray(value) ? 'a list' : typeof value}`, Array.isArray(value) ? 'Ansible inventories list hosts as a mapping: "hosts: { web1: {}, web2: {} }"' : undefined);
    return [];
  }

  group('all');
  const root = doc.value;
  if (root === null || root === undefined) return tree;
  if (!isPlainMapping(root)) {
    issue([], 'an inventory is a mapping starting with "all:"', 'see Ansible\'s YAML inventory format');
    return tree;
  }
  // Top-level groups other than `all` are children of all, as in Ansible.
  for (const [name, raw] of Object.entries(root)) readGroup(name, raw, [name], name === 'all' ? undefined : 'all', []);
  return tree;
}

function isPlainMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !isSecret(value);
}

function sameValue(a: unknown, b: unknown): boolean {
  if (isSecret(a) || isSecret(b)) return isSecret(a) && isSecret(b) && a.reveal() === b.reveal();
  return JSON.stringify(a) === JSON.stringify(b);
}

function show(value: unknown): string {
  return isSecret(value) ? 'a secret' : JSON.stringify(value);
}
