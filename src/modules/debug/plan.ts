// Prepares and plans `debug`: the value is evaluated for the host before anything runs; never a change, never an exec.
import type { FactRequest } from '../../core/facts.js';
import type { PrepareContext, TaskPlan } from '../../core/module.js';
import type { DebugArgs, PreparedDebug } from './schema.js';

/** Ansible's words for a `var` that names nothing defined. */
export const NOT_DEFINED = 'VARIABLE IS NOT DEFINED!';

export function prepareDebug(args: DebugArgs, ctx: PrepareContext): PreparedDebug {
  if (args.var === undefined) return { key: 'msg', value: args.msg ?? 'Hello world!' };
  // A var already rendered to a value (`var: "{{ x }}"`) names it; a bare name is looked up.
  const value = ctx.valueOf(args.var, 'var');
  return { key: args.var, value: value === undefined ? NOT_DEFINED : value };
}

export function debugFacts(): FactRequest[] {
  return [];
}

export function planDebug(prepared: PreparedDebug): TaskPlan {
  const output = shown(prepared);
  return { status: 'unchanged', reason: output, output, registered: { [prepared.key]: prepared.value } };
}

/** A string as it is, anything else as JSON; under `var`, prefixed by its expression. */
function shown({ key, value }: PreparedDebug): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value, null, 2) ?? String(value);
  return key === 'msg' ? text : `${key}: ${text}`;
}
