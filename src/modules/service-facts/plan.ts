// Plans `service_facts`: the host's services, read in its one fact exec, returned as Ansible's `ansible_facts.services`; never a change.
import type { FactRequest, FactSet } from '../../core/facts.js';
import type { TaskPlan } from '../../core/module.js';
import { PlanError } from '../lib/plan-error.js';

const SERVICES: FactRequest = { kind: 'services' };

export function serviceFactsFacts(): FactRequest[] {
  return [SERVICES];
}

export function planServiceFacts(_args: unknown, facts: FactSet): TaskPlan {
  const { services, unsupported } = facts.get({ kind: 'services' });
  if (unsupported !== undefined) {
    throw new PlanError(`the host has ${unsupported}, whose services Ansible's service_facts reads with a scanner not implemented here; read them with a command task`);
  }
  const count = Object.keys(services).length;
  // As service_facts.py: nothing found is a skip that sets no facts.
  if (count === 0) {
    return { status: 'unchanged', reason: 'no services found', registered: { skipped: true, msg: 'Failed to find any services. This can be due to privileges or some other configuration issue.' } };
  }
  return { status: 'unchanged', reason: `${count} services read, in the host's one fact exec`, registered: { ansible_facts: { services } } };
}
