// The `assert` module (Ansible's): the host fails unless every condition holds; changes nothing, runs nothing there.
import type { HostModule } from '../../core/module.js';
import { assertFacts, planAssert, prepareAssert } from './plan.js';
import { assertArgsSchema, type AssertArgs, type PreparedAssert } from './schema.js';

export const assertModule: HostModule<AssertArgs, PreparedAssert> = {
  name: 'assert',
  summary: 'Fail the host unless every condition holds (evaluated as when: is); changes nothing',
  example: `- name: enough memory for the buffer pool
  assert:
    that: ansible_memtotal_mb >= 1024
    fail_msg: "{{ inventory_hostname }} has too little memory"\n`,
  target: 'host',
  schema: assertArgsSchema,
  prepare: prepareAssert,
  facts: assertFacts,
  plan: planAssert,
};
