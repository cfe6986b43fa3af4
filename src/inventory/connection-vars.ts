// One layer of inventory variables, with Ansible's connection variables (ansible_host, ansible_ssh_common_args, ...) also set under our names.
import type { LoadIssue } from '../core/location.js';
import { isSecret, Secret } from '../core/secret.js';
import { CONNECTION_ALIASES } from './connection-spec.js';
import { sameValue, show, type VarEntry } from './inventory-tree.js';
import { mapSshArgs } from './ssh-args.js';

/** Passwords by name: kept secret whatever file they come from (Ansible inventories write them in plain text). */
export const ANSIBLE_PASSWORD_VARS = ['ansible_password', 'ansible_ssh_pass', 'ansible_ssh_password', 'ansible_become_password', 'ansible_become_pass', 'ansible_sudo_pass'];
export const SSH_ARGS_VARS = ['ansible_ssh_common_args', 'ansible_ssh_extra_args'];
/** ansible_connection values that mean what ours mean. */
const CONNECTION_KINDS: Readonly<Record<string, string>> = {
  ssh: 'ssh', smart: 'ssh', paramiko: 'ssh', paramiko_ssh: 'ssh', 'ansible.builtin.ssh': 'ssh', 'ansible.builtin.paramiko_ssh': 'ssh',
  local: 'local', 'ansible.builtin.local': 'local',
};

/**
 * The layer as the connection reads it: each Ansible alias also sets our name (`ansible_user`
 * -> `user`), ssh arguments become the settings they stand for, passwords become secrets.
 * Within one layer an alias and our name (or two aliases) with different values is a problem.
 */
export function withConnectionNames(layer: Map<string, VarEntry>, issues: LoadIssue[]): Map<string, VarEntry> {
  const out = new Map(layer);
  const problem = (entry: VarEntry, key: string, message: string, hint: string): void => {
    issues.push({ ...entry.location, path: key, message, hint });
  };
  const setCanonical = (canonical: string, value: unknown, from: string, entry: VarEntry, derived = false): void => {
    const existing = out.get(canonical);
    const owner = entry.source.replace(/^.*\((.*)\)$/, '$1');
    if (existing && !sameValue(existing.value, value)) {
      const where = `${existing.location.file}:${existing.location.line}`;
      problem(entry, from, `${owner}: "${from}" gives ${canonical} ${show(value)}, but ${canonical} is already ${show(existing.value)} (${where})`, `set ${canonical} once: either ${from} or ${canonical}`);
      return;
    }
    if (!existing) out.set(canonical, { ...entry, value, ...(derived ? { derivedFrom: from } : {}) });
  };

  for (const key of ANSIBLE_PASSWORD_VARS) {
    const entry = out.get(key);
    if (entry && !isSecret(entry.value) && entry.value !== null && entry.value !== undefined) {
      out.set(key, { ...entry, value: new Secret(String(entry.value), `${entry.location.file}:${entry.location.line}`) });
    }
  }
  const method = out.get('ansible_become_method');
  if (method && !['sudo', 'ansible.builtin.sudo'].includes(String(method.value))) {
    problem(method, 'ansible_become_method', `become method "${String(method.value)}" is not supported`, 'runbook becomes root with `sudo -n` (passwordless sudo); remove ansible_become_method or set it to sudo');
  }
  for (const [key, entry] of [...out]) {
    const canonical = CONNECTION_ALIASES[key];
    if (canonical === undefined) continue;
    const value = canonical === 'connection' && typeof entry.value === 'string' ? (CONNECTION_KINDS[entry.value] ?? entry.value) : entry.value;
    setCanonical(canonical, value, key, out.get(key)!);
  }
  for (const key of SSH_ARGS_VARS) {
    const entry = out.get(key);
    if (!entry || entry.value === null || entry.value === undefined || entry.value === '') continue;
    const mapped = mapSshArgs(String(entry.value));
    if ('error' in mapped) {
      problem(entry, key, `${key}: ${mapped.error}`, mapped.hint);
      continue;
    }
    for (const [canonical, value] of Object.entries(mapped.settings)) setCanonical(canonical, value, key, entry, true);
  }
  return out;
}
