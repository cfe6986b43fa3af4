// The variables a task sees on a host: precedence layers merged, each value with where it came from.
import type { HostFacts } from '../core/facts.js';
import { environmentVars } from '../core/secret-environment.js';
import type { Host, Inventory, VarSource } from '../core/host.js';
import type { Play, TaskScope } from '../core/runbook.js';
import { OMIT } from './omit.js';

/*
 * Precedence, lowest to highest (later wins):
 *   1. role defaults          every play role's defaults/main.yaml (role order), then the task's own role's
 *   2. inventory              all < parent group < child group < host (merged by the inventory loader)
 *   3. play vars              the play's `vars:`, then `vars_files:`
 *   4. role vars              every play role's vars/main.yaml (role order), then the task's own role's
 *   5. task vars              block and task `vars:` (Ansible's 16 and 17)
 *   6. registered results     `register:` of earlier tasks on this host, what set_fact and include_vars set (Ansible's 18-19),
 *                             and the facts a module returned (service_facts), also joined into ansible_facts
 *   7. role parameters        `- role: NAME` + sibling keys
 *   8. extra vars             `-e key=value` / `-e '{"json": 1}'` / `-e @file.yaml`
 * Ansible's order (ansible-core 2.14, "Understanding variable precedence") with the levels we do
 * not have left out: a role's defaults and vars are seen by the whole play, as Ansible does. Host
 * facts (ansible_facts and each ansible_NAME, once gathered) sit just above the inventory.
 * Then the magic names, which nothing overrides: inventory_hostname, inventory_hostname_short, groups,
 * group_names, hostvars, env, ansible_check_mode, ansible_play_hosts (play_hosts, ansible_play_batch),
 * role_name, ansible_role_name, role_path, playbook_dir, omit.
 * `address` (the host's own address) sits with the inventory layer when the inventory does not set it.
 */
export interface TaskVarsInput {
  host: Host;
  inventory: Inventory;
  play: Pick<Play, 'name' | 'vars' | 'roleDefaults' | 'roleVars'>;
  scope: TaskScope;
  /** The task's own `vars:` (with its blocks' and imports'). */
  taskVars?: Record<string, unknown>;
  extraVars?: Record<string, unknown>;
  /** Results of earlier `register:` tasks on this host, and the variables set_fact and include_vars set. */
  registered?: Record<string, unknown>;
  /** The controller's environment, exposed to templates as `env`. */
  env: NodeJS.ProcessEnv;
  /** The host's Ansible facts, once gathered. */
  facts?: HostFacts;
  /** The run's magic that is not the host's: check mode, the play's hosts, the top runbook's folder. */
  run?: RunMagic;
}

export interface RunMagic {
  check: boolean;
  playHosts: readonly string[];
  playbookDir: string;
}

export interface TaskVars {
  vars: Record<string, unknown>;
  sources: Record<string, VarSource>;
}

export function resolveTaskVars(input: TaskVarsInput): TaskVars {
  const { host, inventory, play, scope } = input;
  const vars: Record<string, unknown> = {};
  const sources: Record<string, VarSource> = {};
  const layer = (values: Record<string, unknown> | undefined, source: (key: string) => string): void => {
    for (const [key, value] of Object.entries(values ?? {})) {
      vars[key] = value;
      sources[key] = { value, source: source(key) };
    }
  };
  const role = scope.role ?? 'play';
  layer(play.roleDefaults, () => `the play's role defaults`);
  layer(scope.defaults, () => `role ${role} defaults`);
  layer({ address: host.address }, () => `host ${host.name} address`);
  layer(host.vars, (key) => host.varSources[key]?.source ?? `inventory (host ${host.name})`);
  if (input.facts) layer(factVars(input.facts), () => `facts gathered on ${host.name}`);
  layer(play.vars, () => `play "${play.name}" vars`);
  layer(play.roleVars, () => `the play's role vars`);
  layer(scope.vars, () => `role ${role} vars`);
  layer(input.taskVars, () => 'task vars');
  layer(withFactsJoined(input.registered, vars.ansible_facts), () => 'registered by an earlier task');
  layer(scope.params, () => `role ${role} parameters`);
  layer(input.extraVars, () => 'extra vars (-e)');
  layer(magicVars(input), () => 'magic variable');
  return { vars, sources };
}

/** Facts a task returned (service_facts' `services`) join the gathered ones under `ansible_facts`, as Ansible merges a host's facts. */
function withFactsJoined(registered: Record<string, unknown> | undefined, gathered: unknown): Record<string, unknown> | undefined {
  const returned = registered?.ansible_facts;
  if (returned === undefined || gathered === null || typeof gathered !== 'object') return registered;
  return { ...registered, ansible_facts: { ...gathered, ...(returned as object) } };
}

/** `ansible_facts` (names without the prefix, as Ansible's) and every fact as `ansible_NAME`. */
function factVars(facts: HostFacts): Record<string, unknown> {
  const vars: Record<string, unknown> = { ansible_facts: facts };
  for (const [name, value] of Object.entries(facts)) vars[`ansible_${name}`] = value;
  return vars;
}

/** Ansible's names for the rest of the inventory, the run and the task's role. */
function magicVars({ host, inventory, env, scope, run }: TaskVarsInput): Record<string, unknown> {
  const shared = sharedMagic(inventory, env);
  const groupNames = Object.entries(inventory.groups)
    .filter(([group, members]) => group !== 'all' && members.includes(host.name))
    .map(([group]) => group)
    .sort();
  const magic: Record<string, unknown> = {
    inventory_hostname: host.name,
    inventory_hostname_short: host.name.split('.')[0],
    groups: inventory.groups,
    group_names: groupNames,
    hostvars: shared.hostvars,
    env: shared.env,
    omit: OMIT,
  };
  // ansible_role_name is the role's full name (ns.coll.role for a collection's); runbook names a role as written.
  if (scope.role !== undefined) Object.assign(magic, { role_name: scope.role, ansible_role_name: scope.role, role_path: scope.baseDir });
  if (run) {
    const playHosts = [...run.playHosts];
    Object.assign(magic, { ansible_check_mode: run.check, ansible_play_hosts: playHosts, play_hosts: playHosts, ansible_play_batch: playHosts, playbook_dir: run.playbookDir });
  }
  return magic;
}

/**
 * `hostvars` and `env` are the same for every task of a run: built once per inventory (and
 * environment) and shared, instead of copying every host's variables for every task on every
 * host (hosts² x tasks), which also lets the renderer's reveal cache hit.
 */
const magicCache = new WeakMap<Inventory, WeakMap<object, { hostvars: Record<string, unknown>; env: Record<string, unknown> }>>();

function sharedMagic(inventory: Inventory, env: NodeJS.ProcessEnv) {
  let byEnv = magicCache.get(inventory);
  if (!byEnv) magicCache.set(inventory, (byEnv = new WeakMap()));
  let shared = byEnv.get(env);
  if (!shared) {
    const hostvars: Record<string, unknown> = {};
    for (const h of inventory.hosts) hostvars[h.name] = { ...h.vars, address: h.address, inventory_hostname: h.name };
    shared = { hostvars, env: environmentVars(env) };
    byEnv.set(env, shared);
  }
  return shared;
}
