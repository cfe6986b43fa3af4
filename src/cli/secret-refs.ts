// Secrets in a saved plan: by reference (where each is read again at apply) with a keyed hash of the value.
import { collectSecrets } from '../core/redactor.js';
import type { Runbook } from '../core/runbook.js';
import type { Inventory } from '../core/host.js';
import type { PlanKey } from './plan-key.js';

export function secretRefs(project: { inventory: Inventory; runbook: Runbook }, key: PlanKey): Array<{ origin: string; digest: string }> {
  const secrets = [
    ...collectSecrets(project.inventory.hosts.map((h) => h.vars)),
    ...collectSecrets(project.runbook.plays),
    ...project.inventory.hosts.flatMap((h) => collectSecrets(h.connection.password)),
  ];
  const refs = new Map<string, { origin: string; digest: string }>();
  for (const s of secrets) {
    const ref = { origin: s.origin, digest: key.hash(s.reveal()) };
    refs.set(`${ref.origin}\0${ref.digest}`, ref);
  }
  return [...refs.values()].sort((a, b) => (a.origin < b.origin ? -1 : a.origin > b.origin ? 1 : a.digest < b.digest ? -1 : 1));
}

/** Each reference of the plan whose value reads differently now (rotated, unset). */
export function changedSecrets(saved: Array<{ origin: string; digest: string }>, now: Array<{ origin: string; digest: string }>): string[] {
  const current = new Set(now.map((r) => `${r.origin}\0${r.digest}`));
  const origins = new Set(now.map((r) => r.origin));
  return saved
    .filter((r) => !current.has(`${r.origin}\0${r.digest}`))
    .map((r) => (origins.has(r.origin) ? `secret ${r.origin} has another value than when the plan was made` : `secret ${r.origin} is no longer read`));
}
