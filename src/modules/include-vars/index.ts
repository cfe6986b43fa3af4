// The `include_vars` module (Ansible's): variables from files read at load, set on the host for the rest of the run.
import type { HostModule } from '../../core/module.js';
import { planIncludeVars, prepareIncludeVars } from './plan.js';
import { includeVarsArgsSchema, type IncludedVars, type IncludeVarsArgs } from './schema.js';

export const includeVarsModule: HostModule<IncludeVarsArgs, IncludedVars> = {
  name: 'include_vars',
  summary: 'Set variables from a YAML file (or a folder of them) read at load, for the rest of the run; changes nothing',
  example: `- name: the OS family's variables
  include_vars: "{{ ansible_os_family }}.yml"\n`,
  target: 'host',
  schema: includeVarsArgsSchema,
  freeForm: { arg: 'file' },
  prepare: prepareIncludeVars,
  facts: () => [],
  plan: planIncludeVars,
  setsVars: (prepared) => prepared.vars,
};
