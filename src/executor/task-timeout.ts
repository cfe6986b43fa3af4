// Ansible's task `timeout:`: one deadline over every command a task runs on its host.
import { TaskTimeoutError, TransportError } from '../core/errors.js';
import type { ExecOptions, Transport } from '../core/transport.js';
import { wrapExec } from './wrap-exec.js';

/**
 * The host's transport, with each exec bounded by what is left of the task's `seconds`. The
 * transport kills a command that outlives its bound (ssh: a KILL signal to the session's process
 * group, then the channel closed; local: SIGKILL); the task then fails with TaskTimeoutError, not
 * as an unreachable host. A command's own shorter timeout keeps its own error.
 */
export function withTaskTimeout(transport: Transport, seconds: number, now: () => number = Date.now): Transport {
  const deadline = now() + seconds * 1000;
  return wrapExec(transport, async (script: string, options: ExecOptions = {}) => {
    const left = deadline - now();
    if (left <= 0) throw new TaskTimeoutError(transport.hostName, seconds);
    const own = options.timeoutMs;
    const taskBound = own === undefined || left < own;
    try {
      return await transport.exec(script, { ...options, timeoutMs: taskBound ? left : own });
    } catch (error) {
      if (taskBound && error instanceof TransportError && error.code === 'TIMEOUT') throw new TaskTimeoutError(transport.hostName, seconds);
      throw error;
    }
  });
}
