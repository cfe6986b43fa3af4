// The catalog of every module: adding one is its folder plus one line here.
import type { ModuleCatalog, ModuleDefinition } from '../core/module.js';
import { commandModule } from './command/index.js';
import { copyModule } from './copy/index.js';
import { fileModule } from './file/index.js';
import { lineModule } from './line/index.js';
import { packageModule } from './package/index.js';
import { serviceModule } from './service/index.js';
import { templateModule } from './template/index.js';

const MODULES: ReadonlyArray<ModuleDefinition<any, any>> = [
  templateModule,
  copyModule,
  fileModule,
  lineModule,
  packageModule,
  serviceModule,
  commandModule,
];

export function createModuleCatalog(extra: ReadonlyArray<ModuleDefinition<any, any>> = []): ModuleCatalog {
  const byName = new Map<string, ModuleDefinition<any, any>>();
  for (const module of [...MODULES, ...extra]) byName.set(module.name, module);
  return {
    get: (name) => byName.get(name),
    names: () => [...byName.keys()].sort(),
  };
}
