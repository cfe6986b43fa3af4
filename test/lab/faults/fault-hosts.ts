// The two lab hosts the fault tests own: RUNBOOK_FAULT_HOSTS (e.g. "lab-h40,lab-h41"), else lab-h2 and lab-h3 (CI's lab has 4 hosts).
import { labHosts, type LabHostInfo } from '../helpers/index.js';

export const DEFAULT_FAULT_HOSTS = ['lab-h2', 'lab-h3'] as const;

/** The names asked for, in order: from the environment, else the defaults. */
export function faultHostNames(env: NodeJS.ProcessEnv = process.env): [string, string] {
  const raw = env.RUNBOOK_FAULT_HOSTS?.trim();
  if (!raw) return [...DEFAULT_FAULT_HOSTS];
  const names = raw.split(',').map((n) => n.trim()).filter(Boolean);
  if (names.length !== 2 || names[0] === names[1]) {
    throw new Error(`RUNBOOK_FAULT_HOSTS must name two different lab hosts, e.g. lab-h40,lab-h41; got "${raw}"`);
  }
  return [names[0]!, names[1]!];
}

/** [A, B]: A is the host the faults hit, B the bystander that must finish unharmed. */
export function faultHosts(): [LabHostInfo, LabHostInfo] {
  const byName = new Map(labHosts().map((h) => [h.name, h]));
  const [a, b] = faultHostNames().map((n) => byName.get(n));
  if (!a || !b) {
    throw new Error(
      `the fault tests need ${faultHostNames().join(' and ')}; the lab has ${[...byName.keys()].join(', ')}. ` +
        'Bring them up first (e.g. `npx runbook lab up --hosts 42`) or set RUNBOOK_FAULT_HOSTS',
    );
  }
  return [a, b];
}
