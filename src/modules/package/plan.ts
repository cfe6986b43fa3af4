// Plans `package`: one install (or remove) command for the packages not yet in the wanted state.
import type { FactRequest, FactSet, PackageFact } from '../../core/facts.js';
import type { TaskPlan } from '../../core/module.js';
import { shQuote } from '../../core/sh-quote.js';
import { PlanError } from '../lib/plan-error.js';
import type { PackageArgs } from './schema.js';

export function packageFacts(args: PackageArgs): FactRequest[] {
  return args.name.map((name) => ({ kind: 'package', name }));
}

const INSTALL: Record<NonNullable<PackageFact['manager']>, { refresh: string; install: string; remove: string }> = {
  apt: {
    refresh: 'apt-get update -q',
    install: 'DEBIAN_FRONTEND=noninteractive apt-get install -y -q',
    remove: 'DEBIAN_FRONTEND=noninteractive apt-get remove -y -q',
  },
  dnf: { refresh: 'dnf makecache -q', install: 'dnf install -y -q', remove: 'dnf remove -y -q' },
  yum: { refresh: 'yum makecache -q', install: 'yum install -y -q', remove: 'yum remove -y -q' },
};

/** `latest` is planned as `present`: checking for upgrades would need the repositories, not a local read. */
const LATEST_NOTE = ' (state latest is treated as present: upgrades are not checked)';

export function planPackage(args: PackageArgs, facts: FactSet): TaskPlan {
  const found = args.name.map((name) => facts.get({ kind: 'package', name }));
  const describe = (f: PackageFact): string => (f.version ? `${f.name} ${f.version}` : f.name);
  const note = args.state === 'latest' ? LATEST_NOTE : '';

  if (args.state === 'absent') {
    const installed = found.filter((f) => f.installed);
    if (installed.length === 0) return { status: 'unchanged', reason: `not installed: ${args.name.join(', ')}` };
    const manager = managerOf(installed);
    return command(`${INSTALL[manager].remove} ${installed.map((f) => shQuote(f.name)).join(' ')}`, `installed: ${installed.map(describe).join(', ')}`);
  }

  const missing = found.filter((f) => !f.installed);
  if (missing.length === 0) return { status: 'unchanged', reason: `${found.map(describe).join(', ')} already installed${note}` };
  const manager = managerOf(found);
  const steps = [...(args.update_cache ? [INSTALL[manager].refresh] : []), `${INSTALL[manager].install} ${missing.map((f) => shQuote(f.name)).join(' ')}`];
  return command(steps.join(' && '), `not installed: ${missing.map((f) => f.name).join(', ')}${note}`);
}

function managerOf(found: PackageFact[]): NonNullable<PackageFact['manager']> {
  const manager = found.find((f) => f.manager !== null)?.manager;
  if (!manager) throw new PlanError('no supported package manager (apt-get, dnf or yum) found on this host; install the packages by other means');
  return manager;
}

function command(script: string, reason: string): TaskPlan {
  return { status: 'change', changes: [{ kind: 'command', command: script, reason, summary: script.replace(/^DEBIAN_FRONTEND=noninteractive /, '') }] };
}
