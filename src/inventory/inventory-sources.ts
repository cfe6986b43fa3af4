// `-i PATH` -> the inventory files to read and the format of each: a file, or a directory read as Ansible reads one.
import { accessSync, constants, readdirSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import { byCodePoint } from '../core/by-code-point.js';
import type { ParsedYaml } from '../core/yaml-document.js';

/**
 * Names a directory source skips, as ansible-core 2.14 does by default: hidden entries,
 * group_vars/host_vars/vars_plugins, and INVENTORY_IGNORE_EXTS (editor and backup files,
 * docs, `.retry`, `.orig`, and `.ini`/`.cfg`, which in inventory directories are usually
 * the settings of dynamic inventory scripts).
 */
const IGNORED = /^\.|^host_vars$|^group_vars$|^vars_plugins$|(?:\.pyc|\.pyo|\.swp|\.bak|~|\.rpm|\.md|\.txt|\.rst|\.orig|\.ini|\.cfg|\.retry)$/;
const YAML_EXTENSIONS = ['.yaml', '.yml', '.json'];

/** Every inventory file of a directory source, recursively, in name order (a file source is itself). */
export function inventoryFiles(path: string): string[] {
  if (!statSync(path).isDirectory()) return [path];
  const out: string[] = [];
  for (const entry of readdirSync(path).sort(byCodePoint)) {
    if (IGNORED.test(entry)) continue;
    out.push(...inventoryFiles(join(path, entry)));
  }
  return out;
}

export type InventoryFormat =
  | { format: 'yaml'; doc: ParsedYaml }
  | { format: 'ini'; guessed: boolean }
  | { format: 'refused'; message: string; hint: string };

/**
 * Which plugin reads a file. Ansible tries YAML for .yaml/.yml/.json and extension-less files,
 * then INI. Here: .yaml/.yml/.json are YAML (their YAML errors are reported as such); an
 * extension-less file is YAML when it parses as a YAML mapping, else INI; any other extension
 * is INI. Executable scripts and TOML files are refused.
 */
export function detectFormat(path: string, text: string, parseYaml: () => ParsedYaml): InventoryFormat {
  const ext = extname(path).toLowerCase();
  if (text.startsWith('#!') && isExecutable(path)) {
    return { format: 'refused', message: 'dynamic inventory scripts are not run', hint: 'save its output once: `ansible-inventory -i SCRIPT --list -y > inventory.yaml`' };
  }
  if (ext === '.toml') return { format: 'refused', message: 'TOML inventories are not supported', hint: 'convert it with `ansible-inventory -i FILE --list -y > inventory.yaml`' };
  if (YAML_EXTENSIONS.includes(ext)) return { format: 'yaml', doc: parseYaml() };
  if (ext !== '') return { format: 'ini', guessed: false };
  const doc = parseYaml();
  const mapping = typeof doc.value === 'object' && doc.value !== null && !Array.isArray(doc.value);
  const syntaxOk = !doc.issues.some((i) => i.message.startsWith('YAML:'));
  return mapping && syntaxOk ? { format: 'yaml', doc } : { format: 'ini', guessed: true };
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
