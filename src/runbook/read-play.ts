// One play mapping -> a normalized Play (its task lists placed by place-tasks.ts), split into its sections.
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { leavesFolder } from '../core/contained-path.js';
import { didYouMean } from '../core/did-you-mean.js';
import type { LoadIssue } from '../core/location.js';
import type { Play, Serial, Task, TaskFlag, TaskScope } from '../core/runbook.js';
import { Cursor } from './cursor.js';
import { expandRoles } from './expand-roles.js';
import type { LoadContext } from './load-context.js';
import { roleSearchDirs } from './load-role.js';
import { type Inherited, type PlacedTasks, placeTasks } from './place-tasks.js';
import { describe, isMapping, isTemplated, readBoolean, readList, readMapping, readString, readStringList } from './read-field.js';
import { readEnvironment, readFlag } from './read-control-keywords.js';
import { readRoleRef } from './role-definition.js';
import { roleTasksReader } from './read-task-list.js';

export const PLAY_KEYS = [
  'name', 'hosts', 'vars', 'vars_files', 'roles', 'pre_tasks', 'tasks', 'post_tasks', 'handlers',
  'serial', 'max_fail_percentage', 'verify', 'become', 'become_user', 'tags', 'gather_facts',
  'any_errors_fatal', 'environment', 'remote_user', 'connection', 'strategy', 'order',
];
const ORDERS = ['inventory', 'reverse_inventory', 'sorted', 'reverse_sorted', 'shuffle'] as const;

/**
 * A play, or with `pre_tasks:`/`post_tasks:` its sections in Ansible's order (pre_tasks, roles and
 * tasks, post_tasks), each a play of its own sharing the id, vars and handlers: Ansible runs the
 * notified handlers after each section, and plays do exactly that here.
 */
export function readPlay(raw: unknown, at: Cursor, id: string, file: string, ctx: LoadContext): Play[] | undefined {
  const { issues } = ctx;
  if (!isMapping(raw)) {
    issues.push(at.issue(`a play must be a mapping (name, hosts, tasks...), found ${describe(raw)}`));
    return undefined;
  }
  for (const key of Object.keys(raw).filter((k) => !PLAY_KEYS.includes(k))) {
    issues.push(at.child(key).issue(`unknown play key "${key}"`, didYouMean(key, PLAY_KEYS) ?? `a play takes: ${PLAY_KEYS.join(', ')}`, 'key'));
  }
  const hosts = readHosts(raw, at, issues);
  const runbookDir = dirname(file);
  const playScope: TaskScope = { baseDir: runbookDir, searchDirs: [runbookDir], defaults: {}, params: {} };
  const play = readInherited(raw, at, issues);
  const rolesAt = at.child('roles');
  const refs = readList(raw.roles, rolesAt, issues).flatMap((r, i) => readRoleRef(r, rolesAt.child(i), issues) ?? []);
  const searchDirs = roleSearchDirs(runbookDir, ctx.env);
  const instances = expandRoles(refs, { searchDirs, stack: [], readTasks: roleTasksReader(searchDirs), seen: new Set() }, ctx);
  const reading = { fileDir: runbookDir, includeDirs: [runbookDir], searchDirs: playScope.searchDirs, files: [file], roles: [], roleSearchDirs: searchDirs };
  const placed = placeTasks(raw, at, id, play, playScope, instances, reading, ctx);

  const result: Play = {
    id,
    name: readString(raw.name, at.child('name'), issues) ?? hosts ?? id,
    hosts: hosts ?? '',
    vars: { ...readMapping(raw.vars, at.child('vars'), issues), ...readVarsFiles(raw.vars_files, at.child('vars_files'), runbookDir, ctx) },
    ...exposedRoleVars(placed),
    tasks: placed.tasks,
    handlers: placed.handlers,
    verify: placed.verify,
    location: at.location,
  };
  // Facts come in the host's one fact exec: gathered when asked, or when a task reads them.
  const gatherFacts = readBoolean(raw.gather_facts, at.child('gather_facts'), issues);
  if (gatherFacts !== undefined) result.gatherFacts = gatherFacts;
  const serial = readSerial(raw.serial, at.child('serial'), ctx);
  if (serial) result.serial = serial;
  readConnectionKeys(raw, at, result, issues);
  const maxFailPercentage = readMaxFailPercentage(raw.max_fail_percentage, at.child('max_fail_percentage'), issues);
  if (maxFailPercentage !== undefined) result.maxFailPercentage = maxFailPercentage;
  return splitSections(result, placed);
}

