// Finds a role folder (roles/ beside the runbook, one level up, then the roles path) and reads its
// tasks, handlers, defaults, vars and meta, each from `main` (or the file a `*_from:` names).
import { existsSync, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { leavesFolder } from '../core/contained-path.js';
import type { ParsedYaml } from '../core/yaml-document.js';
import { Cursor } from './cursor.js';
import type { LoadContext } from './load-context.js';
import { readBoolean, readList, readMapping } from './read-field.js';
import { readRoleRef, roleKey, type RoleDefinition, type RoleFiles, type RoleRef, type TaskEntry } from './role-definition.js';

/**
 * The `roles/` folders a runbook in `dir` looks in, in order: beside it, one level up, then each
 * folder of `RUNBOOK_ROLES_PATH` and of `ANSIBLE_ROLES_PATH` (colon-separated, as Ansible's).
 */
export function roleSearchDirs(runbookDir: string, env: NodeJS.ProcessEnv = {}): string[] {
  const fromEnv = [env.RUNBOOK_ROLES_PATH, env.ANSIBLE_ROLES_PATH].flatMap((p) => (p ? p.split(delimiter) : [])).filter((d) => d !== '');
  return [...new Set([join(runbookDir, 'roles'), join(runbookDir, '..', 'roles'), ...fromEnv])];
}

/**
 * The folder of the role `ref` names, or undefined (and an issue saying where it looked). A
 * collection name `ns.coll.role` is looked up as a folder of that name, then as `role`: roles
 * of installed collections (ansible_collections/ns/coll/roles/) are not searched.
 */
export function findRole(ref: RoleRef, searchDirs: string[], ctx: LoadContext): string | undefined {
  if (searchDirs.some((d) => leavesFolder(d, ref.name))) {
    ctx.issues.push(ref.at.issue(`role "${ref.name}" leaves the roles/ folder`, 'name a role in roles/ (beside the runbook or one level up) or on the roles path'));
    return undefined;
  }
  const names = [ref.name, ...(/^[\w-]+\.[\w-]+\.[\w-]+$/.test(ref.name) ? [ref.name.split('.')[2]!] : [])];
  const dir = names.flatMap((n) => searchDirs.map((d) => join(d, n))).find((d) => existsSync(d) && statSync(d).isDirectory());
  if (dir === undefined) {
    const also = names.length > 1 ? ` (as "${names[0]}" and "${names[1]}")` : '';
    ctx.issues.push(ref.at.issue(`role "${ref.name}" not found${also}`, `looked in: ${searchDirs.map(ctx.display).join(', ')}; RUNBOOK_ROLES_PATH or ANSIBLE_ROLES_PATH add folders`));
  }
  return dir;
}

/** How a role's task files are read (read-task-list.ts), given to the loader so it need not import it. */
export type ReadRoleTasks = (file: string, kind: 'task' | 'handler', dir: string, ctx: LoadContext) => TaskEntry[];

/** Reads the role in `dir` with the files `ref` asks for; once per folder and files. */
export function readRole(ref: RoleRef, dir: string, ctx: LoadContext, readTasks: ReadRoleTasks): RoleDefinition | undefined {
  const key = roleKey(dir, ref.files);
  if (!ctx.roles.has(key)) ctx.roles.set(key, readRoleFolder(ref, dir, ctx, readTasks) ?? null);
  return ctx.roles.get(key) ?? undefined;
}

/** The role's templates/ and files/: where its `src:` files are found. */
export function roleSourceDirs(dir: string): string[] {
  return [join(dir, 'templates'), join(dir, 'files')];
}

function readRoleFolder(ref: RoleRef, dir: string, ctx: LoadContext, readTasks: ReadRoleTasks): RoleDefinition | undefined {
  const files: RoleFiles = ref.files ?? {};
  const named = (part: keyof RoleFiles) => roleFile(dir, part, files[part]);
  const missing = (part: keyof RoleFiles) => {
    ctx.issues.push(ref.at.issue(`role "${ref.name}" has no ${part}/${files[part]}(.yml|.yaml|.json)`, `looked in ${ctx.display(join(dir, part))}`));
  };
  for (const part of ['vars', 'defaults', 'handlers'] as const) if (files[part] !== undefined && named(part) === undefined) missing(part);
  const tasksFile = named('tasks');
  if (tasksFile === undefined && files.tasks !== undefined) missing('tasks');
  else if (tasksFile === undefined && !hasOtherParts(dir)) {
    ctx.issues.push(ref.at.issue(`role "${ref.name}" has no tasks/main.yaml`, `create ${ctx.display(join(dir, 'tasks', 'main.yaml'))}`));
    return undefined;
  }
  const mapping = (file: string | undefined, label: string) => {
    const doc = readOptional(file, ctx);
    return doc ? readMapping(doc.value, new Cursor(doc, [], label), ctx.issues) : {};
  };
  const metaDoc = readOptional(roleFile(dir, 'meta'), ctx);
  let dependencies: RoleRef[] = [];
  let allowDuplicates = false;
  if (metaDoc) {
    const meta = readMapping(metaDoc.value, new Cursor(metaDoc, [], ''), ctx.issues);
    const at = new Cursor(metaDoc, ['dependencies'], 'dependencies');
    dependencies = readList(meta.dependencies, at, ctx.issues).flatMap((raw, i) => readRoleRef(raw, at.child(i), ctx.issues) ?? []);
    allowDuplicates = readBoolean(meta.allow_duplicates, new Cursor(metaDoc, ['allow_duplicates'], 'allow_duplicates'), ctx.issues) ?? false;
  }
  const handlersFile = named('handlers');
  return {
    name: ref.name,
    dir,
    tasks: tasksFile === undefined ? [] : readTasks(tasksFile, 'task', dir, ctx),
    handlers: handlersFile === undefined ? [] : readTasks(handlersFile, 'handler', dir, ctx),
    defaults: mapping(named('defaults'), 'defaults'),
    vars: mapping(named('vars'), 'vars'),
    dependencies,
    allowDuplicates,
  };
}

/** A role without tasks is valid in Ansible when it has something else (defaults, vars, handlers, meta). */
function hasOtherParts(dir: string): boolean {
  return (['defaults', 'vars', 'handlers', 'meta'] as const).some((part) => roleFile(dir, part) !== undefined);
}

/** A role file that exists but cannot be read (permissions, a directory named main.yaml) is an error, not an empty part. */
function readOptional(file: string | undefined, ctx: LoadContext): ParsedYaml | undefined {
  if (file === undefined) return undefined;
  const doc = ctx.readYaml(file);
  if (typeof doc !== 'string') return doc;
  ctx.issues.push({ file: ctx.display(file), line: 1, column: 1, path: '', message: `cannot read ${ctx.display(file)}: ${doc}`, hint: 'a role file must be a readable YAML file' });
  return undefined;
}

/** `part/NAME` as Ansible finds it: the name itself, then with .yml, .yaml, .json. */
export function roleFile(dir: string, part: string, name = 'main'): string | undefined {
  const base = join(dir, part, name);
  const found = ['', '.yml', '.yaml', '.json'].map((ext) => base + ext).filter((f) => existsSync(f));
  // A directory where the file should be is returned, so reading it says so (never silently no part).
  return found.find((f) => statSync(f).isFile()) ?? found[0];
}
