// Plans `service`: daemon-reload, mask, state, enable at boot; start/stop only when the state differs; restart and reload always run.
import type { Change } from '../../core/change.js';
import type { FactSet, ServiceFact } from '../../core/facts.js';
import type { TaskPlan } from '../../core/module.js';
import { PlanError } from '../lib/plan-error.js';
import type { ServiceArgs } from './schema.js';
import { daemonScript, serviceActionScript, serviceConfirmScript, serviceEnableScript, serviceMaskScript, type ServiceAction } from './service-script.js';

/** What one step found: changes to make, or why none is needed. */
interface Steps {
  changes: Change[];
  unchanged: string[];
}

export function planService(args: ServiceArgs, facts: FactSet): TaskPlan {
  const steps: Steps = { changes: [], unchanged: [] };
  const name = args.name;
  const fact = name === undefined ? undefined : facts.get({ kind: 'service', name });
  planDaemon(args, fact, steps);
  if (name !== undefined && fact !== undefined) {
    if (!fact.exists && needsUnit(args)) throw notFound(name, fact);
    if (!fact.exists && (args.state !== undefined || args.enabled !== undefined)) steps.unchanged.push(`${name} is not installed (nothing to stop)`);
    planMask(name, args, fact, steps);
    if (fact.exists) {
      // Started (and confirmed up) before it is enabled: a daemon that cannot start is not left enabled at boot.
      planState(name, args, fact, steps);
      planEnabled(name, args, fact, steps);
    }
  }
  if (steps.changes.length === 0) return { status: 'unchanged', reason: steps.unchanged.join(', ') };
  return { status: 'change', changes: steps.changes };
}

/**
 * Whether the task needs the unit to exist: starting or enabling one does. Stopping a missing
 * service is done already; masking works on a unit that is not installed (systemd allows it).
 */
function needsUnit(args: ServiceArgs): boolean {
  if (args.enabled === true || (args.state !== undefined && args.state !== 'stopped')) return true;
  return args.enabled === false && args.state === undefined && args.masked === undefined;
}

function notFound(name: string, fact: ServiceFact): PlanError {
  return new PlanError(`service ${name} not found (no ${fact.manager === 'systemd' ? 'systemd unit or ' : ''}/etc/init.d/${name}); install its package first`);
}

/** daemon_reload / daemon_reexec: asked without a unit, they run each time; for a unit, when systemd has not loaded its file. */
function planDaemon(args: ServiceArgs, fact: ServiceFact | undefined, steps: Steps): void {
  if (!args.daemon_reload && !args.daemon_reexec) return;
  if (fact !== undefined && fact.manager !== 'systemd') throw new PlanError('daemon_reload and daemon_reexec need systemd, and this host runs SysV init');
  const verbs = [...(args.daemon_reload ? (['daemon-reload'] as const) : []), ...(args.daemon_reexec ? (['daemon-reexec'] as const) : [])];
  const summary = `systemctl ${verbs.join(', ')}`;
  if (fact === undefined) {
    steps.changes.push({ kind: 'command', command: daemonScript(verbs), summary, reason: `${verbs.join(' and ')} requested`, always: true });
  } else if (fact.needsDaemonReload) {
    steps.changes.push({ kind: 'command', command: daemonScript(verbs), summary, reason: `systemd has not loaded ${fact.name}'s unit file as it is on disk` });
  } else {
    steps.unchanged.push(`systemd has loaded ${fact.name}'s unit file as it is`);
  }
}

function planMask(name: string, args: ServiceArgs, fact: ServiceFact, steps: Steps): void {
  if (args.masked === undefined) return;
  if (fact.manager !== 'systemd') throw new PlanError(`masked needs systemd, and this host runs SysV init; disable ${name} with enabled: false`);
  if (fact.masked === args.masked) steps.unchanged.push(`${name} is ${fact.masked ? 'masked' : 'not masked'}`);
  else {
    steps.changes.push({
      kind: 'command',
      command: serviceMaskScript(name, args.masked),
      summary: `service ${name} ${args.masked ? 'mask' : 'unmask'}`,
      reason: fact.masked ? `${name} is masked` : `${name} is not masked`,
    });
  }
}

function planEnabled(name: string, args: ServiceArgs, fact: ServiceFact, steps: Steps): void {
  if (args.enabled === undefined) return;
  // SysV without any rc link (null) does not start at boot.
  const enabled = fact.enabled === true;
  if (enabled === args.enabled) steps.unchanged.push(`${name} is ${args.enabled ? 'enabled' : 'disabled'} at boot`);
  else {
    steps.changes.push({
      kind: 'command',
      command: serviceEnableScript(name, fact.manager, args.enabled),
      summary: `service ${name} ${args.enabled ? 'enable' : 'disable'}`,
      reason: args.enabled ? `${name} is not enabled at boot` : `${name} is enabled at boot`,
    });
  }
}

function planState(name: string, args: ServiceArgs, fact: ServiceFact, steps: Steps): void {
  const run = (action: ServiceAction, reason: string): void => {
    const starts = action === 'start' || action === 'restart' ? name : undefined;
    const always = args.state === 'restarted' || args.state === 'reloaded';
    const confirm = action === 'stop' ? {} : { confirm: { service: name, script: serviceConfirmScript(name, fact.manager, action) } };
    steps.changes.push({ kind: 'command', command: serviceActionScript(name, fact.manager, action), summary: `service ${name} ${action}`, reason, ...(starts ? { starts } : {}), ...(always ? { always } : {}), ...confirm });
  };
  const state = fact.running ? `${name} is running` : `${name} is stopped`;
  switch (args.state) {
    case 'started':
      if (fact.running) steps.unchanged.push(state);
      else run('start', state);
      break;
    case 'stopped':
      if (fact.running) run('stop', state);
      else steps.unchanged.push(fact.exists ? state : `${name} is not installed (nothing to stop)`);
      break;
    case 'restarted':
      run('restart', fact.running ? 'restart requested' : `restart requested (${state}: it will be started)`);
      break;
    case 'reloaded':
      // As Ansible's systemd module: a stopped daemon is started (a reload needs a running one).
      if (fact.running) run('reload', 'reload requested');
      else run('start', `reload requested, but ${state}: starting it instead (a reload needs a running daemon)`);
      break;
    case undefined:
      break;
  }
}