/** Every play role's defaults and vars, merged in role order: Ansible shows them to the whole play. */
function exposedRoleVars(placed: PlacedTasks): Pick<Play, 'roleDefaults' | 'roleVars'> {
  const roleDefaults = Object.assign({}, ...placed.exposedRoles.map((i) => i.def.defaults)) as Record<string, unknown>;
  const roleVars = Object.assign({}, ...placed.exposedRoles.map((i) => i.def.vars)) as Record<string, unknown>;
  return {
    ...(Object.keys(roleDefaults).length > 0 ? { roleDefaults } : {}),
    ...(Object.keys(roleVars).length > 0 ? { roleVars } : {}),
  };
}

/** `hosts:` as a pattern (a list joins with commas); undefined (and an issue) when missing. */
function readHosts(raw: Record<string, unknown>, at: Cursor, issues: LoadIssue[]): string | undefined {
  const hostsValue = Array.isArray(raw.hosts) ? raw.hosts.map(String).join(',') : raw.hosts;
  const hosts = readString(hostsValue, at.child('hosts'), issues);
  if (hosts === undefined && raw.hosts == null) {
    issues.push(at.issue('play has no "hosts:"', 'add hosts: GROUP (a group, a host or a pattern such as "web:&prod")'));
  }
  return hosts;
}

/** The play's keywords its tasks inherit (tags, become, become_user). */
function readInherited(raw: Record<string, unknown>, at: Cursor, issues: LoadIssue[]): Inherited {
  const play: Inherited = { tags: readStringList(raw.tags, at.child('tags'), issues) };
  // become and any_errors_fatal may be templates, rendered per host for each task (planner/render-control.ts).
  const flags: Pick<Task, TaskFlag | 'templatedFlags'> = {};
  readFlag(raw.become, at.child('become'), 'become', flags, issues);
  readFlag(raw.any_errors_fatal, at.child('any_errors_fatal'), 'anyErrorsFatal', flags, issues);
  if (flags.become !== undefined) play.become = flags.become;
  if (flags.anyErrorsFatal !== undefined) play.anyErrorsFatal = flags.anyErrorsFatal;
  if (flags.templatedFlags !== undefined) play.templatedFlags = flags.templatedFlags;
  const becomeUser = readString(raw.become_user, at.child('become_user'), issues);
  if (becomeUser !== undefined) play.becomeUser = becomeUser;
  const environment = readEnvironment(raw.environment, at.child('environment'), issues);
  if (environment !== undefined) play.environment = environment;
  return play;
}

/** remote_user, connection, strategy (linear or free: hosts run side by side either way), order. */
function readConnectionKeys(raw: Record<string, unknown>, at: Cursor, play: Play, issues: LoadIssue[]): void {
  const remoteUser = readString(raw.remote_user, at.child('remote_user'), issues);
  if (remoteUser !== undefined) play.remoteUser = remoteUser;
  const connection = readString(raw.connection, at.child('connection'), issues);
  if (connection === 'local' || connection === 'ssh') play.connection = connection;
  else if (connection !== undefined) issues.push(at.child('connection').issue(`connection: ${connection} is not supported`, 'local or ssh'));
  const strategy = readString(raw.strategy, at.child('strategy'), issues);
  if (strategy !== undefined && strategy !== 'linear' && strategy !== 'free') {
    issues.push(at.child('strategy').issue(`strategy: ${strategy} is not supported`, 'linear or free (hosts run side by side either way; see the README)'));
  }
  const order = readString(raw.order, at.child('order'), issues);
  if ((ORDERS as readonly string[]).includes(order ?? 'inventory')) {
    if (order !== undefined && order !== 'inventory') play.order = order as NonNullable<Play['order']>;
  } else issues.push(at.child('order').issue(`order: ${order} is not one of Ansible's`, didYouMean(order!, [...ORDERS]) ?? ORDERS.join(', ')));
}

