// Plans `set_fact`: nothing to read or change on the host; the values it sets are the task's result.
import type { PrepareContext, TaskPlan } from '../../core/module.js';
import { notAVariableName, TEMPLATED_NAME, VARIABLE_NAME, type SetFactArgs } from './schema.js';

// Ansible's set_fact (action/set_fact.py) turns these words into booleans, after rendering.
const BOOLEAN_WORDS = /^(true|false|yes|no)$/i;

/** The names rendered, as Ansible's set_fact renders each key of a run (`"{{ item.key }}": "{{ item.value }}"`), then checked. */
export function renderNames(args: SetFactArgs, ctx: PrepareContext): SetFactArgs {
  if (!Object.keys(args).some((name) => TEMPLATED_NAME.test(name))) return args;
  const out: SetFactArgs = {};
  for (const [written, value] of Object.entries(args)) {
    const name = TEMPLATED_NAME.test(written) ? ctx.render(written, `${ctx.locate().file}:${ctx.locate().line} set_fact name`) : written;
    if (written !== 'cacheable' && !VARIABLE_NAME.test(name)) throw new Error(notAVariableName(name));
    out[name] = value;
  }
  return out;
}

/** The variables the task sets, as Ansible's `ansible_facts` of it: `cacheable` left out, yes/no words made booleans. */
export function factsSet(args: SetFactArgs): Record<string, unknown> {
  const set: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(args)) {
    if (name === 'cacheable') continue;
    set[name] = typeof value === 'string' && BOOLEAN_WORDS.test(value) ? /^(true|yes)$/i.test(value) : value;
  }
  return set;
}

export function planSetFact(args: SetFactArgs): TaskPlan {
  return { status: 'unchanged', reason: `set ${Object.keys(factsSet(args)).join(', ')}` };
}
