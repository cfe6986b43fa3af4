// Plans `service`: start/stop only when the state differs; restart and reload always run; enable at boot.
import type { Change } from '../../core/change.js';
import type { FactSet } from '../../core/facts.js';
import type { TaskPlan } from '../../core/module.js';
import { PlanError } from '../lib/plan-error.js';
import type { ServiceArgs } from './schema.js';
import { serviceActionScript, serviceEnableScript, type ServiceAction } from './service-script.js';

export function planService(args: ServiceArgs, facts: FactSet): TaskPlan {
  const fact = facts.get({ kind: 'service', name: args.name });
  const name = args.name;
  if (!fact.exists) {
    if (args.state === 'stopped' && args.enabled !== true) return { status: 'unchanged', reason: `${name} is not installed (nothing to stop)` };
    throw new PlanError(
      `service ${name} not found (no ${fact.manager === 'systemd' ? 'systemd unit or ' : ''}/etc/init.d/${name}); install its package first`,
    );
  }
  const changes: Change[] = [];
  const unchanged: string[] = [];
  const run = (action: ServiceAction, reason: string): void => {
    const starts = action === 'start' || action === 'restart' ? name : undefined;
    const always = args.state === 'restarted' || args.state === 'reloaded';
    changes.push({ kind: 'command', command: serviceActionScript(name, fact.manager, action), summary: `service ${name} ${action}`, reason, ...(starts ? { starts } : {}), ...(always ? { always } : {}) });
  };
  const state = fact.running ? `${name} is running` : `${name} is stopped`;

  switch (args.state) {
    case 'started':
      if (fact.running) unchanged.push(state);
      else run('start', state);
      break;
    case 'stopped':
      if (fact.running) run('stop', state);
      else unchanged.push(state);
      break;
    case 'restarted':
      run('restart', fact.running ? 'restart requested' : `restart requested (${state}: it will be started)`);
      break;
    case 'reloaded':
      // Ansible would fail reloading a stopped daemon; the wanted end state is "running with the new config".
      if (fact.running) run('reload', 'reload requested');
      else run('start', `reload requested, but ${state}: starting it instead (a reload needs a running daemon)`);
      break;
    case undefined:
      break;
  }

  if (args.enabled !== undefined) {
    // SysV without any rc link (null) does not start at boot.
    const enabled = fact.enabled === true;
    if (enabled === args.enabled) unchanged.push(`${name} is ${args.enabled ? 'enabled' : 'disabled'} at boot`);
    else {
      changes.push({
        kind: 'command',
        command: serviceEnableScript(name, fact.manager, args.enabled),
        summary: `service ${name} ${args.enabled ? 'enable' : 'disable'}`,
        reason: args.enabled ? `${name} is not enabled at boot` : `${name} is enabled at boot`,
      });
    }
  }
  if (changes.length === 0) return { status: 'unchanged', reason: unchanged.join(', ') || `${name} is ${fact.running ? 'running' : 'stopped'}` };
  return { status: 'change', changes };
}
