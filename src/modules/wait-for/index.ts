// The `wait_for` module: waits until a port is open (or closed); a read-only check for `verify:`.
import type { HostModule } from '../../core/module.js';
import { planWaitFor, waitForFacts } from './plan.js';
import { waitForArgsSchema, type WaitForArgs } from './schema.js';

export const waitForModule: HostModule<WaitForArgs> = {
  name: 'wait_for',
  summary: 'Wait until a TCP port accepts connections (or stops); changes nothing',
  example: `- name: nginx listens
  wait_for:
    port: 80
    timeout: 30\n`,
  target: 'host',
  schema: waitForArgsSchema,
  facts: waitForFacts,
  plan: planWaitFor,
};
