// Runs one function of a zx script on one host: its context built, bounded by the task's timeout, what it reports collected.
import { inspect } from 'node:util';
import { TransportError } from '../../core/errors.js';
import type { ScriptContext } from '../../core/module.js';
import type { ExecOptions } from '../../core/transport.js';
import type { ZxContext } from './context.js';
import { createHostShell, failures } from './host-shell.js';
import type { LoadedScript, ZxFunction } from './load-script.js';
import { redactDeep, revealDeep, scriptHosts } from './script-values.js';
import { ScriptError } from './script-error.js';

export interface ScriptRun {
  /** The function's return value, secrets redacted. */
  returned: unknown;
  /** What it reported with changed() (redacted), in order. */
  changes: string[];
  /** What it reported with diff() (redacted). */
  files: Array<{ path: string; before: string | null; after: string | null }>;
}

export async function runScript(script: LoadedScript, fn: ZxFunction, args: Record<string, unknown>, ctx: ScriptContext, check: boolean): Promise<ScriptRun> {
  const { redact } = ctx;
  const abort = new AbortController();
  const deadline = ctx.timeoutSeconds === undefined ? undefined : Date.now() + ctx.timeoutSeconds * 1000;
  const timedOut = () => new ScriptError(`${script.label}: timed out after ${ctx.timeoutSeconds} s (the task's timeout:)`);
  let over = false;
  const run: ScriptRun = { returned: undefined, changes: [], files: [] };

  // Every command of the script: refused once the script is over, bounded by what is left of the deadline.
  const exec = async (command: string, options: ExecOptions) => {
    if (over) throw new ScriptError(`${script.label}: a command was started after the task ended: ${command.split('\n')[0]}`);
    const left = deadline === undefined ? undefined : deadline - Date.now();
    if (left !== undefined && left <= 0) throw timedOut();
    const taskBound = left !== undefined && (options.timeoutMs === undefined || left < options.timeoutMs);
    try {
      return await ctx.transport.exec(command, { ...(ctx.become !== undefined ? { become: ctx.become } : {}), ...(ctx.becomeUser ? { becomeUser: ctx.becomeUser } : {}), ...options, ...(taskBound ? { timeoutMs: left } : {}) });
    } catch (error) {
      if (taskBound && error instanceof TransportError && error.code === 'TIMEOUT') throw timedOut();
      throw error;
    }
  };
  const { hosts, current } = scriptHosts(ctx);
  // Loaded here, not imported: zx stays out of the bundle's code cache, and loading it at start-up
  // cost every run ~0.1 s (a 30-host no-change profile: 95 ms of 2.3 s) though few runs have a zx task.
  const zx = await import('zx');
  const context: ZxContext = {
    $: createHostShell(exec, zx.ProcessOutput),
    local$: zx.$({ quiet: true, verbose: false }) as typeof zx.$,
    host: current,
    hosts,
    groups: (ctx.vars.groups ?? {}) as Record<string, string[]>,
    args: revealDeep(args) as Record<string, unknown>,
    check,
    log: (...values) => ctx.log(redact(`${ctx.host.name}: ${values.map((v) => (typeof v === 'string' ? v : inspect(v))).join(' ')}`)),
    changed: (what) => void run.changes.push(redact(String(what))),
    diff: (path, before, after) => void run.files.push({ path: redact(String(path)), before: before === null ? null : redact(String(before)), after: after === null ? null : redact(String(after)) }),
    sleep: (ms) => sleepUnless(ms, abort.signal),
    signal: abort.signal,
  };

  let timer: NodeJS.Timeout | undefined;
  const bound = new Promise<never>((_, reject) => {
    if (deadline !== undefined) timer = setTimeout(() => reject(timedOut()), deadline - Date.now());
  });
  try {
    run.returned = redactDeep(await Promise.race([Promise.resolve().then(() => fn(context)), bound]), redact);
    return run;
  } catch (error) {
    // A lost connection is the host's, not the script's: the run reports it unreachable.
    if (error instanceof TransportError) throw error;
    throw new ScriptError(redact(ScriptError.located(error, script, error && typeof error === 'object' ? failures.get(error) : undefined).message));
  } finally {
    over = true;
    clearTimeout(timer);
    abort.abort();
  }
}

function sleepUnless(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(new Error('the task is over'));
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(new Error('the task is over'));
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
