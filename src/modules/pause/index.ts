// The `pause` module (Ansible's): the batch's hosts wait on the controller for a while; nothing changes on them.
import type { HostModule, TaskPlan } from '../../core/module.js';
import { pauseArgsSchema, type PauseArgs } from './schema.js';

export const pauseModule: HostModule<PauseArgs, PauseArgs> = {
  name: 'pause',
  summary: 'Wait seconds or minutes on the controller, once for the batch of hosts; changes nothing',
  example: `- name: let the new backend warm up
  pause:
    seconds: 10\n`,
  target: 'host',
  schema: pauseArgsSchema,
  oncePerBatch: true,
  facts: () => [],
  plan: planPause,
};

/**
 * Decided in the plan, waited at apply (the executor sleeps, once for the batch: Ansible's
 * BYPASS_HOST_LOOP). Ansible waits at least a second; `stdout` and `delta` are what it registers,
 * the times it measures (`start`, `stop`) are not known ahead and left out.
 */
export function planPause(args: PauseArgs): TaskPlan {
  const [amount, unit] = args.minutes !== undefined ? [args.minutes, 'minutes'] : [args.seconds!, 'seconds'];
  const seconds = Math.max(1, unit === 'minutes' ? amount * 60 : amount);
  // Ansible prints the time it measured, a Python float rounded to 2 places (`10.0`): here the time asked.
  const shown = unit === 'minutes' ? Math.round((seconds / 60) * 100) / 100 : seconds;
  const pythonFloat = Number.isInteger(shown) ? `${shown}.0` : String(shown);
  const registered = { changed: false, rc: 0, stderr: '', stdout: `Paused for ${pythonFloat} ${unit}`, delta: seconds, echo: true, user_input: '' };
  const reason = `pause ${seconds} s${args.prompt !== undefined ? `: ${args.prompt}` : ''}`;
  return { status: 'unchanged', reason, registered, pauses: seconds };
}
