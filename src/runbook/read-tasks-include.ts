// `import_tasks:` / `include_tasks:` -> groups of the included file's entries; a dynamic include
// reached only on some hosts keeps what is wrong in its file for those hosts (Ansible parses it there).
import { dirname } from 'node:path';
import { formatLocation, type LoadIssue } from '../core/location.js';
import type { IncludeChoice, IncludeGate } from '../core/runbook.js';
import { Cursor } from './cursor.js';
import { findIncluded, type Included } from './find-included.js';
import { checkKeys, DYNAMIC_KEYS, type ListReading, readApply, readGate, STATIC_KEYS, staticOuter } from './include-keywords.js';
import type { LoadContext } from './load-context.js';
import { describe, isMapping } from './read-field.js';
import { readTask } from './read-task.js';
import type { TaskEntry } from './role-definition.js';

export type ReadList = (value: unknown, at: Cursor, reading: ListReading, ctx: LoadContext) => TaskEntry[];

/** `import_tasks: FILE` (static) or `include_tasks: FILE` (dynamic), the file found and read as a task list. */
export function readTasksInclude(item: Record<string, unknown>, at: Cursor, key: string, isStatic: boolean, reading: ListReading, ctx: LoadContext, readList: ReadList): TaskEntry[] {
  const word = isStatic ? 'import_tasks' : 'include_tasks';
  if (!checkKeys(item, at, key, [...(isStatic ? STATIC_KEYS : DYNAMIC_KEYS), 'args'], word, ctx)) return [];
  const { name, nameAt, apply, applyAt } = includeArgs(item, at, key, word, isStatic, ctx);
  const found = findIncluded(name, nameAt, word, reading, ctx);
  const read = ({ file, doc }: Included, inLoop: boolean): TaskEntry[] =>
    readList(doc.value, new Cursor(doc, [], 'tasks'), { ...reading, fileDir: dirname(file), files: [...reading.files, file], inLoop: reading.inLoop || inLoop }, ctx);
  if (isStatic) {
    const outer = staticOuter(item, at, ctx);
    return found.map((f): TaskEntry => ({ kind: 'group', outer, ...(f.choice ? { gate: choiceGate(at, `${word} ${String(name)}`, f.choice) } : {}), entries: read(f, false) }));
  }
  const gate = readGate(item, at, `${word} ${String(name)}`, reading, ctx);
  const outer = readApply(apply, applyAt, ctx);
  if (isMapping(item.vars)) outer.vars = { ...item.vars };
  return found.map((f): TaskEntry => {
    const fileGate = f.choice ? { ...gate, choice: f.choice } : { ...gate };
    const entries = () => read(f, gate.loop !== undefined);
    return { kind: 'group', outer, gate: fileGate, entries: fileGate.when !== undefined || f.choice ? readGuarded(entries, fileGate, at, reading, ctx).entries : entries() };
  });
}

/**
 * The file and `apply` of a tasks include, from `include_tasks: FILE`, its mapping `{ file, apply }`
 * or `args: { file, apply }` (Ansible's older form, merged with it: TaskInclude's valid args are
 * file and apply, apply only on include_tasks); each given once.
 */
function includeArgs(item: Record<string, unknown>, at: Cursor, key: string, word: string, isStatic: boolean, ctx: LoadContext) {
  const allowed = isStatic ? ['file'] : ['file', 'apply'];
  const written = item[key];
  const places: Array<[Record<string, unknown>, Cursor]> = isMapping(written) ? [[written, at.child(key)]] : [];
  if (item.args != null) {
    if (isMapping(item.args)) places.push([item.args, at.child('args')]);
    else ctx.issues.push(at.child('args').issue(`${word}: args must be a mapping, found ${describe(item.args)}`, `write args: { ${allowed.join(', ')} }`));
  }
  for (const [value, placeAt] of places) {
    for (const k of Object.keys(value).filter((k) => !allowed.includes(k))) {
      ctx.issues.push(placeAt.child(k).issue(`${word} takes no "${k}"`, `it takes: ${allowed.join(', ')}`, 'key'));
    }
  }
  const given = (k: string) => places.filter(([value]) => value[k] !== undefined).map(([value, placeAt]) => ({ value: value[k], at: placeAt.child(k) }));
  const names = [...(isMapping(written) || written == null ? [] : [{ value: written, at: at.child(key) }]), ...given('file')];
  const applies = [...given('apply'), ...(item.apply !== undefined ? [{ value: item.apply, at: at.child('apply') }] : [])];
  for (const [what, list] of [['file', names], ['apply', applies]] as const) {
    for (const extra of list.slice(1)) ctx.issues.push(extra.at.issue(`${word}: the ${what} is given twice`, `give it once, at ${formatLocation(list[0]!.at.location)} or here`));
  }
  return { name: names[0]?.value, nameAt: names[0]?.at ?? at.child(key), apply: applies[0]?.value, applyAt: applies[0]?.at ?? at.child('apply') };
}

/**
 * A dynamic include (include_tasks, include_role) with a `when:` or a templated name: Ansible parses
 * its file only on a host that reaches it, so what is wrong in it does not fail the load. It becomes
 * a warning, and the gate carries it: such a host fails at the include, located. What was read is
 * then one placeholder task (meta: noop), `deferred`, that the caller puts behind the gate, so a
 * file none of whose tasks loaded fails there too.
 */
export function readGuarded(read: () => TaskEntry[], gate: IncludeGate, at: Cursor, reading: ListReading, ctx: LoadContext): { entries: TaskEntry[]; deferred: boolean } {
  const before = ctx.issues.length;
  const rolesBefore = new Set(ctx.roles.keys());
  const entries = read();
  if (ctx.issues.length === before) return { entries, deferred: false };
  const issues = ctx.issues.splice(before);
  // A role first read here is read again (and its issues reported) where it is used unguarded.
  for (const role of [...ctx.roles.keys()].filter((r) => !rolesBefore.has(r))) ctx.roles.delete(role);
  gate.loadIssues = issues;
  const reached = `${gate.name} (${formatLocation(gate.location)}${gate.when !== undefined ? `, when: ${gate.when}` : ''}${gate.choice ? `, where its name renders to ${gate.choice.name}` : ''})`;
  ctx.warnings.push(...issues.map((issue): LoadIssue => ({ ...issue, message: `${issue.message}; only hosts that reach ${reached} fail on it` })));
  const draft = readTask({ name: `${gate.name}: its file did not load`, meta: 'noop' }, at, { catalog: ctx.catalog, searchDirs: reading.searchDirs, display: ctx.display, kind: reading.kind }, ctx.issues);
  return { entries: draft ? [{ kind: 'task', draft }] : [], deferred: true };
}

/** An import's gate: only which file its tasks come from (its when and tags stay the tasks'). */
function choiceGate(at: Cursor, name: string, choice: IncludeChoice): IncludeGate {
  const { line, column, file } = at.location;
  return { id: `${file}:${line}:${column}`, name, tags: [], location: at.location, choice, imported: true };
}
