// A runbook, normalized: plays of tasks, each task knowing its module, args, scope and location.
import type { LoadIssue, SourceLocation } from './location.js';

/** The context a task was written in: a role (with its defaults and call-site params) or a play. */
export interface TaskScope {
  /** Role name, when the task comes from a role. */
  role?: string;
  /** The role folder, or the folder of the runbook file. */
  baseDir: string;
  /** Where a `src:` file is looked for, in order (role templates/, files/, or beside the runbook). */
  searchDirs: string[];
  /** Role defaults (lowest precedence). */
  defaults: Record<string, unknown>;
  /** Role parameters at the call site (above play vars). */
  params: Record<string, unknown>;
  /** The role's own `vars/main.yaml` (above play vars, below task vars: Ansible's "role vars"). */
  vars?: Record<string, unknown>;
}

/**
 * An `include_tasks:`/`include_role:` around a task (Ansible's dynamic include): its `when:` is
 * evaluated once per host for the whole include (per item with a loop), and its tags select the
 * include itself; the tasks inside keep their own. Outermost first.
 */
export interface IncludeGate {
  /** Unique within the runbook: the tasks of one include share it. */
  id: string;
  name: string;
  when?: string;
  tags: string[];
  /** `loop:` of the include: its tasks run once per item, in order (only the outermost gate may loop). */
  loop?: unknown;
  loopControl?: { loopVar?: string; label?: string };
  location: SourceLocation;
  /** A templated file name: these tasks come from one of the files it may name, run where it renders to that one. */
  choice?: IncludeChoice;
  /** An `import_tasks` (static) with a templated name: the gate is its choice alone; its when and tags are the tasks'. */
  imported?: boolean;
  /**
   * What is wrong in the included file, for a dynamic include with a `when:` or a templated name
   * (read-tasks-include.ts): a host that reaches the include fails there with these; its tasks are a placeholder.
   */
  loadIssues?: LoadIssue[];
}

/** Which of the files a templated include name may render to (all read at load) a gate's tasks come from. */
export interface IncludeChoice {
  /** The name as written: `"{{ ansible_os_family }}.yml"`. */
  template: string;
  /** The rendered name that picks these tasks: `Debian.yml`. */
  name: string;
  /** Every rendered name a file was found for, and the folders looked in (for the error when none fits). */
  among: string[];
  lookedIn: string[];
}

/**
 * One level of Ansible's `block:` around a task: which block (its id, unique within the runbook)
 * and which of its lists the task is in. A failure in `block` skips the rest of it and runs
 * `rescue` (or, without one, fails the host once `always` has run); `always` runs either way.
 */
export interface BlockPlace {
  id: string;
  name: string;
  section: 'block' | 'rescue' | 'always';
  /** The block has a `rescue:` list: a failure in its `block` is caught there. */
  rescues: boolean;
  /** The looping include (gate id) the block is in: each item's pass through it is a block of its own. */
  inLoop?: string;
}

export interface Task {
  /** Stable within a run: `plays[0].tasks[3]`. */
  id: string;
  name: string;
  /** Registered module name (`template`, `copy`, ...). */
  module: string;
  /** Module arguments as written; strings may hold `{{ }}` templates and Secrets. */
  args: Record<string, unknown>;
  /** Handler names to notify when this task changes something (a `listen:` topic is resolved to its handlers at load). */
  notify: string[];
  /** A handler's `listen:` topics: notifying one notifies every handler listening to it. */
  listen?: string[];
  /** A Jinja/Nunjucks expression; the task is skipped when it is false. */
  when?: string;
  tags: string[];
  become?: boolean;
  /** Ansible's `become_user` (task or play): the user the task's changes and commands run as; it implies become. */
  becomeUser?: string;
  register?: string;
  /** `check_mode: true`: only ever planned (shown, never applied). `false` (Ansible: run even under --check) changes nothing: --check here never runs a task. */
  checkMode?: boolean;
  /** Ansible's task `timeout:` (seconds): the task's commands on the host are killed past it and the task fails. */
  timeoutSeconds?: number;
  /** A task that may fail without failing the host. */
  ignoreErrors?: boolean;
  /**
   * `changed_when:`/`failed_when:` on a module that does not take them as arguments (command does):
   * conditions (a list ANDed, a boolean as "true"/"false") over the run's result, seen under the
   * `register:` name as Ansible sets it; they decide whether the run is reported changed, or failed.
   */
  reportWhen?: { changed?: string; failed?: string };
  /** Ansible's `loop:` (or a `with_<lookup>:`'s terms): a list, or a template giving one; the task runs once per item. */
  loop?: unknown;
  /** Which `with_<lookup>:` wrote `loop` (its items are the lookup's, loops/ansible-loops.ts); absent for `loop:`. */
  loopWith?: LoopLookup;
  /** `loop_control`: the item's variable name (default `item`), its label, `index_var`, `extended`, `pause`. */
  loopControl?: LoopControl;
  /** Ansible's `until:` (with `retries`, default 3, and `delay`, default 5 s): the task runs again until it holds. */
  until?: { condition: string; retries: number; delay: number };
  /** Ansible's `no_log: true`: nothing the task renders, reports or registers is shown. */
  noLog?: boolean;
  /** Ansible's `any_errors_fatal` (task or play): a failure here stops the play on every host. */
  anyErrorsFatal?: boolean;
  /** Ansible's `run_once`: runs on the batch's first host only; its result is registered on every host. */
  runOnce?: boolean;
  /** Ansible's `delegate_to` (or `local_action`): the host (inventory name or `localhost`) the task runs on. */
  delegateTo?: string;
  /** Ansible's `environment:` (play, role entry, block, task): variables exported for the task's commands; a template gives the mapping. */
  environment?: Record<string, unknown> | string;
  /** Boolean keywords written as templates (`ignore_errors: "{{ x }}"`), rendered per host when prepared. */
  templatedFlags?: Partial<Record<TaskFlag, string>>;
  /** Task vars (Ansible's block and task `vars:`, and an import's): above role vars, below registered results. */
  vars?: Record<string, unknown>;
  /** `include_vars`: the vars files read at load, by the name its `file:` renders to (`dir:`: the folder's files merged, by the folder's name). */
  varsFiles?: Record<string, Record<string, unknown>>;
  /** The dynamic includes this task came through, outermost first. */
  gates?: IncludeGate[];
  /** The blocks this task is in, outermost first. */
  blocks?: BlockPlace[];
  location: SourceLocation;
  /** Where `when`, `loop` and each top-level module argument (`args.dest`) were written. */
  fieldLocations?: Record<string, SourceLocation>;
  scope: TaskScope;
}

