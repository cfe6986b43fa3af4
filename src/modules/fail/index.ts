// The `fail` module (Ansible's): the host fails with a message, usually under a when:; runs nothing there.
import type { HostModule } from '../../core/module.js';
import { failFacts, planFail } from './plan.js';
import { failArgsSchema, type FailArgs } from './schema.js';

export const failModule: HostModule<FailArgs> = {
  name: 'fail',
  summary: 'Fail the host with a message (under a when:); changes nothing',
  example: `- name: refuse an unsupported OS
  fail:
    msg: "{{ ansible_distribution }} is not supported"
  when: ansible_os_family != 'Debian'\n`,
  target: 'host',
  schema: failArgsSchema,
  facts: failFacts,
  plan: planFail,
};
