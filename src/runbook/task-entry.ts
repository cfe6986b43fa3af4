// What task entries give: every draft in them, and what nested imports and roles pass on to their tasks.
import type { TaskDraft } from './read-task.js';
import type { Inherited, TaskEntry } from './role-definition.js';


/** The task drafts of entries, however deep (for checks made on every task, such as notify). */
export function draftsOf(entries: TaskEntry[]): TaskDraft[] {
  return entries.flatMap((e): TaskDraft[] => {
    switch (e.kind) {
      case 'task':
        return [e.draft];
      case 'flush':
        return [];
      case 'group':
        return draftsOf(e.entries);
      case 'role':
        return e.instances.flatMap((i) => draftsOf(i.def.tasks));
      case 'block':
        return [...draftsOf(e.lists.block), ...draftsOf(e.lists.rescue), ...draftsOf(e.lists.always)];
    }
  });
}

/** `outer` then `inner`: tags added, conditions and'ed, the inner become and vars winning. */
export function mergeInherited(outer: Inherited, inner: Inherited): Inherited {
  const merged: Inherited = { tags: [...new Set([...outer.tags, ...inner.tags])] };
  const when = outer.when === undefined ? inner.when : inner.when === undefined ? outer.when : `(${outer.when}) and (${inner.when})`;
  if (when !== undefined) merged.when = when;
  const become = inner.become ?? outer.become;
  if (become !== undefined) merged.become = become;
  const becomeUser = inner.becomeUser ?? outer.becomeUser;
  if (becomeUser !== undefined) merged.becomeUser = becomeUser;
  if (outer.vars || inner.vars) merged.vars = { ...outer.vars, ...inner.vars };
  for (const flag of ['ignoreErrors', 'noLog'] as const) {
    const value = inner[flag] ?? outer[flag];
    if (value !== undefined) merged[flag] = value;
  }
  const anyErrorsFatal = inner.anyErrorsFatal ?? outer.anyErrorsFatal;
  if (anyErrorsFatal !== undefined) merged.anyErrorsFatal = anyErrorsFatal;
  const environment = mergeEnvironment(outer.environment, inner.environment);
  if (environment !== undefined) merged.environment = environment;
  if (outer.templatedFlags || inner.templatedFlags) merged.templatedFlags = { ...outer.templatedFlags, ...inner.templatedFlags };
  return merged;
}

/** Ansible merges environment: name by name, the inner one winning; a template (known later) replaces. */
export function mergeEnvironment(outer: Inherited['environment'], inner: Inherited['environment']): Inherited['environment'] {
  if (outer === undefined || typeof inner === 'string') return inner;
  if (inner === undefined || typeof outer === 'string') return inner ?? outer;
  return { ...outer, ...inner };
}
