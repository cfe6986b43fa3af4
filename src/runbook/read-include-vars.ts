// `include_vars:` -> a task draft whose vars files were read at load: a file (a templated name: every
// file it may render to), or a folder's files merged (`dir` with depth, files_matching, ignore_files, extensions).
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, normalize, relative, resolve } from 'node:path';
import { byCodePoint } from '../core/by-code-point.js';
import type { Cursor } from './cursor.js';
import { includeCandidates } from './include-candidates.js';
import type { LoadContext } from './load-context.js';
import { describe, isMapping, isTemplated, type Mapping } from './read-field.js';
import { readTask, type TaskDraft } from './read-task.js';

export interface VarsReading {
  fileDir: string;
  /** In a role: its folder (files are looked for in its vars/ first). */
  roleDir?: string;
  searchDirs: string[];
  kind: 'task' | 'handler' | 'verify';
}

const FILE_ARGS = ['file', 'name'];
const DIR_ARGS = ['dir', 'depth', 'files_matching', 'ignore_files', 'extensions', 'ignore_unknown_extensions', 'name'];

/** The task, its args `{ file }` or `{ dir }` (and `name`), the files read into `varsFiles`. */
export function readIncludeVars(item: Mapping, key: string, at: Cursor, reading: VarsReading, ctx: LoadContext): TaskDraft | undefined {
  const argsAt = at.child(key);
  const written = item[key];
  const args: Mapping = typeof written === 'string' ? { file: written.trim() } : isMapping(written) ? { ...written } : {};
  if (typeof written !== 'string' && !isMapping(written)) ctx.issues.push(argsAt.issue(`include_vars takes a file name or a mapping, found ${describe(written)}`, 'write include_vars: FILE.yml, or include_vars: { dir: vars }'));
  const isDir = 'dir' in args;
  for (const k of Object.keys(args).filter((k) => !(isDir ? DIR_ARGS : FILE_ARGS).includes(k))) {
    const hint = k === 'hash_behaviour' ? 'merge with the combine filter in a set_fact instead' : (isDir ? FILE_ARGS : DIR_ARGS).includes(k) ? 'file and dir arguments do not mix (Ansible refuses them too)' : `include_vars takes: file (or the name alone), or ${DIR_ARGS.join(', ')}`;
    ctx.issues.push(argsAt.child(k).issue(`include_vars does not take "${k}"${isDir ? ' with dir' : ''}`, hint, 'key'));
  }
  const source = isDir ? args.dir : args.file;
  if (typeof source !== 'string' || source === '') {
    ctx.issues.push(argsAt.issue(`include_vars needs a ${isDir ? 'folder' : 'file'} name, found ${describe(source)}`, 'write include_vars: FILE.yml'));
    return undefined;
  }
  const written_ = { ...item, [key]: { [isDir ? 'dir' : 'file']: source, ...(args.name !== undefined ? { name: args.name } : {}) } };
  let files: Record<string, Mapping> | undefined;
  if ('with_first_found' in item && !isDir) {
    const found = readFirstFound(item.with_first_found, at.child('with_first_found'), reading, ctx);
    files = found?.files;
    // The lookup searches the vars folders (Ansible's first_found in include_vars looks in vars/), name by name.
    if (found) written_.with_first_found = found.names.map((name) => ({ files: [name], paths: varsDirs(reading), skip: found.skip }));
  } else if (!isDir && source.includes('lookup(')) {
    // `include_vars: "{{ lookup('first_found', params) }}"` (ansible-lint's idiom): every vars file
    // there is read now, by its absolute path, which is what the lookup renders to on the host.
    files = readEveryVarsFile(argsAt, reading, ctx);
  } else {
    files = isDir ? readDir(source, args, argsAt.child('dir'), reading, ctx) : readFiles(source, typeof written === 'string' ? argsAt : argsAt.child('file'), reading, ctx);
  }
  const draft = readTask(written_, at, { ...reading, catalog: ctx.catalog, display: ctx.display }, ctx.issues);
  return draft && files ? { ...draft, varsFiles: files } : undefined;
}

