// The `uri` module (ansible.builtin): one HTTP request made from the host (curl), its answer registered as uri.py does.
import type { ScriptModule } from '../../core/module.js';
import { applyUri, planUri, uriFacts } from './plan.js';
import { uriArgsSchema, type UriArgs } from './schema.js';

export const uriModule: ScriptModule<UriArgs, UriArgs> = {
  name: 'uri',
  summary: 'Make an HTTP request from the host and register its answer (status, headers, json, content)',
  example: `- name: the API answers
  uri:
    url: http://127.0.0.1:8080/api/health
    return_content: true
    status_code: [200, 204]
  register: health\n`,
  target: 'script',
  schema: uriArgsSchema,
  facts: uriFacts,
  planScript: async (args, facts) => planUri(args, facts),
  applyScript: applyUri,
};
