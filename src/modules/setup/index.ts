// The `setup` module (Ansible's fact gathering): runbook reads Ansible's facts whenever a task uses them, in
// the same single exec per host; an explicit setup task reads them too, and changes nothing.
import type { HostModule } from '../../core/module.js';
import { planSetup, setupFacts } from './plan.js';
import { setupArgsSchema, type SetupArgs } from './schema.js';

export const setupModule: HostModule<SetupArgs> = {
  name: 'setup',
  summary: "Read Ansible's facts of the host (they are also read whenever a task uses them); changes nothing",
  example: `- name: gather facts
  setup: {}\n`,
  target: 'host',
  schema: setupArgsSchema,
  facts: setupFacts,
  plan: planSetup,
};
