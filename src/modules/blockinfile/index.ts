// The `blockinfile` module: Ansible's, a block of lines between marker lines, planned from the file's fact.
import type { HostModule } from '../../core/module.js';
import { withSelinuxContext } from '../lib/selinux-context.js';
import { editedFileFacts } from '../lib/plan-edited-file.js';
import { planBlockinfile } from './plan.js';
import { blockinfileArgsSchema, type BlockinfileArgs } from './schema.js';

export const blockinfileModule: HostModule<BlockinfileArgs> = withSelinuxContext({
  name: 'blockinfile',
  summary: "Ansible's blockinfile: insert, update or remove a block of lines between marker lines",
  example: `- name: upstream servers
  blockinfile:
    path: /etc/nginx/conf.d/upstream.conf
    insertafter: '^upstream app'
    block: |
      server 10.0.4.21:8080;
      server 10.0.4.22:8080;\n`,
  target: 'host',
  schema: blockinfileArgsSchema,
  facts: (args) => editedFileFacts(args.path, args.create),
  plan: planBlockinfile,
});
