// The JSON Schema of a play and a role entry, keyed by the loader's own keyword lists (read-play.ts, role-definition.ts).
import type { JsonSchema } from './json-schema.js';
import { BOOLEAN, listOf, MAPPING, STRING, STRING_LIST } from './keyword-schemas.js';

const TASKS = listOf({ $ref: '#/definitions/task_entry' });
const SERIAL_ONE: JsonSchema = { anyOf: [{ type: 'integer', minimum: 1 }, { type: 'string', pattern: '^([1-9]\\d*|0*[1-9]\\d*|\\d+(\\.\\d+)?%)$' }] };

/** Each play key read-play.ts accepts (PLAY_KEYS; a test keeps the two lists equal), typed as it reads it. */
export const PLAY: Record<string, JsonSchema> = {
  name: STRING,
  hosts: { anyOf: [{ type: ['string', 'number'] }, { type: 'array', items: { type: ['string', 'number'] } }], description: 'a group, a host or a pattern ("web:&prod", "!lb2")' },
  vars: MAPPING,
  vars_files: STRING_LIST,
  roles: listOf({ $ref: '#/definitions/role_entry' }),
  pre_tasks: TASKS,
  tasks: TASKS,
  post_tasks: TASKS,
  handlers: listOf({ $ref: '#/definitions/handler' }),
  serial: { anyOf: [SERIAL_ONE, { type: 'array', items: SERIAL_ONE }, { type: 'null' }], description: 'rolling batches: a size, a percentage, or a list of those' },
  max_fail_percentage: { type: ['number', 'null'], minimum: 0, maximum: 100 },
  verify: listOf({ $ref: '#/definitions/verify' }),
  become: BOOLEAN,
  become_user: STRING,
  tags: STRING_LIST,
  any_errors_fatal: BOOLEAN,
  environment: { anyOf: [MAPPING, STRING], description: "variables exported for every task's commands" },
  remote_user: { ...STRING, description: "the user for the play's hosts whose inventory names none" },
  connection: { enum: ['ssh', 'local'], description: 'for hosts whose inventory says none' },
  strategy: { enum: ['linear', 'free'], description: 'accepted; hosts run side by side per task list either way' },
  order: { enum: ['inventory', 'reverse_inventory', 'sorted', 'reverse_sorted', 'shuffle'] },
  gather_facts: { anyOf: [{ type: 'boolean' }, { type: 'null' }, { type: 'string', pattern: '^([Yy][Ee][Ss]|[Nn][Oo]|[Tt][Rr][Uu][Ee]|[Ff][Aa][Ll][Ss][Ee]|[Oo][Nn]|[Oo][Ff][Ff])$' }], description: "Ansible's facts, in the one fact exec: true gathers them, false never; unset, only when a task reads them" },
};

export const PLAY_SCHEMA: JsonSchema = {
  type: 'object',
  properties: PLAY,
  required: ['hosts'],
  additionalProperties: false,
};

/** `- import: other.yaml` (or Ansible's import_playbook), and nothing else in that entry. */
export const IMPORT_SCHEMA: JsonSchema = {
  type: 'object',
  properties: { import: { type: 'string', minLength: 1 }, import_playbook: { type: 'string', minLength: 1 } },
  minProperties: 1,
  maxProperties: 1,
  additionalProperties: false,
};

/** `- NAME`, or `- role: NAME` with keywords and its parameters as sibling keys. */
export const ROLE_ENTRY_SCHEMA: JsonSchema = {
  anyOf: [
    { type: 'string' },
    {
      type: 'object',
      properties: { role: { type: ['string', 'number'] }, name: STRING, tags: STRING_LIST, when: STRING, become: BOOLEAN, vars: MAPPING, environment: { anyOf: [MAPPING, STRING] }, any_errors_fatal: BOOLEAN },
      anyOf: [{ required: ['role'] }, { required: ['name'] }],
      additionalProperties: { description: 'a parameter of the role' },
    },
  ],
};
