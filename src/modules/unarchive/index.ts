// The `unarchive` module (ansible.builtin): a tar archive of the controller or of the host, extracted into a folder of the host.
import type { ScriptModule } from '../../core/module.js';
import { applyUnarchive, planUnarchive, unarchiveFacts } from './plan.js';
import { prepareUnarchive, type PreparedUnarchive } from './prepare.js';
import { unarchiveArgsSchema, type UnarchiveArgs } from './schema.js';

// A script module: a controller archive has to be sent to the host before tar can compare it with
// dest (as Ansible's action transfers it on every run), which the one fact exec cannot carry. A
// host archive (remote_src) and `creates` are decided from the fact exec alone.
export const unarchiveModule: ScriptModule<UnarchiveArgs, PreparedUnarchive> = {
  name: 'unarchive',
  summary: 'Extract a tar archive (of the controller, or remote_src: of the host) into a folder of the host',
  example: `- name: unpack the release
  unarchive:
    src: app-1.2.tar.gz
    dest: /opt/app
    extra_opts: [--strip-components=1]
    owner: app
    creates: /opt/app/bin/app\n`,
  target: 'script',
  schema: unarchiveArgsSchema,
  prepare: prepareUnarchive,
  facts: unarchiveFacts,
  planScript: planUnarchive,
  applyScript: applyUnarchive,
};
