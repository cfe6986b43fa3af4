// Plans `setup`: the host's facts, read in its one fact exec as any task that reads them has them; never a change.
import type { FactRequest, FactSet } from '../../core/facts.js';
import type { TaskPlan } from '../../core/module.js';

export function setupFacts(): FactRequest[] {
  return [{ kind: 'host' }];
}

export function planSetup(_args: unknown, facts: FactSet): TaskPlan {
  const host = facts.get({ kind: 'host' });
  return { status: 'unchanged', reason: `facts read (${Object.keys(host).length} of them), in the host's one fact exec` };
}