function readMaxFailPercentage(pct: unknown, at: Cursor, issues: LoadIssue[]): number | undefined {
  if (pct == null) return undefined;
  if (typeof pct === 'number' && pct >= 0 && pct <= 100) return pct;
  issues.push(at.issue(`max_fail_percentage must be a number from 0 to 100, found ${describe(pct)}`));
  return undefined;
}

/**
 * The play as one play per section (pre_tasks, tasks, post_tasks, each cut at its flush_handlers),
 * sharing its id; verify runs after the last. With serial:, the executor runs every section for one
 * batch before the next (executor/apply-plays.ts), as Ansible does.
 */
function splitSections(result: Play, placed: PlacedTasks): Play[] {
  const { preTasks, tasks, postTasks, cuts } = placed;
  const sections = [...sectionsOf(preTasks, cuts.preTasks, 'pre_tasks'), ...sectionsOf(tasks, cuts.tasks), ...sectionsOf(postTasks, cuts.postTasks, 'post_tasks')];
  if (sections.length === 0) return [result];
  return sections.map((section, i) => ({
    ...result,
    name: section.label ? `${result.name} (${section.label})` : result.name,
    tasks: section.tasks,
    verify: i === sections.length - 1 ? placed.verify : [],
  }));
}

/** The list cut at these positions, each non-empty piece labelled: `section`, then `section, after flush_handlers`. */
function sectionsOf(list: Task[], positions: number[], section?: string): Array<{ label?: string; tasks: Task[] }> {
  const bounds = [0, ...positions, list.length];
  const later = section ? `${section}, after flush_handlers` : 'after flush_handlers';
  return bounds
    .slice(1)
    .map((end, i) => ({ label: i === 0 ? section : later, tasks: list.slice(bounds[i], end) }))
    .filter((piece) => piece.tasks.length > 0);
}

/**
 * `vars_files:` (Ansible): YAML mappings beside the runbook, read in order, a later file winning;
 * they win over the play's `vars:` too, as in Ansible. Secrets (`!secret`, `!env`) work as in vars.
 */
function readVarsFiles(value: unknown, at: Cursor, runbookDir: string, ctx: LoadContext): Record<string, unknown> {
  const vars: Record<string, unknown> = {};
  readStringList(value, at, ctx.issues).forEach((name, i) => {
    if (isTemplated(name)) {
      ctx.issues.push(at.child(i).issue(`vars_files: "${name}" is a template; the files are read before any variable exists`, 'name the file itself'));
      return;
    }
    const path = resolve(runbookDir, name);
    if (!isAbsolute(name) && leavesFolder(ctx.root, relative(ctx.root, path))) {
      ctx.issues.push(at.child(i).issue(`vars_files: "${name}" leaves the project (${ctx.display(ctx.root) || '.'})`, 'keep vars files inside the project, or write an absolute path'));
      return;
    }
    const doc = ctx.readYaml(path);
    if (typeof doc === 'string') {
      ctx.issues.push(at.child(i).issue(`cannot read vars file ${ctx.display(path)}: ${doc}`, 'paths are relative to the runbook that names them'));
      return;
    }
    Object.assign(vars, readMapping(doc.value, new Cursor(doc, [], ''), ctx.issues));
  });
  return vars;
}

/** `serial: 2`, `serial: "50%"` or a list of those (the last size repeats). */
function readSerial(value: unknown, at: Cursor, ctx: LoadContext): Serial | undefined {
  if (value === undefined || value === null) return undefined;
  const items = Array.isArray(value) ? value : [value];
  const out: Serial = [];
  items.forEach((item, i) => {
    const itemAt = Array.isArray(value) ? at.child(i) : at;
    if (typeof item === 'number' && Number.isInteger(item) && item > 0) out.push(item);
    else if (typeof item === 'string' && /^\d+$/.test(item) && Number(item) > 0) out.push(Number(item));
    else if (typeof item === 'string' && /^\d+(\.\d+)?%$/.test(item) && parseFloat(item) > 0) out.push(item);
    else ctx.issues.push(itemAt.issue(`serial must be a positive number, a percentage ("50%") or a list of those, found ${describe(item)}`));
  });
  return out.length === items.length ? out : undefined;
}
