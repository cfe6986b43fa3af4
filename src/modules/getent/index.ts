// The `getent` module (Ansible's): a name service database read into `getent_<database>` (and `ansible_facts.getent_<database>`) for the later tasks.
import type { HostModule } from '../../core/module.js';
import { getentFacts, planGetent } from './plan.js';
import { getentArgsSchema, type GetentArgs } from './schema.js';

export const getentModule: HostModule<GetentArgs> = {
  name: 'getent',
  summary: 'Read a name service database (passwd, group, shadow, hosts, ...) into `getent_<database>`; changes nothing',
  example: `- name: read the accounts
  getent:
    database: passwd
- name: show the home of each account with a uid of 1000 or more
  debug: { msg: "{{ item }}: {{ getent_passwd[item][4] }}" }
  loop: "{{ getent_passwd.keys() | list }}"
  when: getent_passwd[item][1] | int >= 1000\n`,
  target: 'host',
  schema: getentArgsSchema,
  facts: getentFacts,
  plan: planGetent,
  // The fact's name is the database's: a templated one is known only when the task runs.
  setsFacts: (written) => (typeof written.database === 'string' && !written.database.includes('{{') ? [`getent_${written.database}`] : []),
};