/** Where a vars file is looked for: in a role its vars/, its folder, then beside the task file; in a play vars/ beside it, then beside it. */
function varsDirs(reading: VarsReading): string[] {
  const dirs = reading.roleDir ? [join(reading.roleDir, 'vars'), reading.roleDir, reading.fileDir] : [join(reading.fileDir, 'vars'), reading.fileDir];
  return [...new Set(dirs)];
}

/** Every vars file (.yml, .yaml, .json) of the vars folders, by its absolute path. */
function readEveryVarsFile(at: Cursor, reading: VarsReading, ctx: LoadContext): Record<string, Mapping> | undefined {
  const files: Record<string, Mapping> = {};
  for (const dir of varsDirs(reading).filter((d) => existsSync(d) && statSync(d).isDirectory())) {
    for (const entry of readdirSync(dir).filter((n) => /\.(ya?ml|json)$/.test(n)).sort(byCodePoint)) {
      const file = resolve(dir, entry);
      if (!statSync(file).isFile()) continue;
      const vars = readVarsFile(file, at, false, ctx);
      if (vars !== undefined) files[file] = vars;
    }
  }
  if (Object.keys(files).length > 0) return files;
  ctx.issues.push(at.issue('include_vars: a lookup names the file, and there is no vars file to choose from', `looked in ${varsDirs(reading).map(ctx.display).join(', ')}`));
  return undefined;
}

/** The file, or every file a templated name may render to, by that name: mappings only. */
function readFiles(name: string, at: Cursor, reading: VarsReading, ctx: LoadContext): Record<string, Mapping> | undefined {
  const dirs = varsDirs(reading);
  const templated = isTemplated(name);
  const found = templated
    ? includeCandidates(name, dirs)
    : dirs.map((d) => ({ name: normalize(name), file: resolve(d, name) })).filter((c) => existsSync(c.file) && statSync(c.file).isFile()).slice(0, 1);
  const files: Record<string, Mapping> = {};
  for (const { name: as, file } of found) {
    const vars = readVarsFile(file, at, !templated, ctx);
    if (vars !== undefined) files[as] = vars;
  }
  if (Object.keys(files).length === 0) {
    ctx.issues.push(at.issue(templated ? `include_vars: no vars file matches "${name}"` : `include_vars: file "${name}" not found`, `looked in ${dirs.map(ctx.display).join(', ')}${templated ? ' (each {{ ... }} stands for any text)' : ''}`));
    return undefined;
  }
  return files;
}

/**
 * `with_first_found:` on include_vars: its names (plain, lists, or `{ files, paths, skip }`), every
 * file each may name read now, by its absolute path (what the lookup gives `item`).
 */
function readFirstFound(terms: unknown, at: Cursor, reading: VarsReading, ctx: LoadContext): { names: string[]; skip: boolean; files: Record<string, Mapping> } | undefined {
  const names: string[] = [];
  let skip = false;
  const add = (term: unknown): void => {
    if (typeof term === 'string') names.push(term);
    else if (Array.isArray(term)) term.forEach(add);
    else if (isMapping(term)) {
      const list = (v: unknown) => (Array.isArray(v) ? v.map(String) : typeof v === 'string' ? v.split(/[,;]/) : []);
      const paths = list(term.paths);
      for (const file of list(term.files)) names.push(...(paths.length > 0 ? paths.map((p) => join(p, file)) : [file]));
      skip = term.skip === true;
    } else ctx.issues.push(at.issue(`with_first_found: a name, a list or { files, paths, skip }, found ${describe(term)}`));
  };
  add(terms);
  const files: Record<string, Mapping> = {};
  for (const name of names) {
    const found = isTemplated(name) ? includeCandidates(name, varsDirs(reading)) : varsDirs(reading).map((d) => ({ name, file: resolve(d, name) })).filter((c) => existsSync(c.file) && statSync(c.file).isFile());
    for (const { file } of found) {
      const vars = readVarsFile(file, at, !isTemplated(name), ctx);
      if (vars !== undefined) files[file] = vars;
    }
  }
  if (Object.keys(files).length === 0 && !skip) {
    ctx.issues.push(at.issue('include_vars: with_first_found names no file there is', `looked for ${names.join(', ')} in ${varsDirs(reading).map(ctx.display).join(', ')}`));
    return undefined;
  }
  return { names, skip, files };
}

