// What a script module (a zx task) gets on one host: the connection, the task's variables and keywords.
import type { ControllerContext, ScriptContext } from '../core/module.js';
import type { Transport } from '../core/transport.js';
import type { ReadyTask } from './prepared-task.js';

export function scriptContextOf(prepared: ReadyTask, transport: Transport, controller: ControllerContext): ScriptContext {
  const { task, host, vars } = prepared;
  return {
    ...controller,
    host,
    vars,
    transport,
    ...(task.become !== undefined ? { become: task.become } : {}),
    ...(task.becomeUser !== undefined ? { becomeUser: task.becomeUser, become: true } : {}),
    ...(task.timeoutSeconds !== undefined ? { timeoutSeconds: task.timeoutSeconds } : {}),
  };
}
