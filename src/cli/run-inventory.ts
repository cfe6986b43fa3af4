// `runbook inventory`: resolved hosts, groups and variables (secrets masked), `--host` with sources.
import { UsageError } from '../core/errors.js';
import type { Host } from '../core/host.js';
import { didYouMean } from '../core/did-you-mean.js';
import { loadInventoryOnly } from './load-project.js';
import type { CliIO } from './cli-io.js';
import { byCodePoint } from '../core/by-code-point.js';

export async function runInventory(flags: { inventory: string; host?: string }, io: CliIO): Promise<number> {
  const { inventory, redact } = loadInventoryOnly(flags.inventory, io);
  const out: string[] = [];
  if (flags.host) {
    const host = inventory.hosts.find((h) => h.name === flags.host);
    if (!host) {
      const hint = didYouMean(flags.host, inventory.hosts.map((h) => h.name));
      throw new UsageError(`no host "${flags.host}" in ${inventory.file}${hint ? `; ${hint}` : ''}`);
    }
    out.push(...describeHost(host, true));
  } else {
    // Ansible's implicit localhost exists for `hosts: localhost` plays but is not part of the inventory.
    const listed = inventory.hosts.filter((h) => !(h.name === 'localhost' && h.groups.length === 0));
    out.push(`${inventory.file}: ${listed.length} hosts`);
    out.push('groups:');
    for (const [group, members] of Object.entries(inventory.groups)) out.push(`  ${group}: ${members.join(', ') || '(empty)'}`);
    out.push('hosts:');
    for (const host of listed) out.push(...describeHost(host, false));
  }
  io.stdout.write(`${redact(out.join('\n'))}\n`);
  return 0;
}

function describeHost(host: Host, withSources: boolean): string[] {
  const c = host.connection;
  const target = c.kind === 'local' ? 'local' : `ssh ${c.user ?? '(default user)'}@${c.host}:${c.port ?? 22}`;
  const lines = [`  ${host.name}: ${target}, address ${host.address}, groups ${host.groups.join(', ')}`];
  for (const [key, value] of Object.entries(host.vars).sort(([a], [b]) => byCodePoint(a, b))) {
    const source = withSources ? `    # ${host.varSources[key]?.source ?? '?'}` : '';
    lines.push(`    ${key}: ${JSON.stringify(value)}${source}`);
  }
  return lines;
}
