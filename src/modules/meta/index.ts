// The `meta` module (Ansible's) for the actions that are tasks: end_host, end_play (usually under a when:) and noop.
import type { HostModule } from '../../core/module.js';
import { metaFacts, planMeta } from './plan.js';
import { metaArgsSchema, type MetaArgs } from './schema.js';

export const metaModule: HostModule<MetaArgs> = {
  name: 'meta',
  summary: 'End the play for a host (end_host) or every host (end_play) without failing; noop',
  example: `- name: nothing more to do on a host that is already migrated
  meta: end_host
  when: ansible_local is defined\n`,
  target: 'host',
  schema: metaArgsSchema,
  freeForm: { arg: 'free_form' },
  mayEndPlay: (written) => written.free_form === 'end_play',
  facts: metaFacts,
  plan: planMeta,
};
