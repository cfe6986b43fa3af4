// A zx script's failure, located at the script's own line (`drills/vip.mjs:12: exit code 1 ...`).
import { messageOf } from '../../core/message-of.js';

export interface ScriptOrigin {
  /** How the script's stack frames name it (a file URL, or the runbook path for inline code). */
  frameName: string;
  /** How messages name it. */
  label: string;
  /** For a file, its path: a syntax error names it without a stack frame. */
  path?: string;
}

export class ScriptError extends Error {
  override readonly name = 'ScriptError';

  /**
   * The error with the first line of the script it points at: from `callSite` (where a failed
   * command was started), else from the error's own stack.
   */
  static located(error: unknown, origin: ScriptOrigin, failure?: { callSite: string; message: string }): ScriptError {
    if (error instanceof ScriptError) return error;
    const stacks = [failure?.callSite, error instanceof Error ? error.stack : undefined];
    const names = [origin.frameName, ...(origin.path ? [origin.path] : [])];
    let line: string | undefined;
    for (const stack of stacks) {
      for (const name of names) line ??= lineIn(stack, name);
    }
    const where = line === undefined ? origin.label : `${origin.label.replace(/:\d+$/, '')}:${line}`;
    const kind = error instanceof SyntaxError ? 'SyntaxError: ' : '';
    return new ScriptError(`${where}: ${kind}${failure?.message ?? messageOf(error)}`, { cause: error });
  }
}

/** The line of the first frame of `stack` in `name` (`name:LINE:COL`). */
function lineIn(stack: string | undefined, name: string): string | undefined {
  if (!stack) return undefined;
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`${escaped}:(\\d+)`).exec(stack)?.[1];
}
