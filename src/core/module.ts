// The contract every task module fulfils: check args, prepare locally, ask for facts, plan purely.
import type { ApiChange, Change } from './change.js';
import type { FactRequest, FactSet } from './facts.js';
import type { Host } from './host.js';
import type { Redactor } from './redactor.js';

/** Structurally a zod schema's `safeParse`, so core needs no zod import. */
export interface ArgsSchema<T> {
  safeParse(value: unknown):
    | { success: true; data: T }
    | { success: false; error: { issues: ReadonlyArray<{ path: PropertyKey[]; message: string }> } };
}

/** A module's decision for one task on one host. */
export type TaskPlan =
  | { status: 'unchanged'; reason: string }
  | { status: 'change'; changes: Change[] };

/** Local, read-only help a module gets while preparing (rendering templates, reading `src:` files). */
export interface PrepareContext {
  host: Host;
  /** Renders a Nunjucks template text with the task's variables; throws with file:line on an undefined name. */
  render(text: string, templateName: string): string;
  /** Finds a `src:` file in the task's search dirs (role templates/ or files/, or beside the runbook). */
  readSource(name: string): { path: string; content: Buffer };
}

/** What an API module gets to do its work on the controller. */
export interface ControllerContext {
  env: NodeJS.ProcessEnv;
  redact: Redactor;
  /** Progress lines for the person watching (warnings such as "EIP bound but idle"). */
  log(message: string): void;
  signal?: AbortSignal;
}

export interface ModuleDefinition<Args = unknown, Prepared = Args> {
  name: string;
  /** One line for `runbook --help` style listings. */
  summary: string;
  /** `host`: planned and applied over the host's transport. `controller`: API calls from here. */
  target: 'host' | 'controller';
  /** Validates args after `{{ }}` rendering (and, ignoring templated values, at load time). */
  schema: ArgsSchema<Args>;
  /**
   * Ansible's free form: the arg a bare string stands for (`command: uptime` is `command: { cmd:
   * uptime }`), and the options that string may carry as words (`creates=/srv/built`).
   */
  freeForm?: { arg: string; inlineOptions?: readonly string[] };
  /** Local work before any host is contacted: read and render `src:` files. */
  prepare?(args: Args, ctx: PrepareContext): Prepared;
  /** Host modules: the facts the plan needs, gathered in one batched round trip. */
  facts?(args: Prepared): FactRequest[];
  /** Host modules: pure decision from args and facts. */
  plan?(args: Prepared, facts: FactSet): TaskPlan;
  /** Controller modules: read state (read-only API calls) and decide. */
  planRemote?(args: Prepared, ctx: ControllerContext): Promise<TaskPlan>;
  /** Controller modules: carry out one of their own api changes. */
  applyApi?(change: ApiChange, ctx: ControllerContext): Promise<void>;
  /**
   * The daemon a run of this task does nothing but make re-read its configuration (a reload or
   * restart), if that is all it does: as a handler it is skipped when the daemon was started anew
   * after the change that notified it.
   */
  refreshes?(args: Prepared): string | undefined;
}

/** What the loader needs to know about modules, without importing them. */
export interface ModuleCatalog {
  get(name: string): ModuleDefinition<any, any> | undefined;
  names(): string[];
}
