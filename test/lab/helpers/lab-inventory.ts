// Writes an inventory (DESIGN.md's shape) for some lab hosts, so a test can own its hosts and connection settings.
import { writeFileSync } from 'node:fs';
import { labInfo, type LabHostInfo } from './lab-info.js';

export interface InventoryHost {
  name: string;
  port: number;
  address: string;
  /** Where to connect (default 127.0.0.1, the lab's forwards). */
  host?: string;
}

export interface LabInventoryOptions {
  /** The group the hosts belong to. */
  group: string;
  hosts: Array<InventoryHost | LabHostInfo>;
  /** Extra `all.vars` lines, written verbatim (YAML tags such as `!secret "..."` allowed). */
  vars?: Record<string, string>;
  /** Default: the lab's known_hosts. */
  knownHostsFile?: string;
}

export function labInventoryYaml(options: LabInventoryOptions): string {
  const lab = labInfo();
  if (!lab) throw new Error('no lab is running');
  const vars: Record<string, string> = {
    user: 'root',
    identity_file: lab.keyFile,
    known_hosts_file: options.knownHostsFile ?? lab.knownHostsFile,
    host_key_checking: 'strict',
    ...options.vars,
  };
  const lines = ['all:', '  vars:', ...Object.entries(vars).map(([k, v]) => `    ${k}: ${v}`), '  children:', `    ${options.group}:`, '      hosts:'];
  for (const h of options.hosts) {
    lines.push(`        ${h.name}: { host: ${'host' in h && h.host ? h.host : '127.0.0.1'}, port: ${h.port}, address: ${h.address} }`);
  }
  return `${lines.join('\n')}\n`;
}

export function writeLabInventory(file: string, options: LabInventoryOptions): string {
  writeFileSync(file, labInventoryYaml(options));
  return file;
}
