// The `debug` module (Ansible's): shows a message or a variable's value for each host; changes nothing, runs nothing there.
import type { HostModule } from '../../core/module.js';
import { debugFacts, planDebug, prepareDebug } from './plan.js';
import { debugArgsSchema, type DebugArgs, type PreparedDebug } from './schema.js';

export const debugModule: HostModule<DebugArgs, PreparedDebug> = {
  name: 'debug',
  summary: 'Show a message or a variable for each host (plan and apply); changes nothing',
  example: `- name: say where it goes
  debug:
    msg: "deploying {{ inventory_hostname }}"\n`,
  target: 'host',
  schema: debugArgsSchema,
  prepare: prepareDebug,
  facts: debugFacts,
  plan: planDebug,
};
