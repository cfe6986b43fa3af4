// Prepares and plans `debug`: the value is evaluated for the host before anything runs; never a change, never an exec.
import type { FactRequest } from '../../core/facts.js';
import type { PrepareContext, TaskPlan } from '../../core/module.js';
import type { DebugArgs, PreparedDebug } from './schema.js';

/** Ansible's words for a `var` that names nothing defined. */
export const NOT_DEFINED = 'VARIABLE IS NOT DEFINED!';

export function prepareDebug(args: DebugArgs, ctx: PrepareContext): PreparedDebug {
  const verboseOnly = args.verbosity > 0;
  if (args.var === undefined) return { key: 'msg', value: args.msg ?? 'Hello world!', verboseOnly };
  // A var already rendered to a value (`var: "{{ x }}"`) names it; a bare name is looked up.
  const value = ctx.valueOf(args.var, 'var');
  return { key: args.var, value: value === undefined ? NOT_DEFINED : value, verboseOnly };
}

export function debugFacts(): FactRequest[] {
  return [];
}

export function planDebug(prepared: PreparedDebug): TaskPlan {
  const output = shown(prepared);
  const registered = { [prepared.key]: prepared.value };
  // Without `output`, the message is the reason of an unchanged task: what -v lists, and only -v.
  if (prepared.verboseOnly) return { status: 'unchanged', reason: output, registered };
  return { status: 'unchanged', reason: output, output, registered };
}

/** A string as it is, anything else as JSON; under `var`, prefixed by its expression. */
function shown({ key, value }: PreparedDebug): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value, null, 2) ?? String(value);
  return key === 'msg' ? text : `${key}: ${text}`;
}
