// The catalog of every module: adding one is its folder plus one line here.
import type { ModuleCatalog, ModuleDefinition } from '../core/module.js';
import { commandModule } from './command/index.js';
import { copyModule } from './copy/index.js';
import { fileModule } from './file/index.js';
import { httpModule } from './http/index.js';
import { lineModule } from './line/index.js';
import { mysqlDbModule } from './mysql-db/index.js';
import { mysqlGrantModule } from './mysql-grant/index.js';
import { mysqlUserModule } from './mysql-user/index.js';
import { packageModule } from './package/index.js';
import { serviceModule } from './service/index.js';
import { shellModule } from './shell/index.js';
import { templateModule } from './template/index.js';
import { waitForModule } from './wait-for/index.js';
import { tencentcloudEipModule } from './tencentcloud-eip/index.js';
import { tencentcloudHavipModule } from './tencentcloud-havip/index.js';

const MODULES: ReadonlyArray<ModuleDefinition<any, any>> = [
  templateModule,
  copyModule,
  fileModule,
  lineModule,
  packageModule,
  serviceModule,
  commandModule,
  shellModule,
  mysqlDbModule,
  mysqlUserModule,
  mysqlGrantModule,
  tencentcloudHavipModule,
  tencentcloudEipModule,
  httpModule,
  waitForModule,
];

export function createModuleCatalog(extra: ReadonlyArray<ModuleDefinition<any, any>> = []): ModuleCatalog {
  const byName = new Map<string, ModuleDefinition<any, any>>();
  for (const module of [...MODULES, ...extra]) byName.set(module.name, module);
  return {
    get: (name) => byName.get(name),
    names: () => [...byName.keys()].sort(),
  };
}
