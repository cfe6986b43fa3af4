// The `fetch` module (Ansible's): a file of the host copied to the controller when the copy there differs.
import type { ScriptModule } from '../../core/module.js';
import { applyFetch, fetchFacts, planFetch } from './plan.js';
import { fetchArgsSchema, type FetchArgs } from './schema.js';

export const fetchModule: ScriptModule<FetchArgs, FetchArgs> = {
  name: 'fetch',
  summary: 'Copy a file of the host to the controller (under dest/HOST/SRC, or dest itself with flat)',
  example: `- name: keep each host's nginx.conf
  fetch:
    src: /etc/nginx/nginx.conf
    dest: /srv/backups/fetched\n`,
  target: 'script',
  schema: fetchArgsSchema,
  facts: fetchFacts,
  planScript: planFetch,
  applyScript: applyFetch,
};
