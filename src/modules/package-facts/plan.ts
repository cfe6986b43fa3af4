// Plans `package_facts`: the host's installed packages, read in its one fact exec, returned as Ansible's `ansible_facts.packages`; never a change.
import type { FactRequest, FactSet } from '../../core/facts.js';
import type { TaskPlan } from '../../core/module.js';
import { PlanError } from '../lib/plan-error.js';

export function packageFactsFacts(): FactRequest[] {
  return [{ kind: 'packages' }];
}

export function planPackageFacts(_args: unknown, facts: FactSet): TaskPlan {
  const { manager, packages } = facts.get({ kind: 'packages' });
  if (manager === null) {
    throw new PlanError("the host has no apt (dpkg-query and apt-get), the one package manager whose packages are read here (Ansible's package_facts also reads rpm, pacman, apk, ...)");
  }
  return { status: 'unchanged', reason: `${Object.keys(packages).length} packages read (apt), in the host's one fact exec`, registered: { ansible_facts: { packages } } };
}
