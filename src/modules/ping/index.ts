// The `ping` module (Ansible's): proves the host is reachable and its shell runs, at no extra round trip.
import type { HostModule } from '../../core/module.js';
import { pingFacts, planPing } from './plan.js';
import { pingArgsSchema, type PingArgs } from './schema.js';

export const pingModule: HostModule<PingArgs> = {
  name: 'ping',
  summary: 'Check that the host answers and runs a shell; changes nothing',
  example: `- name: the host answers
  ping: {}\n`,
  target: 'host',
  schema: pingArgsSchema,
  facts: pingFacts,
  plan: planPing,
};
