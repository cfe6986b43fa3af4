// Loads inventory and runbook for a command, and gathers every secret into the run's redactor.
import { dirname, relative } from 'node:path';
import type { Inventory } from '../core/host.js';
import { formatIssue } from '../core/location.js';
import { collectSecrets, type Redactor } from '../core/redactor.js';
import type { Runbook } from '../core/runbook.js';
import { loadInventory } from '../inventory/load-inventory.js';
import { createModuleCatalog } from '../modules/registry.js';
import { loadRunbook } from '../runbook/load-runbook.js';
import { parseYaml } from '../runbook/parse-yaml.js';
import type { CliIO } from './cli-io.js';

export interface Project {
  inventory: Inventory;
  runbook?: Runbook;
  catalog: ReturnType<typeof createModuleCatalog>;
  redact: Redactor;
}

/**
 * `timeoutSeconds`: the CLI's --timeout, a default for hosts whose inventory sets no timeout or keepalive.
 * `playbookDir`: the runbook's folder, whose group_vars/ and host_vars/ apply too.
 */
export function loadInventoryOnly(file: string, io: CliIO, options: { timeoutSeconds?: number; playbookDir?: string } = {}): { inventory: Inventory; redact: Redactor } {
  const { timeoutSeconds, playbookDir } = options;
  const redact = io.redact;
  // Every Secret the parser makes is registered before anything can print it (a later load error quotes it).
  const parse: typeof parseYaml = (text, name, env) => {
    const parsed = parseYaml(text, name, env);
    redact.add(parsed.secrets);
    return parsed;
  };
  const inventory = loadInventory(displayPath(file, io), { parse, env: io.env, cwd: io.cwd, timeoutSeconds, ...(playbookDir === undefined ? {} : { playbookDir }) });
  redact.add(collectSecrets(inventory.hosts.map((h) => h.vars)));
  for (const host of inventory.hosts) if (host.connection.password) redact.add([host.connection.password]);
  return { inventory, redact };
}

export function loadProject(
  runbookFile: string,
  inventoryFile: string,
  io: CliIO,
  extraVars: Record<string, unknown> = {},
  timeoutSeconds?: number,
  onRead?: (absPath: string) => void,
): Project & { runbook: Runbook } {
  const catalog = createModuleCatalog();
  const { inventory, redact } = loadInventoryOnly(inventoryFile, io, { timeoutSeconds, playbookDir: dirname(runbookFile) });
  const runbook = loadRunbook(displayPath(runbookFile, io), { catalog, env: io.env, cwd: io.cwd, onSecrets: (secrets) => redact.add(secrets), ...(onRead ? { onRead } : {}) });
  for (const warning of runbook.warnings ?? []) io.stderr.write(`warning: ${formatIssue(warning)}\n`);
  redact.add(collectSecrets(runbook.plays));
  redact.add(collectSecrets(extraVars));
  return { inventory, runbook, catalog, redact };
}

/** Paths in messages are relative to where the user stands. */
function displayPath(file: string, io: CliIO): string {
  const rel = relative(io.cwd, file);
  return rel.startsWith('..') ? file : rel || file;
}
