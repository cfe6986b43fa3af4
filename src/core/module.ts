// The contract every task module fulfils: check args, prepare locally, ask for facts, plan purely.
import type { ApiChange, Change } from './change.js';
import type { FactRequest, FactSet } from './facts.js';
import type { Host } from './host.js';
import type { Redactor } from './redactor.js';
import type { SourceLocation } from './location.js';
import type { TemplateOptions } from './template-options.js';
import type { Transport } from './transport.js';

/** Structurally a zod schema's `safeParse`, so core needs no zod import. */
export interface ArgsSchema<T> {
  safeParse(value: unknown):
    | { success: true; data: T }
    | { success: false; error: { issues: ReadonlyArray<{ path: PropertyKey[]; message: string }> } };
}

/** `meta: end_host` ends the play for its host, `end_play` for every host of the play; neither fails them. */
export type PlayEnd = 'host' | 'play';

/** A module's decision for one task on one host. */
export type TaskPlan =
  | {
      status: 'unchanged';
      reason: string;
      registered?: Record<string, unknown>;
      output?: string;
      ends?: PlayEnd;
      /** Seconds the controller waits when the task runs (`pause`), changing nothing on the host. */
      pauses?: number;
    }
  /** `registered`: what its run gives `register:` besides Ansible's common keys, known ahead (replace's `rc: 0`). */
  | { status: 'change'; changes: Change[]; registered?: Record<string, unknown> }
  /** It will act, but what it changes cannot be known ahead (a script without its own check): `?`. */
  | { status: 'unknown'; reason: string; changes: Change[] };

/** Local, read-only help a module gets while preparing (rendering templates, reading `src:` files). */
export interface PrepareContext {
  host: Host;
  /**
   * Renders a Nunjucks template text with the task's variables (and `extra` over them); throws with file:line on an
   * undefined name. `options`: the Jinja settings a `template` task gives (a `#jinja2:` first line overrides them).
   */
  render(text: string, templateName: string, extra?: Record<string, unknown>, options?: TemplateOptions): string;
  /** Finds a `src:` file in the task's search dirs (role templates/ or files/, or beside the runbook). */
  readSource(name: string): { path: string; content: Buffer };
  /** Where the task (or, given its name, one of its args) is written: inline code locates its errors from it. */
  locate(arg?: string): SourceLocation;
  /** An `include_vars` task's vars files read at load, by the name its args render to (a folder's, merged, by its name). */
  varsFiles(): Readonly<Record<string, Record<string, unknown>>>;
  /**
   * An Ansible condition (`assert`'s `that`) on the task's variables, as `when:` is evaluated; one
   * naming a result an earlier task registers makes the task wait for it (decided at apply).
   */
  evaluate(condition: string, arg: string): boolean;
  /** The value of a bare Jinja expression (`debug`'s `var`); undefined when it names nothing defined. */
  valueOf(expression: string, arg: string): unknown;
  /** The controller's clock, for a module that writes the time into what it plans (pamd's `# Updated by Ansible - TIME`). */
  now(): Date;
}

/** What an API module gets to do its work on the controller. */
export interface ControllerContext {
  env: NodeJS.ProcessEnv;
  redact: Redactor;
  /** Progress lines for the person watching (warnings such as "EIP bound but idle"). */
  log(message: string): void;
  signal?: AbortSignal;
}

/**
 * What a script module gets on one host, to plan and to apply: the host's connection for the run
 * (at apply, bounded by the task's `timeout:`), the task's variables there, and its keywords.
 */
export interface ScriptContext extends ControllerContext {
  host: Host;
  /** The task's variables on this host (`groups`, `hostvars` included; secrets still as Secret). */
  vars: Record<string, unknown>;
  transport: Transport;
  /** The task's `become` (undefined: the host's). */
  become?: boolean;
  becomeUser?: string;
  /** The task's `timeout:` in seconds: bounds the whole script, not only its commands. */
  timeoutSeconds?: number;
}

/** What a script module's run did: whether it changed anything, and what `register:` keeps of it. */
export interface ScriptOutcome {
  changed: boolean;
  registered: Record<string, unknown>;
  /** Lines for the person watching (already redacted). */
  output?: string;
}

