// Carries out one planned change on a host (or, for api changes, from the controller).
import type { Change, CommandChange } from '../core/change.js';
import type { FactSet } from '../core/facts.js';
import type { FactScript } from '../facts/gather-facts.js';
import { TransportError } from '../core/errors.js';
import type { ControllerContext, ModuleDefinition, ScriptContext } from '../core/module.js';
import { messageOf } from '../core/message-of.js';
import type { Transport } from '../core/transport.js';
import { TaskFailure } from '../modules/lib/task-failure.js';
import { attrsScript, directoryScript, linkScript, removeScript, SCRIPT_EXIT, writeFileScript } from './file-change-scripts.js';

export type ApplyOutcome =
  | {
      status: 'applied';
      changed: boolean;
      output?: string;
      result?: CommandResult;
      registered?: Record<string, unknown>;
      /** The facts the `readAfter` gather read once the change was made (absent when it gave no complete answer). */
      readAfter?: { facts: FactSet; keys: ReadonlySet<string> };
    }
  /** The host no longer matches what the plan saw: re-plan live. */
  | { status: 'drift'; found: string }
  | { status: 'failed'; message: string; result?: CommandResult; registered?: Record<string, unknown> };

/** What a command left, for `register:`. */
export interface CommandResult {
  rc: number;
  stdout: string;
  stderr: string;
}

/** A command's result as `register:` keeps it: Ansible's command module strips the trailing newlines ("{{ out.stdout }}" is the value itself). */
export function commandRegistered(c: CommandResult): Record<string, unknown> {
  const trimmed = (text: string) => text.replace(/[\r\n]+$/, '');
  const lines = (text: string) => (trimmed(text) === '' ? [] : trimmed(text).split('\n'));
  return { rc: c.rc, stdout: trimmed(c.stdout), stderr: trimmed(c.stderr), stdout_lines: lines(c.stdout), stderr_lines: lines(c.stderr) };
}

export interface ApplyContext {
  transport: Transport;
  become?: boolean;
  /** With become: the user to become (the task's become_user), else the host's. */
  becomeUser?: string;
  module: ModuleDefinition<any, any>;
  controller: ControllerContext;
  /** A script module's prepared args and its context on the host (script changes run the module with them). */
  script?: { args: unknown; context: ScriptContext };
  /** Evaluates `changed_when`/`failed_when` with the command's rc, stdout and stderr. */
  evaluate(expression: string, result: CommandResult): boolean;
}

/**
 * Engine bookkeeping (sh, e.g. recording a notified handler on the host) that rides in the same exec
 * as a change, run only once the change has succeeded (and, with `when: 'changed'`, changed
 * something), best effort: its own failure never fails the change.
 */
export interface Carried {
  script: string;
  when: 'changed' | 'succeeded';
  /** Rides only on the command that starts this daemon anew (`CommandChange.starts`). */
  startOf?: string;
}

/** Whether `carried` can ride on this change: its success (or change) must be known on the host. */
export function canCarry(change: Change, carried: Carried): boolean {
  if (carried.startOf !== undefined) return change.kind === 'command' && change.starts === carried.startOf && change.failedWhen === undefined;
  if (change.kind === 'write' || change.kind === 'attrs' || change.kind === 'directory' || change.kind === 'remove' || change.kind === 'link') return true;
  // A command's success is its exit code unless failed_when decides; whether it changed, unless changed_when does.
  if (change.kind === 'command') return change.failedWhen === undefined && (carried.when === 'succeeded' || change.changedWhen === undefined);
  return false;
}

/**
 * `readAfter` (file changes only): a fact gather run in the same exec once the change is made
 * (read-after-change.ts); its answers come back with the outcome.
 */
