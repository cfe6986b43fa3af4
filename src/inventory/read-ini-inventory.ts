// Reads Ansible's INI inventory format into the shared tree: [group], [group:vars], [group:children], host lines with vars.
// Semantics of ansible-core 2.14's ini plugin; every bad line is reported (file:line:column) instead of stopping at the first.
import type { LoadIssue, SourceLocation } from '../core/location.js';
import { Secret } from '../core/secret.js';
import { expandHostPattern } from './expand-host-pattern.js';
import type { InventoryTreeBuilder } from './inventory-tree.js';
import { parseIniValue } from './python-literal.js';
import { splitShellWords } from './shell-words.js';

const SECTION = /^\[([^:\]\s]+)(?::(\w+))?\]\s*(?:#.*)?$/;
const GROUP_NAME = /^([^:\]\s]+)\s*(?:#.*)?$/;
/** INI has no `!secret` tag: these are passwords by name, so they are kept secret. */
export const INI_SECRET_VARS = new Set(['password', 'ansible_password', 'ansible_ssh_pass', 'ansible_ssh_password', 'ansible_become_password', 'ansible_become_pass', 'ansible_sudo_pass']);

interface Pending {
  kind: 'vars' | 'children';
  at: SourceLocation;
  /** For children: the groups that listed it. */
  parents: Array<{ name: string; at: SourceLocation }>;
}

export function readIniInventory(text: string, file: string, builder: InventoryTreeBuilder, issues: LoadIssue[]): void {
  const groups = builder.tree.groups;
  const pending = new Map<string, Pending>();
  let group = 'ungrouped';
  let state = 'hosts';
  const lines = text.split(/\r\n|\r|\n/);
  lines.forEach((raw, index) => {
    const line = raw.trim();
    const indent = raw.length - raw.trimStart().length;
    const at = (offset = 0): SourceLocation => ({ file, line: index + 1, column: indent + offset + 1 });
    const problem = (message: string, hint: string, offset = 0): void => {
      issues.push({ ...at(offset), path: `[${group}${state === 'hosts' ? '' : `:${state}`}]`, message, hint });
    };
    if (!line || line[0] === '#' || line[0] === ';') return;

    const section = SECTION.exec(line);
    if (section) {
      group = section[1]!;
      state = section[2] ?? 'hosts';
      if (!['hosts', 'children', 'vars'].includes(state)) {
        problem(`section [${group}:${state}] has unknown type "${state}"`, 'a section is [GROUP], [GROUP:vars] or [GROUP:children]', group.length + 2);
        state = 'skip';
        return;
      }
      if (!groups.has(group)) {
        if (state === 'vars' && !pending.has(group)) pending.set(group, { kind: 'vars', at: at(1), parents: [] });
        builder.group(group);
      }
      const waiting = pending.get(group);
      if (waiting && state !== 'vars') {
        pending.delete(group);
        if (waiting.kind === 'children') for (const p of waiting.parents) builder.link(p.name, group, p.at);
      }
      return;
    }
    if (line.startsWith('[') && line.endsWith(']')) {
      problem(`invalid section "${line}"`, 'a section header has no spaces: [GROUP], [GROUP:vars] or [GROUP:children]');
      return;
    }
    if (state === 'skip') return;
    if (state === 'hosts') readHostLine(line, group, at, problem, builder);
    else if (state === 'vars') {
      const eq = line.indexOf('=');
      if (eq < 0) return problem(`expected key=value, found "${line}"`, `[${group}:vars] holds one variable per line: name=value; hosts go under [${group}]`);
      const key = line.slice(0, eq).trim();
      const valueText = line.slice(eq + 1).trim();
      const value = secretIfPassword(key, parseIniValue(valueText), at());
      builder.setVar(builder.group(group).vars, key, value, at(), `group ${group}`, `${group}.vars.${key}`);
    } else {
      const m = GROUP_NAME.exec(line);
      if (!m) return problem(`expected a group name, found "${line}"`, `[${group}:children] lists groups, one per line; hosts go under [${group}]`);
      const child = m[1]!;
      if (groups.has(child)) builder.link(group, child, at(), `${group}.children`);
      else {
        const waiting = pending.get(child);
        if (waiting?.kind === 'children') waiting.parents.push({ name: group, at: at() });
        else if (!waiting) pending.set(child, { kind: 'children', at: at(), parents: [{ name: group, at: at() }] });
      }
    }
  });
  for (const [name, p] of pending) {
    const message = p.kind === 'vars'
      ? `section [${name}:vars] is for a group that is not defined in this file`
      : `[${p.parents.at(-1)!.name}:children] lists "${name}", a group not defined in this file`;
    const hint = p.kind === 'vars'
      ? `declare it with [${name}] (its hosts) or [${name}:children] (its groups)`
      : `declare it with [${name}] listing its hosts; to put a host in [${p.parents.at(-1)!.name}], list it under [${p.parents.at(-1)!.name}]`;
    issues.push({ ...(p.kind === 'vars' ? p.at : p.parents.at(-1)!.at), path: `[${name}]`, message, hint });
  }
}

function readHostLine(
  line: string,
  group: string,
  at: (offset?: number) => SourceLocation,
  problem: (message: string, hint: string, offset?: number) => void,
  builder: InventoryTreeBuilder,
): void {
  const words = splitShellWords(line);
  if (!Array.isArray(words)) return problem(`cannot read host line: ${words.error}`, 'quote values holding spaces: key="a value"');
  if (words.length === 0) return;
  const [first, ...rest] = words;
  const expanded = expandHostPattern(first!.text);
  if ('error' in expanded) return problem(expanded.error, expanded.hint, first!.start);
  const vars: Array<[string, unknown, SourceLocation]> = [];
  for (const word of rest) {
    const eq = word.text.indexOf('=');
    if (eq < 0) {
      problem(`expected key=value after the host name, found "${word.text}"`, 'host variables are written key=value; one host per line', word.start);
      return;
    }
    const key = word.text.slice(0, eq);
    const where = at(word.start);
    vars.push([key, secretIfPassword(key, parseIniValue(word.text.slice(eq + 1)), where), where]);
  }
  for (const name of expanded.names) {
    const host = builder.host(name, group, at(first!.start));
    const owner = `host ${name}`;
    if (expanded.port !== undefined) builder.setVar(host.vars, 'ansible_port', expanded.port, at(first!.start), owner, `${name}.ansible_port`);
    for (const [key, value, where] of vars) builder.setVar(host.vars, key, value, where, owner, `${name}.${key}`);
  }
}

function secretIfPassword(key: string, value: unknown, at: SourceLocation): unknown {
  return INI_SECRET_VARS.has(key) && value !== null && value !== undefined ? new Secret(String(value), `${at.file}:${at.line}`) : value;
}
