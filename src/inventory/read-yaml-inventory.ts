// Reads Ansible's YAML inventory shape (all/vars/hosts/children, any depth) into the shared tree, each var with its location.
import { didYouMean } from '../core/did-you-mean.js';
import type { LoadIssue } from '../core/location.js';
import { isSecret } from '../core/secret.js';
import type { DocPath, ParsedYaml } from '../core/yaml-document.js';
import { expandHostPattern } from './expand-host-pattern.js';
import type { InventoryTreeBuilder } from './inventory-tree.js';

const GROUP_KEYS = ['vars', 'hosts', 'children'];

export function readYamlInventory(doc: ParsedYaml, builder: InventoryTreeBuilder, issues: LoadIssue[]): void {
  const issue = (path: DocPath, message: string, hint?: string, at: 'key' | 'value' = 'value'): void => {
    const where = at === 'key' ? doc.locateKey(path) : doc.locate(path);
    issues.push({ ...where, path: path.join('.'), message, ...(hint ? { hint } : {}) });
  };

  const readGroup = (name: string, raw: unknown, path: DocPath, parent: string | undefined): void => {
    builder.group(name);
    if (parent !== undefined && !builder.link(parent, name, doc.locateKey(path), path.join('.'))) return;
    if (raw === null || raw === undefined) return;
    if (!isPlainMapping(raw)) {
      issue(path, `group "${name}" must be a mapping of vars, hosts and children`, `write ${name}: { hosts: { HOST: {} } }`);
      return;
    }
    const g = builder.group(name);
    for (const key of Object.keys(raw).filter((k) => !GROUP_KEYS.includes(k))) {
      issue([...path, key], `unknown key "${key}" in group "${name}"`, didYouMean(key, GROUP_KEYS) ?? 'a group takes vars, hosts and children; host variables go under hosts: { HOST: { key: value } }', 'key');
    }
    for (const [key, value] of mappingEntries(raw.vars, [...path, 'vars'])) {
      builder.setVar(g.vars, key, value, doc.locate([...path, 'vars', key]), `group ${name}`, [...path, 'vars', key].join('.'));
    }
    for (const [pattern, hostVars] of mappingEntries(raw.hosts, [...path, 'hosts'])) {
      const hostPath = [...path, 'hosts', pattern];
      // Host keys may be patterns, as in Ansible: web[01:03], db-[a:c], host:port.
      const expanded = expandHostPattern(pattern);
      if ('error' in expanded) {
        issue(hostPath, expanded.error, expanded.hint, 'key');
        continue;
      }
      if (hostVars !== null && hostVars !== undefined && !isPlainMapping(hostVars)) {
        issue(hostPath, `host "${pattern}" must map to its variables (or nothing)`, `write ${pattern}: { ansible_host: 10.0.0.1 }`);
      }
      for (const hostName of expanded.names) {
        const host = builder.host(hostName, name, doc.locateKey(hostPath));
        const owner = `host ${hostName}`;
        if (expanded.port !== undefined) builder.setVar(host.vars, 'ansible_port', expanded.port, doc.locateKey(hostPath), owner, hostPath.join('.'));
        if (!isPlainMapping(hostVars)) continue;
        for (const [key, value] of Object.entries(hostVars)) builder.setVar(host.vars, key, value, doc.locate([...hostPath, key]), owner, [...hostPath, key].join('.'));
      }
    }
    for (const [child, childRaw] of mappingEntries(raw.children, [...path, 'children'])) {
      readGroup(child, childRaw, [...path, 'children', child], name);
    }
  };
  function mappingEntries(value: unknown, path: DocPath): Array<[string, unknown]> {
    if (value === undefined || value === null) return [];
    // Ansible takes a lone name for a one-entry mapping: `hosts: web1`.
    if (typeof value === 'string') return [[value, null]];
    if (isPlainMapping(value)) return Object.entries(value);
    issue(path, `expected a mapping, found ${Array.isArray(value) ? 'a list' : typeof value}`, Array.isArray(value) ? 'Ansible inventories list hosts as a mapping: "hosts: { web1: {}, web2: {} }"' : undefined);
    return [];
  }

  const root = doc.value;
  if (root === null || root === undefined) return;
  if (!isPlainMapping(root)) {
    issue([], 'an inventory is a mapping starting with "all:"', 'see Ansible\'s YAML inventory format');
    return;
  }
  if (typeof root.plugin === 'string') {
    issue(['plugin'], `inventory plugin configurations (plugin: ${root.plugin}) are not supported`, 'export the hosts once with `ansible-inventory -i FILE --list -y > inventory.yaml`', 'key');
    return;
  }
  // Top-level groups other than `all` are children of all, as in Ansible.
  for (const [name, raw] of Object.entries(root)) readGroup(name, raw, [name], name === 'all' ? undefined : 'all');
}

export function isPlainMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !isSecret(value);
}
