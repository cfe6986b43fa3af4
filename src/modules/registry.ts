// The catalog of every module, with the other names tasks may give them.
//
// Adding a module: its folder under src/modules/ (index.ts with the definition, schema.ts, plan.ts,
// and its fixtures in test/modules/<folder>/), plus one line in MODULES below. Other names for it
// (Ansible's `shell` for `command`) go in its definition's `aliases`; the `ansible.builtin.` form
// of its name and of every alias is known without listing it. An Ansible module whose job it does
// but whose arguments differ is a hint in ansible-equivalents.ts, never an alias.
import type { ModuleCatalog, ModuleDefinition } from '../core/module.js';
import { ansibleEquivalentHint } from './ansible-equivalents.js';
import { aptKeyModule } from './apt-key/index.js';
import { aptRepositoryModule } from './apt-repository/index.js';
import { deb822RepositoryModule } from './deb822-repository/index.js';
import { authorizedKeyModule } from './authorized-key/index.js';
import { cronModule } from './cron/index.js';
import { otherPlatformModule } from './other-platforms.js';
import { commandModule } from './command/index.js';
import { copyModule } from './copy/index.js';
import { fetchModule } from './fetch/index.js';
import { fileModule } from './file/index.js';
import { findModule } from './find/index.js';
import { getentModule } from './getent/index.js';
import { getUrlModule } from './get-url/index.js';
import { uriModule } from './uri/index.js';
import { gitModule } from './git/index.js';
import { groupModule } from './group/index.js';
import { hostnameModule } from './hostname/index.js';
import { httpModule } from './http/index.js';
import { includeVarsModule } from './include-vars/index.js';
import { lineModule } from './line/index.js';
import { lineinfileModule } from './lineinfile/index.js';
import { blockinfileModule } from './blockinfile/index.js';
import { replaceModule } from './replace/index.js';
import { iniFileModule } from './ini-file/index.js';
import { mysqlDbModule } from './mysql-db/index.js';
import { mysqlGrantModule } from './mysql-grant/index.js';
import { mysqlReplicationModule } from './mysql-replication/index.js';
import { mysqlUserModule } from './mysql-user/index.js';
import { packageModule } from './package/index.js';
import { packageFactsModule } from './package-facts/index.js';
import { pauseModule } from './pause/index.js';
import { pingModule } from './ping/index.js';
import { setupModule } from './setup/index.js';
import { debugModule } from './debug/index.js';
import { assertModule } from './assert/index.js';
import { failModule } from './fail/index.js';
import { statModule } from './stat/index.js';
import { metaModule } from './meta/index.js';
import { slurpModule } from './slurp/index.js';
import { serviceModule } from './service/index.js';
import { serviceFactsModule } from './service-facts/index.js';
import { sysctlModule } from './sysctl/index.js';
import { pamdModule } from './pamd/index.js';
import { opensshKeypairModule } from './openssh-keypair/index.js';
import { timezoneModule } from './timezone/index.js';
import { pamLimitsModule } from './pam-limits/index.js';
import { mountModule } from './mount/index.js';
import { setFactModule } from './set-fact/index.js';
import { templateModule } from './template/index.js';
import { unarchiveModule } from './unarchive/index.js';
import { userModule } from './user/index.js';
import { waitForModule } from './wait-for/index.js';
import { zxModule } from './zx/index.js';
import { tencentcloudEipModule } from './tencentcloud-eip/index.js';
import { tencentcloudHavipModule } from './tencentcloud-havip/index.js';

const MODULES: ReadonlyArray<ModuleDefinition<any, any>> = [
  templateModule,
  copyModule,
  unarchiveModule,
  gitModule,
  fileModule,
  findModule,
  lineModule,
  lineinfileModule,
  blockinfileModule,
  replaceModule,
  iniFileModule,
  packageModule,
  packageFactsModule,
  aptRepositoryModule,
  aptKeyModule,
  deb822RepositoryModule,
  serviceModule,
  serviceFactsModule,
  getentModule,
  commandModule,
  mysqlDbModule,
  mysqlUserModule,
  mysqlGrantModule,
  mysqlReplicationModule,
  tencentcloudHavipModule,
  tencentcloudEipModule,
  httpModule,
  waitForModule,
  pingModule,
  pauseModule,
  setupModule,
  groupModule,
  userModule,
  authorizedKeyModule,
  sysctlModule,
  pamdModule,
  opensshKeypairModule,
  pamLimitsModule,
  cronModule,
  mountModule,
  hostnameModule,
  timezoneModule,
  setFactModule,
  includeVarsModule,
  debugModule,
  assertModule,
  failModule,
  statModule,
  metaModule,
  slurpModule,
  fetchModule,
  getUrlModule,
  uriModule,
  zxModule,
];

/** Ansible's fully qualified form of a builtin module's name (ansible-lint asks for it). */
const ANSIBLE_BUILTIN = 'ansible.builtin.';

export function createModuleCatalog(extra: ReadonlyArray<ModuleDefinition<any, any>> = []): ModuleCatalog {
  const catalog = catalogOf([...MODULES, ...extra]);
  return { ...catalog, names: () => catalog.names().sort() };
}

/**
 * A catalog of the given modules: each by its name, its aliases, and the `ansible.builtin.` form of
 * both (and their form in the module's own collection, `ansible.posix.sysctl`); its names (modules and aliases) in the order given.
 */
export function catalogOf(modules: ReadonlyArray<ModuleDefinition<any, any>>): ModuleCatalog {
  const byName = new Map<string, ModuleDefinition<any, any>>();
  for (const module of modules) {
    byName.set(module.name, module);
    // Under an alias the module goes by that name, so what is said about the task says what it says.
    for (const alias of module.aliases ?? []) byName.set(alias, { ...module, name: alias });
  }
  const names = [...byName.keys()];
  for (const name of names) {
    const module = byName.get(name)!;
    byName.set(ANSIBLE_BUILTIN + name, module);
    if (module.collection !== undefined) byName.set(`${module.collection}.${name}`, module);
  }
  return {
    get: (name) => byName.get(name),
    names: () => [...names],
    hintFor: (name) => ansibleEquivalentHint(name, (module) => byName.has(module)),
    // Such a task is read as Ansible's fail (runbook/read-task.ts): only a catalog with it has them.
    otherPlatform: (name) => (byName.has(name) || !byName.has('fail') ? undefined : otherPlatformModule(name)),
  };
}
