// The `set_fact` module (Ansible's): variables set on the host for the rest of the run; no exec, never a change.
import type { HostModule } from '../../core/module.js';
import { factsSet, planSetFact, renderNames } from './plan.js';
import { setFactArgsSchema, type SetFactArgs } from './schema.js';

export const setFactModule: HostModule<SetFactArgs> = {
  name: 'set_fact',
  summary: 'Set variables on the host for the rest of the run (registered-result precedence); changes nothing',
  example: `- name: remember the port
  set_fact:
    app_port: 8080
    app_url: "http://{{ inventory_hostname }}:8080"\n`,
  target: 'host',
  schema: setFactArgsSchema,
  prepare: renderNames,
  facts: () => [],
  plan: planSetFact,
  setsVars: factsSet,
};
