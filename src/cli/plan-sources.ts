// The files a plan was made from (runbooks, imports, roles' files, templates, copied and vars files,
// the inventory with its group_vars/host_vars), each with a keyed digest of its bytes.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { byCodePoint } from '../core/by-code-point.js';
import { inventoryFiles } from '../inventory/inventory-sources.js';
import type { PlanKey } from './plan-key.js';

export interface SourceRecorder {
  onRead(absPath: string): void;
  /** Everything read so far, plus the inventory's files: paths as shown (relative to cwd when below it). */
  sources(): string[];
}

export function recordSources(cwd: string, inventory: string, runbook: string): SourceRecorder {
  const read = new Set<string>();
  return {
    onRead: (absPath) => void read.add(resolve(cwd, absPath)),
    sources() {
      const all = new Set(read);
      for (const file of inventorySources(resolve(cwd, inventory), resolve(cwd, runbook))) all.add(file);
      return [...all].map((p) => shown(cwd, p)).sort(byCodePoint);
    },
  };
}

export function digestOf(cwd: string, path: string, key: PlanKey): string | undefined {
  try {
    return key.hash(readFileSync(resolve(cwd, path)));
  } catch {
    return undefined;
  }
}

/** The inventory's files and every group_vars/host_vars file beside it and beside the runbook. */
function inventorySources(inventory: string, runbook: string): string[] {
  let files: string[] = [];
  try {
    files = inventoryFiles(inventory);
  } catch {
    return [];
  }
  const inventoryDir = statSync(inventory).isDirectory() ? inventory : dirname(inventory);
  for (const base of new Set([inventoryDir, dirname(runbook)])) {
    for (const kind of ['group_vars', 'host_vars']) files.push(...filesUnder(join(base, kind)));
  }
  return files;
}

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  if (!statSync(dir).isDirectory()) return [dir];
  return readdirSync(dir).sort(byCodePoint).flatMap((entry) => (entry.startsWith('.') ? [] : filesUnder(join(dir, entry))));
}

function shown(cwd: string, path: string): string {
  const rel = relative(cwd, path);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : path;
}
