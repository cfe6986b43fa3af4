// `runbook validate`: load runbook, roles and inventory, render every task for every host; no host contacted.
import { matchHosts } from '../inventory/match-hosts.js';
import { preparePlays } from '../planner/prepare-plays.js';
import { createRenderer } from '../vars/render.js';
import { loadProject } from './load-project.js';
import { parseExtraVars } from './parse-extra-vars.js';
import type { CliIO } from './cli-io.js';

export async function runValidate(runbookFile: string, flags: { inventory: string; extraVars: string[] }, io: CliIO): Promise<number> {
  const extraVars = parseExtraVars(flags.extraVars ?? []);
  const project = loadProject(runbookFile, flags.inventory, io, extraVars);
  const plays = preparePlays(project.runbook, {
    inventory: project.inventory,
    catalog: project.catalog,
    extraVars,
    env: io.env,
    renderer: createRenderer({ onSecretDerived: (values) => io.redact.add(values) }),
    matchHosts: (pattern) => matchHosts(pattern, project.inventory).hosts,
  });
  const tasks = plays.reduce((n, p) => n + [...p.tasks.values()].reduce((m, t) => m + t.length, 0), 0);
  const hosts = new Set(plays.flatMap((p) => p.hosts.map((h) => h.name)));
  io.stdout.write(`${runbookFile}: valid (${plays.length} play${plays.length === 1 ? '' : 's'}, ${tasks} task runs on ${hosts.size} host${hosts.size === 1 ? '' : 's'})\n`);
  return 0;
}