/** A vars file's mapping; a candidate of a templated name that is no mapping (a task list) is left out, a named file's is an error. */
function readVarsFile(file: string, at: Cursor, named: boolean, ctx: LoadContext): Mapping | undefined {
  const doc = ctx.readYaml(file);
  if (typeof doc === 'string') {
    ctx.issues.push(at.issue(`cannot read ${ctx.display(file)}: ${doc}`, 'a vars file must be a readable YAML file'));
    return undefined;
  }
  if (doc.value === null || doc.value === undefined) return {};
  if (isMapping(doc.value)) return doc.value;
  if (named) ctx.issues.push(at.issue(`${ctx.display(file)} is no mapping of variables, found ${describe(doc.value)}`, 'a vars file holds name: value pairs'));
  return undefined;
}

/** `dir`: its files (sorted, depth first as Ansible walks them) merged, a later file's names winning. */
function readDir(dir: string, args: Mapping, at: Cursor, reading: VarsReading, ctx: LoadContext): Record<string, Mapping> | undefined {
  if (isTemplated(dir)) {
    ctx.issues.push(at.issue(`include_vars: the folder name "${dir}" is a template`, 'name the folder; choose files with files_matching'));
    return undefined;
  }
  const root = reading.roleDir ? (dir.split('/')[0] === 'vars' ? join(reading.roleDir, dir) : join(reading.roleDir, 'vars', dir)) : resolve(reading.fileDir, dir);
  if (!existsSync(root) || !statSync(root).isDirectory()) {
    ctx.issues.push(at.issue(`include_vars: folder "${dir}" not found`, `looked for ${ctx.display(root)}`));
    return undefined;
  }
  const depth = typeof args.depth === 'number' ? args.depth : 0;
  const matching = typeof args.files_matching === 'string' ? new RegExp(args.files_matching) : undefined;
  const ignore = (typeof args.ignore_files === 'string' ? args.ignore_files.split(/\s+/) : Array.isArray(args.ignore_files) ? args.ignore_files.map(String) : []).map((p) => new RegExp(`${p}$`));
  const extensions = Array.isArray(args.extensions) ? args.extensions.map(String) : ['yaml', 'yml', 'json'];
  const merged: Mapping = {};
  for (const file of walk(root, depth)) {
    const base = file.slice(file.lastIndexOf('/') + 1);
    if ((matching && !matching.test(base)) || ignore.some((r) => r.test(base))) continue;
    if (reading.roleDir && file === join(reading.roleDir, 'vars', 'main.yml')) continue;
    const known = extensions.includes(base.slice(base.lastIndexOf('.') + 1)) && base.includes('.');
    if (!known) {
      if (args.ignore_unknown_extensions === true) continue;
      ctx.issues.push(at.issue(`include_vars: ${ctx.display(file)} does not have a valid extension: ${extensions.join(', ')}`, 'set ignore_unknown_extensions: true, or ignore_files'));
      return undefined;
    }
    Object.assign(merged, readVarsFile(file, at, true, ctx));
  }
  return { [dir]: merged };
}

/** Files under root, a folder's own files (sorted) before its subfolders', down to depth folders (0: all). */
function walk(root: string, depth: number): string[] {
  const folders: string[] = [];
  const visit = (dir: string) => {
    folders.push(dir);
    for (const e of readdirSync(dir).sort(byCodePoint)) if (statSync(join(dir, e)).isDirectory()) visit(join(dir, e));
  };
  visit(root);
  // Ansible sorts the walked folders by path and counts every folder as one level of depth.
  const kept = folders.sort(byCodePoint).slice(0, depth === 0 ? undefined : depth);
  return kept.flatMap((dir) => readdirSync(dir).sort(byCodePoint).filter((e) => statSync(join(dir, e)).isFile()).map((e) => join(dir, e))).filter((f) => relative(root, f) !== '');
}
