// What preparing a task needs: the run's variables and renderer, the module catalog, and what this host has told so far.
import type { HostFacts } from '../core/facts.js';
import type { Inventory } from '../core/host.js';
import type { ModuleCatalog } from '../core/module.js';
import type { Renderer } from '../vars/render.js';
import type { RunMagic } from '../vars/resolve-task-vars.js';

/** What a task's variables come from besides its play and role (vars/resolve-task-vars.ts), and the renderer of the run. */
export interface VarsContext {
  inventory: Inventory;
  extraVars: Record<string, unknown>;
  /** The controller's environment, `env` in templates. */
  env: NodeJS.ProcessEnv;
  renderer: Renderer;
  /** check mode, the play's hosts, the runbook's folder: Ansible's magic variables of the run. */
  run?: RunMagic;
}

export interface TagFilter {
  tags?: string[];
  skipTags?: string[];
}

export interface PrepareDeps {
  vars: VarsContext;
  catalog: ModuleCatalog;
  filter?: TagFilter;
  /** `register:` names of the play, and the task that sets each. */
  registers?: Map<string, string>;
  /** Results registered so far on this host (apply time); before that, tasks using them wait. */
  registered?: Record<string, unknown>;
  /** For one run of a `loop:`: the loop variable and `ansible_loop`, over every other variable. */
  loopVars?: Record<string, unknown>;
  /** Told of every `src:` file read (a saved plan records a digest of each). */
  onSourceRead?(path: string): void;
  /** The run's clock; the machine's by default (prepare-plays.ts). */
  now?(): Date;
  /** The host's Ansible facts once gathered (plan phase); before that a task that reads them waits: needs-facts. */
  hostFacts?: HostFacts;
  /** Guessing a task's fact requests on stand-in facts: `when` is taken as true, so no branch is left out. */
  whenIgnored?: boolean;
  /** This host's decisions on dynamic includes (`include_tasks` `when:`), by gate id and item: each made once. */
  gates?: Map<string, boolean>;
  /** `register:` names set before this task (earlier tasks, earlier plays): a condition naming one not registered yet waits for it. */
  registersBefore?: ReadonlySet<string>;
  /** The item index of the looping include the task runs in. */
  includeItem?: number;
  /** What `set_fact` tasks set on this host so far (vars-set.ts): updated as its task lists are prepared. */
  varsSet?: VarsSetSoFar;
  /** The names in `registered` a set_fact that reads facts set, as of this task: resolved once `hostFacts` are in. */
  factsDependent?: FactsDependent;
  /** The set_facts with a templated name before this task, whose names are known only later (vars-set.ts). */
  openNames?: readonly OpenNames[];
}

/**
 * One host's variables set so far, at a registered result's precedence (Ansible's set_fact level).
 * A value known when the task is prepared is there for the later tasks' plans; one that depends on
 * a registered result is pending: a later task that reads it waits, as for the register itself.
 */
export interface VarsSetSoFar {
  /** Rendered values; a set_fact that reads facts leaves its templates, rendered lazily once the facts are in. */
  known: Record<string, unknown>;
  /** Names set only at apply: name -> the task that sets them. */
  pending: Map<string, string>;
  /** Names a set_fact that reads facts sets: their value given the host's facts (`known` holds the template meanwhile). */
  fromFacts: Map<string, FactsDependentValue>;
  /** set_facts with a templated name (`"{{ item.key }}": ...`) whose names are known only once the facts are in, or at apply. */
  open: OpenNames[];
}

/**
 * A set_fact whose names render only later: with the host's facts (its names and values then,
 * less the names a later task set), or at apply. Until then any name may be one it sets.
 */
export type OpenNames =
  | { until: 'facts'; task: string; valuesOn(facts: HostFacts): Record<string, unknown>; shadowed: Set<string> }
  | { until: 'apply'; task: string };

interface FactsDependentValue {
  raw: unknown;
  resolve(facts: HostFacts): unknown;
}

/** name -> the template left in `known` and its value once the facts are in. */
export type FactsDependent = ReadonlyMap<string, FactsDependentValue>;
