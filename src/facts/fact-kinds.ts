// Every fact kind, by the name a request gives: what gathering, the planner's overlay and the apply's re-plan dispatch on.
import type { FactKind, FactRequestOf } from '../core/facts.js';
import { aptKind } from './apt.js';
import { aptKeysKind } from './apt-keys.js';
import { archiveKind } from './archive.js';
import { commandKind } from './command.js';
import type { FactKindDefinition } from './fact-kind.js';
import { fileKind } from './file.js';
import { filesKind } from './files.js';
import { findKind } from './find.js';
import { gitKind } from './git.js';
import { groupKind } from './group.js';
import { hostKind } from './host.js';
import { mountKind } from './mount.js';
import { packageKind } from './package.js';
import { packagesKind } from './packages.js';
import { serviceKind } from './service.js';
import { servicesKind } from './services.js';
import { userKind } from './user.js';
import { statKind } from './stat.js';

/**
 * A new fact kind goes here: one file + one entry (after its request and answer types in
 * core/facts.ts's FactKinds, which core's contracts name; the mapped type then asks for the entry).
 */
export const FACT_KINDS: { readonly [K in FactKind]: FactKindDefinition<K> } = {
  apt: aptKind,
  aptKeys: aptKeysKind,
  archive: archiveKind,
  command: commandKind,
  file: fileKind,
  files: filesKind,
  find: findKind,
  git: gitKind,
  group: groupKind,
  host: hostKind,
  mount: mountKind,
  package: packageKind,
  packages: packagesKind,
  service: serviceKind,
  services: servicesKind,
  user: userKind,
  stat: statKind,
};

/** The kind of a request, typed for it. */
export function kindOf<K extends FactKind>(request: FactRequestOf<K>): FactKindDefinition<K> {
  return FACT_KINDS[request.kind];
}

/** A stable key for a request, so equal requests from several tasks are gathered once: `file:/etc/motd`. */
export function factKey<K extends FactKind>(request: FactRequestOf<K>): string {
  return `${request.kind}:${kindOf(request).key(request)}`;
}
