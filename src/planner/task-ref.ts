// How a prepared task is named in plans, events and the run record.
import type { TaskRef } from '../core/plan.js';
import type { PreparedTask } from './prepared-task.js';

export function taskRef(prepared: PreparedTask, isHandler = false): TaskRef {
  const { task } = prepared;
  return { id: task.id, name: task.name, module: task.module, location: task.location, role: task.scope.role, isHandler };
}
