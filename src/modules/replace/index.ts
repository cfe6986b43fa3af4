// The `replace` module: Ansible's, every match of a Python regexp replaced, planned from the file's fact.
import type { HostModule } from '../../core/module.js';
import { withSelinuxContext } from '../lib/selinux-context.js';
import { editedFileFacts } from '../lib/plan-edited-file.js';
import { planReplace } from './plan.js';
import { replaceArgsSchema, type ReplaceArgs } from './schema.js';

export const replaceModule: HostModule<ReplaceArgs> = withSelinuxContext({
  name: 'replace',
  summary: "Ansible's replace: replace every match of a regular expression (Python syntax) in a file",
  example: `- name: old host name
  replace:
    path: /etc/app.conf
    regexp: '\\bold\\.example\\.com\\b'
    replace: new.example.com\n`,
  target: 'host',
  schema: replaceArgsSchema,
  facts: (args) => editedFileFacts(args.path, false),
  plan: planReplace,
});
