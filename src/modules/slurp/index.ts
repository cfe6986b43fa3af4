// The `slurp` module (Ansible's): a file's bytes, base64-encoded, for `register:`; read in the host's one fact exec.
import type { HostModule } from '../../core/module.js';
import { planSlurp, slurpFacts } from './plan.js';
import { slurpArgsSchema, type SlurpArgs } from './schema.js';

export const slurpModule: HostModule<SlurpArgs> = {
  name: 'slurp',
  summary: "Read a file's bytes (base64, up to 1 MiB) for register:; changes nothing",
  example: `- name: read the cluster token
  slurp:
    src: /etc/app/token
  register: token\n`,
  target: 'host',
  schema: slurpArgsSchema,
  facts: slurpFacts,
  plan: planSlurp,
};