/** What every module has, wherever it runs. */
interface ModuleBase<Args, Prepared> {
  name: string;
  /** One line for `runbook --help` style listings. */
  summary: string;
  /** A task using it, as YAML (`- name: ...`), shown by `runbook doc`; the schema tests load it. */
  example?: string;
  /**
   * Other names a task may give it (Ansible's `shell` for `command`). The catalog also takes the
   * `ansible.builtin.` form of the name and of every alias.
   */
  aliases?: readonly string[];
  /** Ansible's collection when it is not ansible.builtin (`ansible.posix`): its names in that form are known too. */
  collection?: string;
  /** Validates args after `{{ }}` rendering (and, ignoring templated values, at load time). */
  schema: ArgsSchema<Args>;
  /**
   * Ansible's free form: the arg a bare string stands for (`command: uptime` is `command: { cmd:
   * uptime }`), and the options that string may carry as words (`creates=/srv/built`).
   */
  freeForm?: { arg: string; inlineOptions?: readonly string[] };
  /** Local work before any host is contacted: read and render `src:` files. */
  prepare?(args: Args, ctx: PrepareContext): Prepared;
  /**
   * The daemon a run of this task does nothing but make re-read its configuration (a reload or
   * restart), if that is all it does: as a handler it is skipped when the daemon was started anew
   * after the change that notified it.
   */
  refreshes?(args: Prepared): string | undefined;
  /**
   * The variables a run of the task sets on its host for the rest of the run (Ansible's `set_fact`),
   * at the precedence of a registered result: known when the task is prepared, so later tasks are
   * planned with them; set again when it runs.
   */
  setsVars?(args: Prepared): Record<string, unknown>;
  /**
   * The facts a run returns (Ansible's `ansible_facts` of its result, `services` for service_facts),
   * taken from its plan's `registered.ansible_facts`: each is set on the host for the later tasks as
   * a variable of its name and under `ansible_facts`, as Ansible injects facts. Until known (from the
   * plan, or at apply) a task that reads one waits for it, as for a registered result. Named from
   * the task's args as written (getent's `getent_<database>`).
   */
  setsFacts?(written: Record<string, unknown>): readonly string[];
  /**
   * Whether a task with these args (as written) may end the play for every host (`meta: end_play`):
   * the hosts of a batch meet after it, so none runs past it when it does.
   */
  mayEndPlay?(written: Record<string, unknown>): boolean;
  /**
   * Args (as written) that only another platform's hosts can run (apt_repository's `ppa:` repos,
   * Ubuntu's Launchpad): the task is then read as that platform's module is, a `fail` where a host
   * reaches it, kept only behind a `when:`.
   */
  otherPlatform?(written: Record<string, unknown>): OtherPlatformModule | undefined;
  /** It runs once for the batch of hosts, the others waiting for it, as if `run_once` (Ansible's BYPASS_HOST_LOOP: `pause`). */
  oncePerBatch?: boolean;
}

/** Planned and applied over the host's transport: facts gathered in one batch, then a pure decision. */
export interface HostModule<Args = unknown, Prepared = Args> extends ModuleBase<Args, Prepared> {
  target: 'host';
  /** The facts the plan needs, gathered in one batched round trip. */
  facts(args: Prepared): FactRequest[];
  /** Pure decision from args and facts. */
  plan(args: Prepared, facts: FactSet): TaskPlan;
}

/** Works through an API from the controller: reads state, decides, carries out its own api changes. */
export interface ControllerModule<Args = unknown, Prepared = Args> extends ModuleBase<Args, Prepared> {
  target: 'controller';
  /** Reads state (read-only API calls) and decides. */
  planRemote(args: Prepared, ctx: ControllerContext): Promise<TaskPlan>;
  /** Carries out one of its own api changes. */
  applyApi(change: ApiChange, ctx: ControllerContext): Promise<void>;
}

/**
 * Code run on the controller against one host's connection (a zx task): it may read the host while
 * planning (its own check, which must change nothing) and acts over the same connection at apply.
 */
export interface ScriptModule<Args = unknown, Prepared = Args> extends ModuleBase<Args, Prepared> {
  target: 'script';
  /** Facts its guards need (creates, removes), gathered with the host's others. */
  facts(args: Prepared): FactRequest[];
  /** Decides from the facts, and may read the host through ctx; never changes anything. */
  planScript(args: Prepared, facts: FactSet, ctx: ScriptContext): Promise<TaskPlan>;
  /** Runs for real. Throws (located) when the script fails; a TransportError means the host is lost. */
  applyScript(args: Prepared, ctx: ScriptContext): Promise<ScriptOutcome>;
}

/** A module, told apart by `target`: a host module cannot lack a plan, nor a controller module its API calls. */
export type ModuleDefinition<Args = unknown, Prepared = Args> =
  | HostModule<Args, Prepared>
  | ControllerModule<Args, Prepared>
  | ScriptModule<Args, Prepared>;

/** What the loader needs to know about modules, without importing them. */
export interface ModuleCatalog {
  /**
   * The module a task key names: its name, an alias, or the `ansible.builtin.` form of either.
   * Under an alias it is the module named as the task names it (`shell`), so messages say that.
   */
  get(name: string): ModuleDefinition<any, any> | undefined;
  /** The names tasks may use (modules and aliases), in the order to list them. */
  names(): string[];
  /** For a name that is no module here but an Ansible module another one stands in for, what to use instead. */
  hintFor(name: string): string | undefined;
  /** An Ansible module of another platform (pacman, dnf, win_*): a task behind a `when:` may name it, and fails where it is reached. */
  otherPlatform(name: string): OtherPlatformModule | undefined;
}

/** An Ansible module runbook does not implement because no Debian host runs it. */
export interface OtherPlatformModule {
  /** Its short name: `pacman`. */
  module: string;
  /** Where it runs: `Arch Linux`. */
  platform: string;
  /** What to write instead, when it is not the catalog's hint for the module's name. */
  instead?: string;
  /** The `when:` a role guards it with: `ansible_os_family == 'Archlinux'`, `ansible_selinux.status == 'enabled'`. */
  guard: string;
}
