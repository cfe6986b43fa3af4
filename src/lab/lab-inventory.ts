// Writes what a client needs to reach the lab: known_hosts lines and an inventory in DESIGN.md's shape.
import { readFileSync, writeFileSync } from 'node:fs';
import type { LabState } from './lab-state.js';

/** A YAML scalar: plain when it cannot be misread, else double-quoted (JSON strings are valid YAML). */
function scalar(value: string | number): string {
  return typeof value === 'number' || /^[A-Za-z0-9_./@-]+$/.test(value) ? String(value) : JSON.stringify(value);
}

/**
 * The inventory document: every host under group `lab`, reached through its loopback forward.
 * Written by hand (the yaml library stays behind the runbook parser's adapter): a fixed shape.
 */
export function labInventory(state: Pick<LabState, 'hosts' | 'keyFile' | 'knownHostsFile'>): string {
  const lines = [
    '# Written by `runbook lab up`: the embedded lab, each host reached through 127.0.0.1:22NN.',
    'all:',
    '  children:',
    '    lab:',
    '      hosts:',
  ];
  for (const h of [...state.hosts].sort((a, b) => a.index - b.index)) {
    const vars: Array<[string, string | number]> = [
      ['host', '127.0.0.1'],
      ['port', h.port],
      ['address', h.address],
      ['user', 'root'],
      ['identity_file', state.keyFile],
      ['known_hosts_file', state.knownHostsFile],
      ['host_key_checking', 'strict'],
    ];
    lines.push(`        ${scalar(h.name)}:`, ...vars.map(([k, v]) => `          ${k}: ${scalar(v)}`));
  }
  return `${lines.join('\n')}\n`;
}

/** Write only when the content differs, so an idempotent `lab up` leaves files (and mtimes) alone. */
export function writeIfChanged(file: string, content: string, mode: number): boolean {
  try {
    if (readFileSync(file, 'utf8') === content) return false;
  } catch {
    // absent: write it
  }
  writeFileSync(file, content, { mode });
  return true;
}