/** The lookups Ansible's `with_<lookup>:` keywords name that runbook implements. */
export const LOOP_LOOKUPS = ['items', 'dict', 'fileglob', 'subelements', 'together', 'nested', 'first_found', 'indexed_items', 'flattened'] as const;
export type LoopLookup = (typeof LOOP_LOOKUPS)[number];
/** The collection names a `with_<lookup>` may use (Ansible redirects `flattened` to community.general's). */
export const LOOP_LOOKUP_NAMES: Readonly<Record<string, LoopLookup>> = { 'community.general.flattened': 'flattened' };

export interface LoopControl {
  loopVar?: string;
  label?: string;
  /** The variable that holds the item's 0-based index. */
  indexVar?: string;
  /** `ansible_loop` (index, index0, first, last, length, revindex, ...) is defined. */
  extended?: boolean;
  /** `extended_allitems: false`: `ansible_loop.allitems` is left out. */
  extendedAllitems?: boolean;
  /** Seconds to wait between items at apply time. */
  pause?: number;
}

/** The boolean task keywords that may be written as templates. */
export type TaskFlag = 'become' | 'ignoreErrors' | 'checkMode' | 'noLog' | 'runOnce' | 'anyErrorsFatal';

/** `serial:` normalized to batch sizes: numbers or percentages ("50%"); the last repeats. */
export type Serial = Array<number | string>;

export interface Play {
  id: string;
  name: string;
  /** A host pattern: group, host, glob, `!x`, `&x`, comma lists. */
  hosts: string;
  vars: Record<string, unknown>;
  /** Ansible exposes every role's defaults and vars (those of `roles:` and `import_role:`) to the whole play; merged in role order. */
  roleDefaults?: Record<string, unknown>;
  roleVars?: Record<string, unknown>;
  tasks: Task[];
  /** Handlers by name (a role's handlers join the play's). */
  handlers: Task[];
  serial?: Serial;
  maxFailPercentage?: number;
  /**
   * `gather_facts:` as written. true: Ansible's facts are gathered for its hosts; false: never (a
   * task naming one fails at load, as its variable is undefined); unset: gathered when a task of
   * the play reads them. Either way in the host's one fact exec.
   */
  gatherFacts?: boolean;
  /** Ansible's `remote_user`: the user for the play's hosts whose inventory names none. */
  remoteUser?: string;
  /** Ansible's play `connection:` for hosts whose inventory says none. */
  connection?: 'local' | 'ssh';
  /** Ansible's `order:`: the order hosts are taken in (for serial batches and run_once). */
  order?: 'inventory' | 'reverse_inventory' | 'sorted' | 'reverse_sorted' | 'shuffle';
  /** Health checks run after each batch; tasks of the check modules (http, wait_for, command). */
  verify: Task[];
  location: SourceLocation;
}

export interface Runbook {
  /** The file given on the command line. */
  file: string;
  plays: Play[];
  /** What is wrong in files only some hosts include (a dynamic include's when or templated name): those hosts fail there. */
  warnings?: LoadIssue[];
}
