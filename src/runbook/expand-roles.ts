// Role references -> the role instances to run, dependencies first, each (role, params) once unless it allows duplicates.
import { dirname } from 'node:path';
import type { LoadContext } from './load-context.js';
import { findRole, readRole } from './load-role.js';
import { combineWhen } from './read-task.js';
import type { RoleInstance, RoleRef, TaskEntry } from './role-definition.js';

export type { RoleInstance } from './role-definition.js';

export interface ExpandRoles {
  /** Where role names are looked up. */
  searchDirs: string[];
  /** Role folders being read around this call (a role calling itself is a cycle). */
  stack: string[];
  readTasks(file: string, kind: 'task' | 'handler', roleDir: string, ctx: LoadContext, stack: string[]): TaskEntry[];
  /** `roles:` runs a role once per play unless its parameters differ; `import_role`/`include_role` run it each time. */
  seen?: Set<string>;
}

export function expandRoles(refs: RoleRef[], how: ExpandRoles, ctx: LoadContext): RoleInstance[] {
  const out: RoleInstance[] = [];
  const visit = (ref: RoleRef, dirs: string[], stack: string[]): void => {
    const dir = findRole(ref, dirs, ctx);
    if (dir === undefined) return;
    if (stack.includes(dir)) {
      const names = [...stack.map((d) => d.split('/').pop()), ref.name];
      ctx.issues.push(ref.at.issue(`role dependency cycle: ${names.join(' -> ')}`, 'remove one of the dependencies in meta/main.yaml, or the import_role/include_role'));
      return;
    }
    const def = readRole(ref, dir, ctx, (file, kind, roleDir, c) => how.readTasks(file, kind, roleDir, c, [...stack, dir]));
    if (!def) return;
    // A dependency is looked up beside its role first, then where the play looks.
    const depDirs = [...new Set([dirname(def.dir), ...dirs])];
    for (const dep of def.dependencies) {
      const inherited: RoleRef = { ...dep, tags: [...ref.tags, ...dep.tags], when: combineWhen(ref.when, dep.when) };
      if (dep.become === undefined && ref.become !== undefined) inherited.become = ref.become;
      visit(inherited, depDirs, [...stack, def.dir]);
    }
    // Ansible runs a role once per play unless its parameters differ or its meta allows duplicates.
    const key = `${def.dir}\0${JSON.stringify(ref.params)}\0${JSON.stringify(ref.files ?? {})}`;
    const seen = how.seen;
    if (seen && !def.allowDuplicates) {
      if (seen.has(key)) return;
      seen.add(key);
    }
    out.push({ def, ref });
  };
  for (const ref of refs) visit(ref, how.searchDirs, how.stack);
  return out;
}
