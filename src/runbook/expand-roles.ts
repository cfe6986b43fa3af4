// A play's role entries -> the role instances to run, dependencies first, each (role, params) once.
import { dirname } from 'node:path';
import type { LoadContext } from './load-context.js';
import { loadRole } from './load-role.js';
import { combineWhen } from './read-task.js';
import type { RoleDefinition, RoleRef } from './role-definition.js';

export interface RoleInstance {
  def: RoleDefinition;
  /** The entry that called it, with keywords inherited from the role that depends on it. */
  ref: RoleRef;
}

export function expandRoles(refs: RoleRef[], searchDirs: string[], ctx: LoadContext): RoleInstance[] {
  const out: RoleInstance[] = [];
  const seen = new Set<string>();
  const visit = (ref: RoleRef, dirs: string[], stack: string[]): void => {
    const def = loadRole(ref, dirs, ctx);
    if (!def) return;
    if (stack.includes(def.dir)) {
      const names = [...stack.map((d) => ctx.roles.get(d)?.name ?? d), def.name];
      ctx.issues.push(ref.at.issue(`role dependency cycle: ${names.join(' -> ')}`, 'remove one of the dependencies in meta/main.yaml'));
      return;
    }
    // A dependency is looked up beside its role first, then where the play looks.
    const depDirs = [...new Set([dirname(def.dir), ...dirs])];
    for (const dep of def.dependencies) {
      const inherited: RoleRef = { ...dep, tags: [...ref.tags, ...dep.tags], when: combineWhen(ref.when, dep.when) };
      if (dep.become === undefined && ref.become !== undefined) inherited.become = ref.become;
      visit(inherited, depDirs, [...stack, def.dir]);
    }
    // Ansible runs a role once per play unless its parameters differ.
    const key = `${def.dir}\0${JSON.stringify(ref.params)}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push({ def, ref });
  };
  for (const ref of refs) visit(ref, searchDirs, []);
  return out;
}
