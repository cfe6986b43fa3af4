// `runbook complete WHAT`: the words the shell completion scripts offer (commands, options, runbooks, hosts, groups...), one a line.
import { existsSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Command } from 'commander';
import { createModuleCatalog } from '../modules/registry.js';
import { catalogModules } from '../reference/module-doc.js';
import { SCHEMA_KINDS } from '../reference/editor-schemas.js';
import type { CliIO } from './cli-io.js';
import { loadInventoryOnly } from './load-project.js';

export const COMPLETION_TOPICS = ['commands', 'options', 'runbooks', 'hosts', 'groups', 'modules', 'schemas'] as const;

/** Prints the words; a problem (an inventory that does not load) prints none: a shell mid-word is no place for errors. */
export async function runComplete(what: string, arg: string | undefined, flags: { inventory: string }, program: Command, io: CliIO): Promise<number> {
  let words: string[] = [];
  try {
    words = wordsFor(what, arg, flags.inventory, program, io);
  } catch {
    words = [];
  }
  if (words.length > 0) io.stdout.write(`${words.join('\n')}\n`);
  return 0;
}

function wordsFor(what: string, arg: string | undefined, inventoryFile: string, program: Command, io: CliIO): string[] {
  switch (what) {
    case 'commands':
      return program.createHelp().visibleCommands(program).map((c) => c.name()).filter((name) => name !== 'help');
    case 'options': {
      const command = program.commands.find((c) => c.name() === arg);
      return (command?.options ?? []).flatMap((o) => [o.short, o.long]).filter((o): o is string => o !== undefined).concat('--help');
    }
    case 'runbooks':
      return runbookFiles(join(io.cwd, 'runbooks')).map((f) => relative(io.cwd, f));
    case 'hosts':
    case 'groups': {
      // Secrets from the environment need not be set to list names.
      const env = new Proxy(io.env, { get: (target, name) => (typeof name === 'string' ? (target[name] ?? '') : undefined), has: () => true });
      const { inventory } = loadInventoryOnly(inventoryFile, { ...io, env });
      // Ansible's implicit localhost is there for `hosts: localhost`, not one of the inventory's names.
      const hosts = inventory.hosts.filter((h) => !(h.name === 'localhost' && h.groups.length === 0));
      return what === 'hosts' ? hosts.map((h) => h.name) : Object.keys(inventory.groups);
    }
    case 'modules':
      return catalogModules(createModuleCatalog()).flatMap((m) => [m.name, ...(m.aliases ?? [])]);
    case 'schemas':
      return [...SCHEMA_KINDS];
    default:
      return [];
  }
}

/** Runbooks under runbooks/: YAML files, not the vars files beside them (runbooks/vars/). */
function runbookFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? (e.name === 'vars' ? [] : runbookFiles(join(dir, e.name))) : /\.ya?ml$/.test(e.name) ? [join(dir, e.name)] : [],
  );
}
