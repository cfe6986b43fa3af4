// Carries out one planned change on a host (or, for api changes, from the controller).
import type { Change, CommandChange } from '../core/change.js';
import { TransportError } from '../core/errors.js';
import type { ControllerContext, ModuleDefinition } from '../core/module.js';
import type { Transport } from '../core/transport.js';
import { attrsScript, directoryScript, removeScript, SCRIPT_EXIT, writeFileScript } from './file-change-scripts.js';

export type ApplyOutcome =
  | { status: 'applied'; changed: boolean; output?: string; result?: CommandResult }
  /** The host no longer matches what the plan saw: re-plan live. */
  | { status: 'drift'; found: string }
  | { status: 'failed'; message: string; result?: CommandResult };

/** What a command left, for `register:`. */
export interface CommandResult {
  rc: number;
  stdout: string;
  stderr: string;
}

export interface ApplyContext {
  transport: Transport;
  become?: boolean;
  module: ModuleDefinition<any, any>;
  controller: ControllerContext;
  /** Evaluates `changed_when`/`failed_when` with the command's rc, stdout and stderr. */
  evaluate(expression: string, result: { rc: number; stdout: string; stderr: string }): boolean;
}

export async function applyChange(change: Change, ctx: ApplyContext): Promise<ApplyOutcome> {
  switch (change.kind) {
    case 'write':
      return runFileScript(writeFileScript(change), ctx, change.content);
    case 'attrs':
      return runFileScript(attrsScript(change), ctx);
    case 'directory':
      return runFileScript(directoryScript(change), ctx);
    case 'remove':
      return runFileScript(removeScript(change), ctx);
    case 'command':
      return runCommand(change, ctx);
    case 'api':
      if (!ctx.module.applyApi) return { status: 'failed', message: `module ${ctx.module.name} cannot apply ${change.action}` };
      await ctx.module.applyApi(change, ctx.controller);
      return { status: 'applied', changed: true };
  }
}

async function runFileScript(script: string, ctx: ApplyContext, input?: Buffer): Promise<ApplyOutcome> {
  const result = await ctx.transport.exec(`set -e\n${script}`, { input: input ?? '', become: ctx.become });
  if (result.exitCode === 0) return { status: 'applied', changed: true };
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
