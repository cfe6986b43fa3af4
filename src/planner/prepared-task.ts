// A task prepared for one host, as a union of its states: ready to plan, skipped, waiting for a registered result or for the host's facts.
import type { FactRequest, HostFacts } from '../core/facts.js';
import type { Host } from '../core/host.js';
import type { LoadIssue } from '../core/location.js';
import type { ModuleDefinition } from '../core/module.js';
import type { Play, Task } from '../core/runbook.js';

/** What every state has: the task, where it runs, its module and the variables it sees there. */
interface TaskOnHost {
  task: Task;
  play: Play;
  host: Host;
  module: ModuleDefinition<any, any>;
  vars: Record<string, unknown>;
}

/** One run of a task (the task, or one item of its `loop:`). */
interface Run extends TaskOnHost {
  /** For one run of a `loop:`: its item, so `register:` can collect the runs as Ansible's `results`. */
  loopItem?: LoopItem;
}

export interface LoopItem {
  item: unknown;
  index: number;
  loopVar: string;
}

/** Its arguments rendered, validated and prepared by the module: ready to plan. */
export interface ReadyTask extends Run {
  state: 'ready';
  args: unknown;
}

/** Does not run on this host (`when` is false, the tags leave it out, a fresh start made a handler redundant). */
export interface SkippedTask extends Run {
  state: 'skipped';
  reason: string;
}

/** Needs the registered result of an earlier task: planned as unknown, prepared again at apply time. */
export interface DeferredTask extends Run {
  state: 'deferred';
  /** What it waits for: `the result of "find logs" (register: found)`. */
  waitsFor: string;
  /**
   * Gathered with the host's facts: its own requests as prepared without its `when:` (when its
   * args do not wait too), so that a result known from the plan (a `stat`) decides it there.
   */
  provisional: FactRequest[];
  /** Prepares it again with the results registered by then. */
  redo(registered: Record<string, unknown>): PrepareResult<PreparedRun>;
}

/**
 * A `loop:` over a registered result: planned as unknown; a play's task list expands it into its
 * runs once the result exists. Elsewhere (a handler, a verify check) it fails: loopOutsidePlay().
 */
export interface DeferredLoop extends TaskOnHost {
  state: 'deferred-loop';
  waitsFor: string;
  /** Its runs, one per item, from the results registered by then. */
  expand(registered: Record<string, unknown>): PrepareResult[];
  /** A loop is not one of its own runs. */
  loopItem?: undefined;
}

/**
 * Reads Ansible's facts (its args, `when`, `loop`, a template it renders or a variable it reaches
 * names an `ansible_*` fact): prepared again in the plan phase once the host's facts are in, which
 * come with the host's one fact exec. Never reaches planning or apply as such.
 */
export interface NeedsFactsTask extends TaskOnHost {
  state: 'needs-facts';
  /**
   * Gathered with the host's facts: the task's own requests as prepared on stand-in facts, so that
   * its real ones are in the same exec unless a path or name itself depends on a fact.
   */
  provisional: FactRequest[];
  /** Its runs (one per item of a loop), prepared with the host's facts. */
  prepare(facts: HostFacts): PrepareResult[];
  loopItem?: undefined;
}

/** Could not be prepared with its host's facts (an undefined name, a bad argument): fails on that host. */
export interface UnpreparedTask extends Run {
  state: 'unprepared';
  reason: string;
}

/** Consumers `switch` on `state`, with unreachable() as the default: a new state is a type error until handled. */
export type PreparedTask = ReadyTask | SkippedTask | DeferredTask | DeferredLoop | NeedsFactsTask | UnpreparedTask;

/** What preparing one run gives: never a loop. */
export type PreparedRun = Exclude<PreparedTask, DeferredLoop>;

export type PrepareResult<T extends PreparedTask = PreparedTask> = { ok: true; prepared: T } | PrepareFailure;

/** A failure names its host apart from the issue, so the same problem on many hosts is said once. */
export interface PrepareFailure {
  ok: false;
  issue: LoadIssue;
  host: string;
}

/** The same task skipped for `reason` (a handler a fresh start made redundant). */
export function skipped(prepared: PreparedTask, reason: string): SkippedTask {
  const { task, play, host, module, vars, loopItem } = prepared;
  return { state: 'skipped', task, play, host, module, vars, ...(loopItem ? { loopItem } : {}), reason };
}

/** Why a loop over a registered result cannot run outside a play's task list. */
export function loopOutsidePlay(loop: DeferredLoop): string {
  return `task "${loop.task.name}": its loop needs ${loop.waitsFor}; only a play's tasks can loop over a registered result`;
}
