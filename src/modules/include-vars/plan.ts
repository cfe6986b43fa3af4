// Prepares and plans `include_vars`: the vars read at load for the name the host's file renders to; nothing on the host.
import { normalize } from 'node:path';
import type { PrepareContext, TaskPlan } from '../../core/module.js';
import type { IncludedVars, IncludeVarsArgs } from './schema.js';

export function prepareIncludeVars(args: IncludeVarsArgs, ctx: PrepareContext): IncludedVars {
  const from = args.dir ?? normalize(args.file!);
  const files = ctx.varsFiles();
  const found = files[from];
  if (found === undefined) throw new Error(`include_vars: no vars file "${from}" was read for it (read at load: ${Object.keys(files).join(', ') || 'none'})`);
  // Values stay as written: templates in them render when used, as Ansible's vars do.
  return { from, vars: args.name !== undefined ? { [args.name]: found } : found };
}

export function planIncludeVars(prepared: IncludedVars): TaskPlan {
  return { status: 'unchanged', reason: `${prepared.from}: ${Object.keys(prepared.vars).join(', ') || 'no variables'}` };
}
