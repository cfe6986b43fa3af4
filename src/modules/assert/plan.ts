// Prepares and plans `assert`: its conditions are evaluated per host as `when:` is (waiting, like it, for a registered result).
import type { FactRequest } from '../../core/facts.js';
import type { PrepareContext, TaskPlan } from '../../core/module.js';
import { TaskFailure } from '../lib/task-failure.js';
import type { AssertArgs, AssertMessage, PreparedAssert } from './schema.js';

export function prepareAssert(args: AssertArgs, ctx: PrepareContext): PreparedAssert {
  const thats = Array.isArray(args.that) ? args.that : [args.that];
  for (const that of thats) {
    // A condition that was a template rendered to a boolean already (`that: "{{ ok }}"`).
    const holds = typeof that === 'boolean' ? that : ctx.evaluate(that, 'that');
    if (!holds) return { holds: false, assertion: String(that), msg: args.fail_msg ?? args.msg ?? 'Assertion failed' };
  }
  return { holds: true, msg: args.success_msg ?? 'All assertions passed', quiet: args.quiet };
}

export function assertFacts(): FactRequest[] {
  return [];
}

export function planAssert(prepared: PreparedAssert): TaskPlan {
  const text = textOf(prepared.msg);
  if (!prepared.holds) {
    throw new TaskFailure(`${text} (assertion: ${prepared.assertion})`, { msg: prepared.msg, assertion: prepared.assertion, evaluated_to: false });
  }
  return { status: 'unchanged', reason: text, registered: { msg: prepared.msg }, ...(prepared.quiet ? {} : { output: text }) };
}

function textOf(msg: AssertMessage): string {
  return Array.isArray(msg) ? msg.join('\n') : msg;
}
