// The JSON Schema of the task list items that are no tasks: import_tasks/include_tasks and import_role/include_role, as read-task-list.ts reads them.
import { APPLY_KEYS, DYNAMIC_KEYS, STATIC_KEYS } from '../runbook/include-keywords.js';
import { ROLE_ARGS } from '../runbook/read-task-list.js';
import type { JsonSchema } from './json-schema.js';
import { BOOLEAN, MAPPING, STRING, STRING_LIST } from './keyword-schemas.js';

const LOOP: JsonSchema = { anyOf: [{ type: 'array' }, { type: 'string', pattern: '\\{\\{|\\{%' }], description: 'a list, or a template giving one' };

/** The keywords of an include or role call, typed as the loader reads them. */
const KEYWORDS: Record<string, JsonSchema> = {
  name: STRING,
  when: { anyOf: [STRING, { type: 'boolean' }, { type: 'array', items: STRING }] },
  tags: STRING_LIST,
  become: BOOLEAN,
  become_user: STRING,
  vars: MAPPING,
  loop: LOOP,
  with_items: LOOP,
  loop_control: { type: ['object', 'null'], properties: { loop_var: STRING, label: STRING }, additionalProperties: false },
  apply: {
    type: ['object', 'null'],
    properties: Object.fromEntries(APPLY_KEYS.map((k) => [k, k === 'become' ? BOOLEAN : k === 'vars' ? MAPPING : k === 'tags' ? STRING_LIST : STRING])),
    additionalProperties: false,
    description: 'keywords given to every included task',
  },
};

const FILE: JsonSchema = { type: 'string', minLength: 1, description: 'the task file, beside this one or in the role\'s tasks/; a {{ template }} picks among the files it may name, per host' };

const ROLE_ARG_SCHEMAS: Record<string, JsonSchema> = Object.fromEntries(ROLE_ARGS.map((a) => [a, a === 'allow_duplicates' || a === 'public' || a === 'rolespec_validate' ? BOOLEAN : a === 'apply' ? KEYWORDS.apply! : STRING]));

const PREFIXES = ['', 'ansible.builtin.', 'ansible.legacy.'];

/** One definition per form, keyed by its definition name; `entryOf` picks one by the key an item has. */
export function includeDefinitions(): Record<string, JsonSchema> {
  const tasks = (word: string, keys: string[], takesApply: boolean): JsonSchema => ({
    type: 'object',
    properties: {
      ...Object.fromEntries(keys.map((k) => [k, KEYWORDS[k]!])),
      args: { type: 'object', properties: { file: FILE, ...(takesApply ? { apply: KEYWORDS.apply! } : {}) }, additionalProperties: false, description: "Ansible's older form of the file and apply" },
      ...Object.fromEntries(PREFIXES.map((p) => [p + word, { anyOf: [FILE, { type: 'null' }, { type: 'object', properties: { file: FILE, ...(takesApply ? { apply: KEYWORDS.apply! } : {}) }, required: ['file'], additionalProperties: false }] }])),
    },
    additionalProperties: false,
  });
  const role = (word: string, keys: string[], takesApply: boolean): JsonSchema => {
    const args = Object.fromEntries(Object.entries(ROLE_ARG_SCHEMAS).filter(([k]) => takesApply || k !== 'apply'));
    return {
      type: 'object',
      properties: {
        ...Object.fromEntries(keys.map((k) => [k, KEYWORDS[k]!])),
        ...Object.fromEntries(PREFIXES.map((p) => [p + word, { type: 'object', properties: args, required: ['name'], additionalProperties: false }])),
      },
      additionalProperties: false,
    };
  };
  return {
    import_tasks: tasks('import_tasks', STATIC_KEYS, false),
    include_tasks: tasks('include_tasks', DYNAMIC_KEYS, true),
    import_role: role('import_role', STATIC_KEYS, false),
    include_role: role('include_role', DYNAMIC_KEYS, true),
  };
}

/** A task list item: the include or role call its key names, else `otherwise` (a meta entry or a task). */
export function includeEntrySchema(otherwise: JsonSchema): JsonSchema {
  return Object.keys(includeDefinitions()).reduceRight<JsonSchema>(
    (rest, word) => ({ if: { type: 'object', anyOf: PREFIXES.map((p) => ({ required: [p + word] })) }, then: { $ref: `#/definitions/${word}` }, else: rest }),
    otherwise,
  );
}
