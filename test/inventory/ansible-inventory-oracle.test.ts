// Differential test: our loader against ansible-inventory --list (ansible-core 2.14) on the same fixtures: hosts, groups, merged vars.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Inventory } from '../../src/core/host.js';
import { isSecret } from '../../src/core/secret.js';
import { loadInventory } from '../../src/inventory/load-inventory.js';
import { parseYaml } from '../../src/runbook/parse-yaml.js';

const fixtures = resolve(import.meta.dirname, 'fixtures');
const hasAnsible = spawnSync('ansible-inventory', ['--version'], { stdio: 'ignore' }).status === 0;
/** Our names for connection settings, set beside Ansible's aliases; Ansible has no such keys. */
const OURS = new Set(['host', 'port', 'user', 'identity_file', 'password', 'become_password', 'connection', 'become', 'become_user', 'host_key_checking', 'timeout', 'keepalive_interval', 'keepalive_count_max', 'proxy_jump', 'known_hosts_file']);

interface AnsibleList {
  _meta: { hostvars: Record<string, Record<string, unknown>> };
  [group: string]: { hosts?: string[]; children?: string[] } | AnsibleList['_meta'];
}

function ansibleList(source: string, playbookDir?: string): AnsibleList {
  const home = mkdtempSync(join(tmpdir(), 'runbook-ansible-'));
  const args = ['-i', source, '--list', ...(playbookDir ? ['--playbook-dir', playbookDir] : [])];
  const env = { PATH: process.env.PATH, HOME: home, ANSIBLE_LOCAL_TEMP: join(home, 'tmp'), ANSIBLE_NOCOLOR: '1' };
  return JSON.parse(execFileSync('ansible-inventory', args, { cwd: fixtures, env, encoding: 'utf8' })) as AnsibleList;
}

function membersOf(list: AnsibleList, group: string, seen = new Set<string>()): string[] {
  if (seen.has(group)) return [];
  seen.add(group);
  const g = (list[group] ?? {}) as { hosts?: string[]; children?: string[] };
  return [...new Set([...(g.hosts ?? []), ...(g.children ?? []).flatMap((c) => membersOf(list, c, seen))])].sort();
}

function compare(ours: Inventory, theirs: AnsibleList): void {
  const groups = new Set(Object.keys(theirs).filter((k) => k !== '_meta'));
  for (const g of Object.values(theirs)) for (const c of (g as { children?: string[] }).children ?? []) groups.add(c);
  for (const [name, members] of Object.entries(ours.groups)) if (members.length > 0) groups.add(name);
  for (const group of groups) {
    expect([...(ours.groups[group] ?? [])].sort(), `members of ${group}`).toEqual(membersOf(theirs, group));
  }
  for (const host of ours.hosts.filter((h) => ours.groups.all!.includes(h.name))) {
    const expected = theirs._meta.hostvars[host.name] ?? {};
    const actual = Object.fromEntries(
      Object.entries(host.vars)
        .filter(([k]) => k in expected || !OURS.has(k))
        .map(([k, v]) => [k, isSecret(v) ? v.reveal() : v]),
    );
    expect(actual, `vars of ${host.name}`).toEqual(expected);
  }
}

const load = (source: string, playbookDir?: string) =>
  loadInventory(source, { parse: parseYaml, env: { HOME: '/home/tester' }, cwd: fixtures, ...(playbookDir ? { playbookDir } : {}) });

describe.skipIf(!hasAnsible)('against ansible-inventory --list (skipped: ansible-inventory is not installed; apt-get install ansible-core)', () => {
  it('an INI inventory with group_vars/host_vars beside it and beside the playbook', () => {
    compare(load('ini/hosts', 'ini/play'), ansibleList('ini/hosts', 'ini/play'));
  });
  it('the same INI inventory without a playbook folder', () => {
    compare(load('ini/hosts'), ansibleList('ini/hosts'));
  });
  it('a YAML inventory with ansible_* variables, host ranges and host:port keys', () => {
    compare(load('ansible-yaml/hosts.yml'), ansibleList('ansible-yaml/hosts.yml'));
  });
  it('a directory of YAML and INI files, with skipped names and its own group_vars/host_vars', () => {
    compare(load('dir'), ansibleList('dir'));
  });
  it('our own YAML inventory shape', () => {
    const ours = load('explicit-localhost.yaml');
    compare(ours, ansibleList('explicit-localhost.yaml'));
  });
});
