// Selects each play's hosts and prepares every task and handler for them, before any connection.
import { LoadError } from '../core/errors.js';
import type { Host, Inventory } from '../core/host.js';
import type { LoadIssue } from '../core/location.js';
import type { ModuleCatalog } from '../core/module.js';
import type { Play, Runbook } from '../core/runbook.js';
import { dirname, resolve } from 'node:path';
import { createRenderer, type Renderer } from '../vars/render.js';
import type { PreparedTask } from './prepared-task.js';
import { registeredNames } from './registered-names.js';
import type { TagFilter, VarsSetSoFar } from './prepare-deps.js';
import { prepareTaskList } from './prepare-task-list.js';
import { noVarsSet, varsSetForHandlers } from './vars-set.js';

export interface PreparedPlay {
  play: Play;
  hosts: Host[];
  /** host name -> its tasks, in order. */
  tasks: Map<string, PreparedTask[]>;
  /** host name -> handler name -> prepared handler. */
  handlers: Map<string, Map<string, PreparedTask>>;
  /** host name -> health checks run after each batch (`verify:`). */
  verify: Map<string, PreparedTask[]>;
}

export interface PreparePlaysOptions {
  inventory: Inventory;
  catalog: ModuleCatalog;
  /** `-e` values, over every other variable. */
  extraVars: Record<string, unknown>;
  /** The controller's environment, `env` in templates. */
  env: NodeJS.ProcessEnv;
  /** The run's renderer, when the run renders more with it (changed_when); else one of its own. */
  renderer?: Renderer;
  filter?: TagFilter;
  /** `--check`: Ansible's `ansible_check_mode`. */
  check?: boolean;
  /** Resolves a host pattern (the play's `hosts:` and `--limit`). */
  matchHosts(pattern: string): Host[];
  limit?: string;
  /** Told of every `src:` file a task reads (templates, copied files). */
  onSourceRead?(path: string): void;
  /** The run's clock (what pamd stamps into a file): a saved plan is applied with the time it was planned at. */
  now?(): Date;
}

/** Throws LoadError with every problem found (undefined variables, bad args, missing files). */
export function preparePlays(runbook: Runbook, options: PreparePlaysOptions): PreparedPlay[] {
  const steps = preparing(runbook, options);
  for (let step = steps.next(); ; step = steps.next()) if (step.done) return step.value;
}

/**
 * The same, handing the event loop back after each host: a run prepares while its connections are
 * being opened, so their handshakes (and the hosts' sshd) progress meanwhile instead of waiting for
 * every host's preparation (at 30 hosts ~0.3 s of CPU, all of it before the first connect).
 */
export async function preparePlaysYielding(runbook: Runbook, options: PreparePlaysOptions): Promise<PreparedPlay[]> {
  const steps = preparing(runbook, options);
  for (let step = steps.next(); ; step = steps.next()) {
    if (step.done) return step.value;
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** Each play's hosts (its `hosts:` pattern, within `--limit`), and the patterns that failed to match. */
function selectPlayHosts(runbook: Runbook, options: Pick<PreparePlaysOptions, 'matchHosts' | 'limit'>): { plays: Array<{ play: Play; hosts: Host[] }>; issues: LoadIssue[] } {
  const limited = options.limit ? new Set(options.matchHosts(options.limit).map((h) => h.name)) : undefined;
  const issues: LoadIssue[] = [];
  const plays = runbook.plays.map((play) => {
    try {
      return { play, hosts: options.matchHosts(play.hosts).filter((h) => !limited || limited.has(h.name)) };
    } catch (error) {
      issues.push({ ...play.location, path: `${play.id}.hosts`, message: (error as Error).message });
      return { play, hosts: [] };
    }
  });
  return { plays, issues };
}

/** Prepares play by play, host by host, yielding after each host. */
function* preparing(runbook: Runbook, options: PreparePlaysOptions): Generator<void, PreparedPlay[]> {
  const { inventory, extraVars, env, catalog, filter } = options;
  const vars = { inventory, extraVars, env, renderer: options.renderer ?? createRenderer() };
  const playbookDir = resolve(dirname(runbook.file));
  const selected = selectPlayHosts(runbook, options);
  const issues: HostIssue[] = [...selected.issues];
  // Ansible keeps a host's `register:` results for the whole run: a later play may use an earlier play's.
  const registeredBefore = new Map<string, string>();
  // And what set_fact sets, host by host (vars-set.ts).
  const varsSetOn = new Map<string, VarsSetSoFar>();
  const prepared: PreparedPlay[] = [];
  for (const { play, hosts } of selected.plays) {
    const tasks = new Map<string, PreparedTask[]>();
    const handlers = new Map<string, Map<string, PreparedTask>>();
    const verify = new Map<string, PreparedTask[]>();
    const registers = new Map([...registeredBefore, ...play.tasks.flatMap((t) => registeredNames(t, catalog).map((name) => [name, t.name] as const))]);
    const run = { check: options.check ?? false, playHosts: hosts.map((h) => h.name), playbookDir };
    const deps = { catalog, filter, onSourceRead: options.onSourceRead, now: options.now, vars: { ...vars, run } };
    for (const host of hosts) {
      // One map per host: an include's `when:` is decided once for all its tasks there.
      const gates = new Map<string, boolean>();
      const varsSet = varsSetOn.get(host.name) ?? noVarsSet();
      varsSetOn.set(host.name, varsSet);
      const prepareAll = (list: Play['tasks'], set = varsSet) =>
        prepareTaskList(list, play, host, { ...deps, registers, gates, varsSet: set }).flatMap((result) => {
          if (result.ok) return [result.prepared];
          issues.push({ ...result.issue, host: result.host });
          return [];
        });
      tasks.set(host.name, prepareAll(play.tasks));
      handlers.set(host.name, new Map(prepareAll(play.handlers, varsSetForHandlers(varsSet, play.tasks, catalog)).map((h) => [h.task.name, h])));
      verify.set(host.name, prepareAll(play.verify));
      yield;
    }
    for (const [name, by] of registers) registeredBefore.set(name, by);
    prepared.push({ play, hosts, tasks, handlers, verify });
  }
  if (issues.length > 0) throw new LoadError(dedupeIssues(issues));
  return prepared;
}

type HostIssue = LoadIssue & { host?: string };

/** The same undefined variable on ten hosts is one problem, said once with the hosts listed. */
function dedupeIssues(issues: HostIssue[]): LoadIssue[] {
  const byKey = new Map<string, { issue: LoadIssue; hosts: string[] }>();
  for (const { host, ...issue } of issues) {
    const key = `${issue.file}:${issue.line}:${issue.column}:${issue.message}`;
    const seen = byKey.get(key);
    if (seen) seen.hosts.push(...(host && !seen.hosts.includes(host) ? [host] : []));
    else byKey.set(key, { issue, hosts: host ? [host] : [] });
  }
  return [...byKey.values()].map(({ issue, hosts }) => ({
    ...issue,
    message: hosts.length > 0 ? `${hosts.join(', ')}: ${issue.message}` : issue.message,
  }));
}