export async function applyChange(change: Change, ctx: ApplyContext, carried?: Carried, readAfter?: FactScript): Promise<ApplyOutcome> {
  // In a subshell: whatever it does (even `exit`), the change's own outcome stands.
  const tail = carried && canCarry(change, carried) ? `(\n${carried.script}\n) >/dev/null 2>&1 || true` : undefined;
  const withTail = (script: string) => (tail ? `${script}\n${tail}` : script);
  switch (change.kind) {
    case 'write':
      return runFileScript(withTail(writeFileScript(change)), ctx, readAfter, change.content);
    case 'attrs':
      return runFileScript(withTail(attrsScript(change)), ctx, readAfter);
    case 'directory':
      return runFileScript(withTail(directoryScript(change)), ctx, readAfter);
    case 'remove':
      return runFileScript(withTail(removeScript(change)), ctx, readAfter);
    case 'link':
      return runFileScript(withTail(linkScript(change)), ctx, readAfter);
    case 'command':
      // In a subshell, so the command's own `exit` still lets the bookkeeping run; its exit code is kept.
      return runCommand(tail ? { ...change, command: `(\n${change.command}\n)\nrb_rc=$?\nif [ "$rb_rc" -eq 0 ]; then ${tail}; fi\nexit "$rb_rc"` } : change, ctx);
    case 'api':
      if (ctx.module.target !== 'controller') return { status: 'failed', message: `module ${ctx.module.name} cannot apply ${change.action}` };
      await ctx.module.applyApi(change, ctx.controller);
      return { status: 'applied', changed: true };
    case 'script':
      return runScript(ctx);
  }
}

/** A script module's run: changed when it reported a change; a thrown error fails the task, a lost connection the host. */
async function runScript(ctx: ApplyContext): Promise<ApplyOutcome> {
  if (ctx.module.target !== 'script' || !ctx.script) return { status: 'failed', message: `module ${ctx.module.name} cannot run a script` };
  try {
    const outcome = await ctx.module.applyScript(ctx.script.args, ctx.script.context);
    return { status: 'applied', changed: outcome.changed, registered: outcome.registered, ...(outcome.output ? { output: outcome.output } : {}) };
  } catch (error) {
    if (error instanceof TransportError && error.code !== 'TIMEOUT') throw error;
    // A module's own failure keeps what `register:` gets of it, in Ansible's shape (get_url's status_code).
    const registered = error instanceof TaskFailure ? { registered: error.registered } : {};
    return { status: 'failed', message: ctx.controller.redact(messageOf(error)), ...registered };
  }
}

async function runFileScript(script: string, ctx: ApplyContext, readAfter?: FactScript, input?: Buffer): Promise<ApplyOutcome> {
  // The gather without `set -e` (its probes test and fail by design); a failure of its own never fails the change.
  const gather = readAfter ? `\n(\nset +e\n${readAfter.script}) || true` : '';
  const result = await ctx.transport.exec(`set -e\n${script}${gather}`, { input: input ?? '', become: ctx.become, becomeUser: ctx.becomeUser });
  if (result.exitCode === 0) return { status: 'applied', changed: true, ...(readAfter ? readAnswers(readAfter, result.stdout) : {}) };
  if (result.exitCode === SCRIPT_EXIT.drift) return { status: 'drift', found: result.stderr.trim() };
  if (result.exitCode === SCRIPT_EXIT.validateFailed) {
    return { status: 'failed', message: `validation failed, the old file was kept:\n${result.stderr.trim()}` };
  }
  return { status: 'failed', message: `exit ${result.exitCode}: ${(result.stderr || result.stdout).trim()}` };
}

async function runCommand(change: CommandChange, ctx: ApplyContext): Promise<ApplyOutcome> {
  let result;
  try {
    result = await ctx.transport.exec(change.command, {
      become: ctx.become,
      becomeUser: ctx.becomeUser,
      timeoutMs: change.timeoutSeconds ? change.timeoutSeconds * 1000 : undefined,
    });
  } catch (error) {
    // A command that outlives its timeout fails the task; the host itself is still reachable.
    if (error instanceof TransportError && error.code === 'TIMEOUT' && change.timeoutSeconds) {
      return { status: 'failed', message: `timed out after ${change.timeoutSeconds} s` };
    }
    throw error;
  }
  const facts = { rc: result.exitCode, stdout: result.stdout, stderr: result.stderr };
  const failed = change.failedWhen ? ctx.evaluate(change.failedWhen, facts) : result.exitCode !== 0;
  const output = [result.stdout.trim(), result.stderr.trim()].filter(Boolean).join('\n');
  if (failed) return { status: 'failed', message: `exit ${result.exitCode}${output ? `:\n${output}` : ''}`, result: facts };
  const changed = change.changedWhen ? ctx.evaluate(change.changedWhen, facts) : true;
  return { status: 'applied', changed, output, result: facts };
}

/** The gather's answers, or nothing when they are incomplete (the tasks ahead then gather as before). */
function readAnswers(readAfter: FactScript, stdout: string): { readAfter?: { facts: FactSet; keys: ReadonlySet<string> } } {
  try {
    return { readAfter: { facts: readAfter.parse(stdout), keys: readAfter.keys } };
  } catch {
    return {};
  }
}
