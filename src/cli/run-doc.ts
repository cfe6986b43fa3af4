// `runbook doc [MODULE]`: like ansible-doc, every module's arguments, aliases and an example, from the catalog.
import { didYouMean } from '../core/did-you-mean.js';
import { UsageError } from '../core/errors.js';
import { createModuleCatalog } from '../modules/registry.js';
import { catalogModules, moduleDoc } from '../reference/module-doc.js';
import { renderModuleDoc, renderModuleList } from '../reference/render-module-doc.js';
import type { CliIO } from './cli-io.js';

export async function runDoc(name: string | undefined, flags: { json?: boolean }, io: CliIO): Promise<number> {
  const catalog = createModuleCatalog();
  if (name === undefined) {
    const docs = catalogModules(catalog).map(moduleDoc);
    io.stdout.write(flags.json ? `${JSON.stringify(docs, null, 2)}\n` : renderModuleList(docs));
    return 0;
  }
  const module = catalog.get(name);
  if (module === undefined) {
    const hint = catalog.hintFor(name) ?? didYouMean(name, catalog.names()) ?? 'list them with `runbook doc`';
    throw new UsageError(`no module "${name}": ${hint}`);
  }
  // Under an alias (shell) the page is its module's, so the aliases read right.
  const own = catalogModules(catalog).find((m) => m.schema === module.schema) ?? module;
  const doc = moduleDoc(own);
  io.stdout.write(flags.json ? `${JSON.stringify(doc, null, 2)}\n` : renderModuleDoc(doc));
  return 0;
}
