// Finds a role folder (roles/ beside the runbook, then one level up) and reads its tasks, handlers, defaults, meta.
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { leavesFolder } from '../core/contained-path.js';
import type { ParsedYaml } from '../core/yaml-document.js';
import { Cursor } from './cursor.js';
import type { LoadContext } from './load-context.js';
import { readList, readMapping } from './read-field.js';
import { readTask, type TaskDraft } from './read-task.js';
import { readRoleRef, type RoleDefinition, type RoleRef } from './role-definition.js';

/** The `roles/` folders a runbook in `dir` looks in, in order. */
export function roleSearchDirs(runbookDir: string): string[] {
  return [join(runbookDir, 'roles'), join(runbookDir, '..', 'roles')];
}

/** Loads the role `ref` names, reporting a missing role with where it looked. Read once per folder. */
export function loadRole(ref: RoleRef, searchDirs: string[], ctx: LoadContext): RoleDefinition | undefined {
  if (searchDirs.some((d) => leavesFolder(d, ref.name))) {
    ctx.issues.push(ref.at.issue(`role "${ref.name}" leaves the roles/ folder`, 'name a role in roles/ (beside the runbook or one level up)'));
    return undefined;
  }
  const dir = searchDirs.map((d) => join(d, ref.name)).find((d) => existsSync(d) && statSync(d).isDirectory());
  if (dir === undefined) {
    ctx.issues.push(ref.at.issue(`role "${ref.name}" not found`, `looked in: ${searchDirs.map(ctx.display).join(', ')}`));
    return undefined;
  }
  if (!ctx.roles.has(dir)) ctx.roles.set(dir, readRoleFolder(ref, dir, ctx) ?? null);
  return ctx.roles.get(dir) ?? undefined;
}

/** The role's templates/ and files/: where its `src:` files are found. */
export function roleSourceDirs(dir: string): string[] {
  return [join(dir, 'templates'), join(dir, 'files')];
}

function readRoleFolder(ref: RoleRef, dir: string, ctx: LoadContext): RoleDefinition | undefined {
  const tasksFile = mainFile(dir, 'tasks');
  if (tasksFile === undefined) {
    ctx.issues.push(ref.at.issue(`role "${ref.name}" has no tasks/main.yaml`, `create ${ctx.display(join(dir, 'tasks', 'main.yaml'))}`));
    return undefined;
  }
  const reading = (kind: 'task' | 'handler') => ({ catalog: ctx.catalog, searchDirs: roleSourceDirs(dir), display: ctx.display, kind });
  const readTasks = (file: string | undefined, label: string, kind: 'task' | 'handler'): TaskDraft[] => {
    const doc = readOptional(file, ctx);
    if (doc === undefined) return [];
    const root = new Cursor(doc, [], label);
    return readList(doc.value, root, ctx.issues).flatMap((raw, i) => readTask(raw, root.child(i), reading(kind), ctx.issues) ?? []);
  };
  const defaultsDoc = readOptional(mainFile(dir, 'defaults'), ctx);
  const metaDoc = readOptional(mainFile(dir, 'meta'), ctx);
  let dependencies: RoleRef[] = [];
  if (metaDoc) {
    const meta = readMapping(metaDoc.value, new Cursor(metaDoc, [], ''), ctx.issues);
    const at = new Cursor(metaDoc, ['dependencies'], 'dependencies');
    dependencies = readList(meta.dependencies, at, ctx.issues).flatMap((raw, i) => readRoleRef(raw, at.child(i), ctx.issues) ?? []);
  }
  return {
    name: ref.name,
    dir,
    tasks: readTasks(tasksFile, 'tasks', 'task'),
    handlers: readTasks(mainFile(dir, 'handlers'), 'handlers', 'handler'),
    defaults: defaultsDoc ? readMapping(defaultsDoc.value, new Cursor(defaultsDoc, [], 'defaults'), ctx.issues) : {},
    dependencies,
  };
}

/** A role file that exists but cannot be read (permissions, a directory named main.yaml) is an error, not an empty part. */
function readOptional(file: string | undefined, ctx: LoadContext): ParsedYaml | undefined {
  if (file === undefined) return undefined;
  const doc = ctx.readYaml(file);
  if (typeof doc !== 'string') return doc;
  ctx.issues.push({ file: ctx.display(file), line: 1, column: 1, path: '', message: `cannot read ${ctx.display(file)}: ${doc}`, hint: 'a role file must be a readable YAML file' });
  return undefined;
}

function mainFile(dir: string, part: string): string | undefined {
  return ['main.yaml', 'main.yml'].map((f) => join(dir, part, f)).find((f) => existsSync(f));
}
