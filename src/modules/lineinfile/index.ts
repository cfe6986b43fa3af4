// The `lineinfile` module: Ansible's, with its arguments and its edge cases, planned from the file's fact.
import type { HostModule } from '../../core/module.js';
import { withSelinuxContext } from '../lib/selinux-context.js';
import { editedFileFacts } from '../lib/plan-edited-file.js';
import { planLineinfile } from './plan.js';
import { lineinfileArgsSchema, type LineinfileArgs } from './schema.js';

export const lineinfileModule: HostModule<LineinfileArgs> = withSelinuxContext({
  name: 'lineinfile',
  summary: "Ansible's lineinfile: ensure a line is present (replacing the last regexp match) or absent",
  example: `- name: listen on the private address
  lineinfile:
    path: /etc/mysql/my.cnf
    regexp: '^bind-address'
    line: bind-address = 10.0.4.20\n`,
  target: 'host',
  schema: lineinfileArgsSchema,
  facts: (args) => editedFileFacts(args.path, args.create),
  plan: planLineinfile,
});
