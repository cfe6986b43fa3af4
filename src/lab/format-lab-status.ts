// Renders `runbook lab status` as a plain table, one line per host.
import type { LabStatus } from './lab-status.js';

const yes = (b: boolean) => (b ? 'up' : 'DOWN');

/** `cloud api: http://127.0.0.1:9400 up|down`, with the file to source for its credentials. */
function cloudApiLine(status: LabStatus): string {
  const { cloudApi } = status;
  const source = cloudApi.envFile ? ` (credentials: . ${cloudApi.envFile})` : '';
  return `cloud api: ${cloudApi.url} ${cloudApi.up ? 'up' : 'down'}${source}`;
}

export function formatLabStatus(status: LabStatus): string {
  if (status.hosts.length === 0) {
    const strays = status.strays.length ? ` (leftover namespaces: ${status.strays.join(', ')}; run \`runbook lab down\`)` : '';
    const cloud = status.cloudApi.up ? `${cloudApiLine(status)}\n` : '';
    return `lab: not running (state dir ${status.dir})${strays}\n${cloud}`;
  }
  const rows = [['HOST', 'ADDRESS', 'SSH', 'STATE', 'SSHD', 'STAND-INS', 'SERVICES']];
  for (const h of status.hosts) {
    const standIns = Object.entries(h.standIns).map(([name, ok]) => `${name.replace(/^iam-/, '')}:${ok ? 'up' : 'DOWN'}`);
    const services = Object.entries(h.services).filter(([, on]) => on).map(([name]) => name);
    rows.push([
      h.name,
      h.address,
      `127.0.0.1:${h.port}${h.forward ? '' : ' (no forward)'}`,
      h.up ? 'up' : 'DOWN',
      h.up ? yes(h.sshd) : '-',
      h.up ? standIns.join(' ') : '-',
      h.up ? services.join(' ') || '(none)' : '-',
    ]);
  }
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  const lines = rows.map((r) => r.map((cell, c) => cell.padEnd(widths[c])).join('  ').trimEnd());
  lines.push('');
  lines.push(cloudApiLine(status));
  lines.push(`lab: ${status.up ? 'up' : 'DEGRADED (run `runbook lab up` to repair)'}; inventory ${status.inventoryFile ?? '-'}`);
  if (status.strays.length) lines.push(`leftover namespaces: ${status.strays.join(', ')} (runbook lab up or down clears them)`);
  return `${lines.join('\n')}\n`;
}
