// The `file` module: directories, removal, empty files, and mode/owner/group of existing paths.
import type { HostModule } from '../../core/module.js';
import { withSelinuxContext } from '../lib/selinux-context.js';
import { planFile } from './plan.js';
import { linkFacts } from './plan-link.js';
import { fileArgsSchema, type FileArgs } from './schema.js';

export const fileModule: HostModule<FileArgs> = withSelinuxContext({
  name: 'file',
  summary: 'Manage a path: directory, absent, touch, symbolic or hard link, or the mode/owner/group of a file',
  example: `- name: data directory
  file:
    path: /srv/app
    state: directory
    owner: www-data
    mode: "0755"\n`,
  target: 'host',
  schema: fileArgsSchema,
  facts: (args) => (args.state === 'link' || args.state === 'hard' ? linkFacts(args) : [{ kind: 'file', path: args.path }]),
  plan: planFile,
});
