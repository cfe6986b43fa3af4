// What include and role calls share at load: the reading they happen in, their keywords, their gate and apply:.
import type { IncludeGate } from '../core/runbook.js';
import type { Cursor } from './cursor.js';
import type { LoadContext } from './load-context.js';
import { describe, isMapping, readBoolean, readMapping, readString, readStringList } from './read-field.js';
import { readLoop } from './read-loop.js';
import { readWhen } from './read-task.js';
import type { Inherited } from './role-definition.js';

/** How a task list is being read: where it is, what is around it. */
export interface ListReading {
  kind: 'task' | 'handler' | 'verify';
  /** Folder of the file being read: an included file is looked up here first. */
  fileDir: string;
  /** Then in these: the role's tasks/ (in a role), the runbook's folder (in a play). */
  includeDirs: string[];
  /** Where `src:` files are found. */
  searchDirs: string[];
  /** Files being read around this list: including one of them again is a cycle. */
  files: string[];
  /** Role folders being read around this list. */
  roles: string[];
  /** Where the play looks for roles. */
  roleSearchDirs: string[];
  /** In a role: its folder (include_vars looks in its vars/). */
  roleDir?: string;
  /** Inside an include that loops: a loop on a nested include is refused. */
  inLoop?: boolean;
}


export const STATIC_KEYS = ['name', 'when', 'tags', 'become', 'become_user', 'vars'];
export const DYNAMIC_KEYS = ['name', 'when', 'tags', 'vars', 'loop', 'with_items', 'loop_control', 'apply'];

/** Unknown keys of an include or role call, and loops where Ansible refuses them; false when the entry is unusable. */
export function checkKeys(item: Record<string, unknown>, at: Cursor, key: string, allowed: string[], word: string, ctx: LoadContext): boolean {
  let ok = true;
  for (const k of Object.keys(item).filter((k) => k !== key && !allowed.includes(k))) {
    const loop = k === 'loop' || k.startsWith('with_');
    const hint = loop
      ? `Ansible cannot loop over ${word}: use ${word.replace('import_', 'include_')}`
      : k === 'become' || k === 'become_user'
        ? `on ${word} it applies to the include alone; to give it to the included tasks write apply: { ${k}: ... }`
        : `${word} takes: ${allowed.join(', ')}`;
    ctx.issues.push(at.child(k).issue(`${word} does not take "${k}" here`, hint, 'key'));
    if (loop) ok = false;
  }
  return ok;
}

/** What an import gives every task it brings: its when, tags, become, become_user and vars. */
export function staticOuter(item: Record<string, unknown>, at: Cursor, ctx: LoadContext): Inherited {
  const outer: Inherited = { tags: readStringList(item.tags, at.child('tags'), ctx.issues) };
  const when = readWhen(item.when, at.child('when'), ctx.issues);
  if (when !== undefined) outer.when = when;
  const become = readBoolean(item.become, at.child('become'), ctx.issues);
  if (become !== undefined) outer.become = become;
  const becomeUser = readString(item.become_user, at.child('become_user'), ctx.issues);
  if (becomeUser !== undefined) outer.becomeUser = becomeUser;
  if (item.vars != null) outer.vars = readMapping(item.vars, at.child('vars'), ctx.issues);
  return outer;
}

/** An include's own `when`, tags and loop: decided once for the include (per item with a loop). */
export function readGate(item: Record<string, unknown>, at: Cursor, name: string, reading: ListReading, ctx: LoadContext): IncludeGate {
  const { line, column, file } = at.location;
  const gate: IncludeGate = { id: `${file}:${line}:${column}`, name: readString(item.name, at.child('name'), ctx.issues) ?? name, tags: readStringList(item.tags, at.child('tags'), ctx.issues), location: at.location };
  const when = readWhen(item.when, at.child('when'), ctx.issues);
  if (when !== undefined) gate.when = when;
  readLoop(item, at, gate, ctx.issues);
  if (gate.loop !== undefined && reading.inLoop) {
    ctx.issues.push(at.child('loop' in item ? 'loop' : 'with_items').issue('a looping include inside another looping include is not supported', 'loop over a list of pairs in the outer include instead', 'key'));
    delete gate.loop;
  }
  return gate;
}

export const APPLY_KEYS = ['tags', 'when', 'become', 'become_user', 'vars'];

/** `apply:` (include_tasks, include_role): keywords given to every included task. */
export function readApply(apply: unknown, at: Cursor, ctx: LoadContext): Inherited {
  if (apply === undefined || apply === null) return { tags: [] };
  if (!isMapping(apply)) {
    ctx.issues.push(at.issue(`apply must be a mapping of task keywords, found ${describe(apply)}`));
    return { tags: [] };
  }
  for (const k of Object.keys(apply).filter((k) => !APPLY_KEYS.includes(k))) {
    ctx.issues.push(at.child(k).issue(`apply: "${k}" is not supported`, `apply takes: ${APPLY_KEYS.join(', ')}`, 'key'));
  }
  return staticOuter(apply, at, ctx);
}
