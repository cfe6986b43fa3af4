// The `get_url` module (ansible.builtin): a URL downloaded from the host itself (curl) to a file there, by get_url.py's rules.
import type { ScriptModule } from '../../core/module.js';
import { applyGetUrl } from './apply.js';
import { getUrlFacts, planGetUrl } from './plan.js';
import { getUrlArgsSchema, type GetUrlArgs } from './schema.js';

// A script module: planned purely from the host's one fact exec (dest's file and checksum facts, and
// the conditional HEAD get_url.py's If-Modified-Since amounts to), applied by curl on the host, whose
// outcome (the content differed or not) and result are known only then.
export const getUrlModule: ScriptModule<GetUrlArgs, GetUrlArgs> = {
  name: 'get_url',
  summary: 'Download a URL from the host to a file there (curl), replaced only when the content differs',
  example: `- name: the release tarball
  get_url:
    url: https://example.com/app-1.2.tar.gz
    dest: /opt/app-1.2.tar.gz
    checksum: sha256:2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae
    mode: "0644"\n`,
  target: 'script',
  schema: getUrlArgsSchema,
  facts: getUrlFacts,
  planScript: async (args, facts) => planGetUrl(args, facts),
  applyScript: applyGetUrl,
};
