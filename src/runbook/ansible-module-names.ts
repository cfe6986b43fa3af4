// Ansible's names for modules: `ansible.builtin.copy` names copy here; `lineinfile` is pointed at line.
import type { ModuleCatalog } from '../core/module.js';

/** Ansible modules (and their fully qualified names) whose job one of runbook's modules does, under its own name and args. */
const ANSIBLE_MODULES: Record<string, string> = {
  lineinfile: 'line',
  blockinfile: 'template',
  apt: 'package',
  yum: 'package',
  dnf: 'package',
  systemd: 'service',
  systemd_service: 'service',
  sysvinit: 'service',
  raw: 'command',
  script: 'command',
  uri: 'http',
  get_url: 'command',
  mysql_query: 'command',
};

/** Ansible's fully qualified names for the modules that exist here under the short name. */
const ANSIBLE_PREFIX = /^ansible\.builtin\./;

/** The module a task key names: one of ours, or its `ansible.builtin.` name (ansible-lint asks for those). */
export function moduleOf(key: string, catalog: ModuleCatalog): string | undefined {
  if (catalog.get(key)) return key;
  const short = key.replace(ANSIBLE_PREFIX, '');
  return short !== key && catalog.get(short) ? short : undefined;
}

/** For an Ansible module that is not here: which module does its job (plain or ansible.builtin.* name). */
export function ansibleEquivalent(key: string, catalog: ModuleCatalog): string | undefined {
  const short = key.replace(ANSIBLE_PREFIX, '').replace(/^(ansible\.posix|community\.general|community\.mysql)\./, '');
  const ours = ANSIBLE_MODULES[short];
  if (ours === undefined || !catalog.get(ours)) return undefined;
  return `"${short}" is Ansible's; here the ${ours} module does that job, with its own arguments`;
}
