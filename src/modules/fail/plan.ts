// Plans `fail`: the host fails with the message (put a when: on the task to choose where); no exec.
import type { FactRequest } from '../../core/facts.js';
import type { TaskPlan } from '../../core/module.js';
import { TaskFailure } from '../lib/task-failure.js';
import type { FailArgs } from './schema.js';

export function failFacts(): FactRequest[] {
  return [];
}

export function planFail(args: FailArgs): TaskPlan {
  const text = typeof args.msg === 'string' ? args.msg : JSON.stringify(args.msg);
  throw new TaskFailure(text, { msg: args.msg });
}
