// The API a zx task's script gets: the package's `runbook/zx` types, so editors complete `.mjs` scripts.
import type { $ as zx$, ProcessOutput } from 'zx';

/** Options of a command on the host, given as `$({ nothrow: true })\`...\``. */
export interface HostCommandOptions {
  /** A non-zero exit does not throw: read `exitCode`. */
  nothrow?: boolean;
  /** Bytes for the command's standard input (the command line is then visible in the host's `ps`). */
  input?: string | Buffer;
  /** Through `sudo -n` (default: the task's `become`, else the host's). */
  become?: boolean;
  /** With become: the user to become (implies become). */
  becomeUser?: string;
  /** Run in this directory on the host. */
  cwd?: string;
  /** Variables exported for the command (sshd would refuse them as SSH env requests). */
  env?: Record<string, string>;
  /** Milliseconds before the command is killed on the host (then it fails, unless nothrow). */
  timeout?: number;
}

/** A command running on the host: await it for its ProcessOutput; chain `.nothrow()` before awaiting. */
export interface HostCommand extends PromiseLike<ProcessOutput> {
  nothrow(): HostCommand;
  catch<T = never>(onRejected?: ((reason: unknown) => T | PromiseLike<T>) | null): Promise<ProcessOutput | T>;
  finally(onFinally?: (() => void) | null): Promise<ProcessOutput>;
  /** Its stdout. */
  text(): Promise<string>;
  /** Its stdout, parsed as JSON. */
  json<T = any>(): Promise<T>;
  /** Its stdout's lines, without the trailing empty one. */
  lines(): Promise<string[]>;
}

/**
 * zx's `$`, on the host, over the run's connection: each `${value}` is one POSIX-quoted shell word
 * (an array, one word per element; a ProcessOutput, its stdout); the line runs under /bin/sh.
 */
export interface HostShell {
  (pieces: TemplateStringsArray, ...values: unknown[]): HostCommand;
  (options: HostCommandOptions): HostShell;
}

/** A host as a script sees it; secrets are plain values here (what the script prints is redacted). */
export interface ZxHost {
  name: string;
  /** The node's own private address (inventory `address`, else `host`). */
  address: string;
  vars: Record<string, unknown>;
}

/** The host the task runs for. */
export interface ZxCurrentHost extends ZxHost {
  /** Every group it is in. */
  groups: string[];
  /** Facts gathered for it (`ansible_facts`), when the play gathered some; else empty. */
  facts: Record<string, unknown>;
}

export interface ZxContext<Args = Record<string, any>> {
  /** Commands on the host. */
  $: HostShell;
  /** zx's own `$`, on the controller. */
  local$: typeof zx$;
  host: ZxCurrentHost;
  /** Every inventory host by name (Ansible's hostvars). */
  hosts: Record<string, ZxHost>;
  /** Group name -> host names. */
  groups: Record<string, string[]>;
  /** The task's `args:` (rendered). */
  args: Args;
  /** True in `check(ctx)`: a dry run, which must change nothing and report what it would. */
  check: boolean;
  /** A line for the person watching (secrets redacted). */
  log(...values: unknown[]): void;
  /** Reports a change (in check: one it would make). A run that reports none is `ok`, not `changed`. */
  changed(what: string): void;
  /** Reports a file change with its contents (null: absent); shown as a diff in the plan. */
  diff(path: string, before: string | null, after: string | null): void;
  /** Waits; cut short (rejects) when the task's timeout ends the script. */
  sleep(ms: number): Promise<void>;
  /** Aborted when the task's timeout ends the script. */
  signal: AbortSignal;
}

/** What a script file exports: `default` runs at apply; `check`, if any, in the plan and under --check. */
export interface ZxScript<Args = Record<string, any>> {
  default(ctx: ZxContext<Args>): unknown;
  check?(ctx: ZxContext<Args>): unknown;
}
