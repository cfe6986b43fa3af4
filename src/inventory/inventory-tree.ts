// The inventory as written, whatever its format: groups, hosts and their variables, each var with its location.
import type { LoadIssue, SourceLocation } from '../core/location.js';
import { isSecret } from '../core/secret.js';

/** A variable as written once: its value, where, and the provenance label shown to people. */
export interface VarEntry {
  value: unknown;
  location: SourceLocation;
  source: string;
  /** Set on a setting read out of ansible_ssh_common_args/extra_args: a later value of that variable replaces it. */
  derivedFrom?: string;
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

/**
 * Builds one tree from any number of inventory files (a directory's files share it, as in
 * Ansible), reporting problems into `issues`. `all` and `ungrouped` always exist.
 */
export class InventoryTreeBuilder {
  readonly tree: InventoryTree = { groups: new Map(), hosts: new Map() };

  constructor(private readonly issues: LoadIssue[]) {
    this.group('all');
    this.link('all', this.group('ungrouped').name, { file: '', line: 0, column: 0 });
  }

  group(name: string): GroupNode {
    let g = this.tree.groups.get(name);
    if (!g) this.tree.groups.set(name, (g = { name, vars: new Map(), hosts: new Set(), children: new Set(), parents: new Set() }));
    return g;
  }

  /** Makes `child` a child of `parent`; refuses a link that would make a group its own ancestor. */
  link(parent: string, child: string, at: SourceLocation, path = ''): boolean {
    if (parent === child || this.isAncestor(child, parent)) {
      this.issues.push({ ...at, path, message: `group "${child}" cannot be a child of "${parent}": "${parent}" is already inside "${child}" (a loop)`, hint: `remove "${child}" from the children of "${parent}"` });
      return false;
    }
    this.group(parent).children.add(child);
    this.group(child).parents.add(parent);
    return true;
  }

  host(name: string, group: string, at: SourceLocation): HostNode {
    let host = this.tree.hosts.get(name);
    if (!host) this.tree.hosts.set(name, (host = { name, vars: new Map(), location: at }));
    this.group(group).hosts.add(name);
    return host;
  }

  /**
   * Sets a variable of a host or group. A variable given two different values is a problem
   * (Ansible keeps the last one silently; a host listed in several places usually means a mistake).
   */
  setVar(vars: Map<string, VarEntry>, key: string, value: unknown, at: SourceLocation, owner: string, path = ''): void {
    const previous = vars.get(key);
    if (previous && !sameValue(previous.value, value)) {
      this.issues.push({
        ...at,
        path,
        message: `conflicting duplicate ${owner}: "${key}" is ${show(value)} here and ${show(previous.value)} at ${previous.location.file}:${previous.location.line}`,
        hint: 'set it in one place only, or move it to a group',
      });
      return;
    }
    vars.set(key, { value, location: at, source: `${at.file}:${at.line} (${owner})` });
  }

  private isAncestor(candidate: string, of: string, seen = new Set<string>()): boolean {
    const g = this.tree.groups.get(of);
    if (!g || seen.has(of)) return false;
    seen.add(of);
    return g.parents.has(candidate) || [...g.parents].some((p) => this.isAncestor(candidate, p, seen));
  }
}

export function sameValue(a: unknown, b: unknown): boolean {
  if (isSecret(a) || isSecret(b)) return isSecret(a) && isSecret(b) && a.reveal() === b.reveal();
  return JSON.stringify(a) === JSON.stringify(b);
}

export function show(value: unknown): string {
  return isSecret(value) ? 'a secret' : JSON.stringify(value);
}
