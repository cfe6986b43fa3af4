// group_vars/NAME and host_vars/NAME beside an inventory or a runbook, found and merged as Ansible's host_group_vars plugin does.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, relative, isAbsolute } from 'node:path';
import type { LoadIssue } from '../core/location.js';
import type { YamlParser } from '../core/yaml-document.js';
import { byCodePoint } from '../core/by-code-point.js';
import type { VarEntry } from './inventory-tree.js';
import { isPlainMapping } from './read-yaml-inventory.js';

const EXTENSIONS = ['.yml', '.yaml', '.json'];

export interface VarsDirectoryContext {
  parse: YamlParser;
  env: NodeJS.ProcessEnv;
  cwd: string;
  issues: LoadIssue[];
}

/**
 * The variable layers of `kind/NAME` under `base`, lowest precedence first (one per file).
 * As in Ansible, the first of NAME (a file, or a directory of .yml/.yaml/.json/extension-less
 * files, read recursively in name order, hidden files and `~` backups skipped), NAME.yml,
 * NAME.yaml, NAME.json is used; empty files add nothing.
 */
export function readVarsDirectory(base: string, kind: 'group_vars' | 'host_vars', name: string, ctx: VarsDirectoryContext): Array<Map<string, VarEntry>> {
  if (name.startsWith('/')) return [];
  const dir = join(base, kind);
  if (!isDirectory(dir)) return [];
  const stem = join(dir, name);
  for (const candidate of [stem, ...EXTENSIONS.map((e) => stem + e)]) {
    const stat = statOf(candidate);
    if (!stat) continue;
    const files = stat.isDirectory() ? filesIn(candidate) : [candidate];
    return files.map((f) => readVarsFile(f, `${kind} ${name}`, ctx)).filter((m) => m.size > 0);
  }
  return [];
}

function filesIn(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir).sort(byCodePoint)) {
    if (entry.startsWith('.') || entry.endsWith('~')) continue;
    const full = join(dir, entry);
    const ext = extname(entry);
    const stat = statOf(full);
    if (stat?.isDirectory() && !ext) out.push(...filesIn(full));
    else if (stat?.isFile() && (!ext || EXTENSIONS.includes(ext))) out.push(full);
  }
  return out;
}

function readVarsFile(path: string, owner: string, ctx: VarsDirectoryContext): Map<string, VarEntry> {
  const rel = relative(ctx.cwd, path);
  const display = rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : path;
  const layer = new Map<string, VarEntry>();
  const doc = ctx.parse(readFileSync(path, 'utf8'), display, ctx.env);
  ctx.issues.push(...doc.issues);
  if (doc.value === null || doc.value === undefined) return layer;
  if (!isPlainMapping(doc.value)) {
    ctx.issues.push({ ...doc.locate([]), path: '', message: `${owner}: a variables file must be a mapping of names to values`, hint: 'write name: value, one per line' });
    return layer;
  }
  for (const [key, value] of Object.entries(doc.value)) {
    const location = doc.locate([key]);
    layer.set(key, { value, location, source: `${display}:${location.line} (${owner})` });
  }
  return layer;
}

function statOf(path: string): ReturnType<typeof statSync> | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

function isDirectory(path: string): boolean {
  return statOf(path)?.isDirectory() ?? false;
}
