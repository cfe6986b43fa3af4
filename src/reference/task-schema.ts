// The JSON Schema of one task (or handler, or verify check): the loader's task keywords plus exactly one module key.
import type { ModuleCatalog, ModuleDefinition } from '../core/module.js';
import { LOOP_LOOKUP_NAMES, LOOP_LOOKUPS } from '../core/runbook.js';
import { BLOCK_KEYWORDS, BLOCK_LISTS } from '../runbook/read-block.js';
import { OPTIONS as TASK_KEYWORDS } from '../runbook/read-task.js';
import type { JsonSchema } from './json-schema.js';
import { BOOLEAN, listOf, MAPPING, STRING, STRING_LIST } from './keyword-schemas.js';
import { moduleArgsSchema } from './module-args-schema.js';
import { includeEntrySchema } from './include-schema.js';

export type TaskKind = 'task' | 'handler' | 'verify';
type TaskKeyword = (typeof TASK_KEYWORDS)[number];

/** An expression over rc, stdout and stderr, or a boolean (only modules that take it: command). */
/** changed_when/failed_when: a condition over the registered result, a boolean, or a list of them (all must hold). */
const OUTCOME_RULE: JsonSchema = {
  anyOf: [{ type: ['string', 'boolean'] }, { type: 'array', minItems: 1, items: { type: ['string', 'boolean'] } }],
  description: 'a condition over the registered result (or true/false; a list: all must hold)',
};
const LOOP: JsonSchema = { anyOf: [{ type: 'array' }, { type: 'string', pattern: '\\{\\{|\\{%' }], description: 'a list, or a template giving one' };

/**
 * Each keyword read-task.ts accepts, typed as it reads it. Keyed by its list, so a keyword added
 * there fails to compile here until it has a schema.
 */
const KEYWORDS: Record<TaskKeyword, JsonSchema> = {
  name: { ...STRING, description: 'what the task does, shown in the plan (handlers are notified by it)' },
  notify: { ...STRING_LIST, description: 'handlers (or listen topics) to run at the end of the play when this task changed something' },
  when: { anyOf: [STRING, { type: 'boolean' }, { type: 'array', items: STRING }], description: 'an expression; a list must all hold' },
  tags: STRING_LIST,
  become: BOOLEAN,
  become_user: STRING,
  register: { type: ['string', 'null'], pattern: '^[A-Za-z_][A-Za-z0-9_]*$', description: 'a variable name for the result' },
  check_mode: BOOLEAN,
  ignore_errors: BOOLEAN,
  loop: LOOP,
  loop_control: {
    type: ['object', 'null'],
    properties: { loop_var: STRING, label: STRING, index_var: STRING, extended: BOOLEAN, extended_allitems: BOOLEAN, pause: { type: ['number', 'string'] } },
    additionalProperties: false,
  },
  args: { ...MAPPING, description: 'more module arguments (Ansible: beside a free-form string)' },
  changed_when: OUTCOME_RULE,
  failed_when: OUTCOME_RULE,
  listen: { ...STRING_LIST, description: 'handlers only: topics that notify this handler' },
  vars: { ...MAPPING, description: "the task's own variables (above role and play vars, below registered results and -e)" },
  until: { anyOf: [STRING, { type: 'boolean' }, { type: 'array', items: STRING }], description: 'run again until this holds (with retries, delay)' },
  retries: { type: ['integer', 'string'], description: 'how many more runs until: gets (default 3)' },
  delay: { type: ['number', 'string'], description: 'seconds between the runs of until: (default 5)' },
  no_log: BOOLEAN,
  any_errors_fatal: BOOLEAN,
  run_once: BOOLEAN,
  delegate_to: STRING,
  delegate_facts: { const: false, description: 'refused when true: facts are per host here' },
  environment: { anyOf: [MAPPING, STRING], description: "variables exported for the task's commands" },
  timeout: { anyOf: [{ type: 'number', minimum: 0 }, { type: 'string', pattern: '^\\s*\\d+(\\.\\d+)?\\s*$' }, { type: 'null' }], description: 'seconds; 0 for none' },
};

const ANSIBLE_BUILTIN = 'ansible.builtin.';
/** `path=/srv state=directory`: every word a key=value pair, quotes keeping spaces (inline-args.ts). */
const KEY_VALUE_WORDS = `^\\s*${pair()}(\\s+${pair()})*\\s*$`;

function pair(): string {
  return `[A-Za-z_][A-Za-z0-9_]*=("[^"]*"|'[^']*'|[^\\s"'])*`;
}

/** The definitions a task needs: one per module (aliases point at their module's). */
export function moduleDefinitions(catalog: ModuleCatalog): Record<string, JsonSchema> {
  const defs: Record<string, JsonSchema> = {};
  for (const [, module] of moduleKeys(catalog)) defs[definitionName(module, catalog)] ??= moduleArgsSchema(module);
  return defs;
}

/** The task schema of this kind; module args point at moduleDefinitions' entries. */
export function taskSchema(catalog: ModuleCatalog, kind: TaskKind): JsonSchema {
  const keywords: Record<string, JsonSchema> = { ...KEYWORDS };
  if (kind !== 'handler') delete keywords.listen;
  const modules = moduleKeys(catalog);
  const properties: Record<string, JsonSchema> = { ...keywords, ...Object.fromEntries([...LOOP_LOOKUPS, ...Object.keys(LOOP_LOOKUP_NAMES)].map((l) => [`with_${l}`, LOOP])) };
  for (const [key, module] of modules) properties[key] = moduleValue(module, catalog);
  const schema: JsonSchema = {
    type: 'object',
    properties,
    additionalProperties: false,
    // Exactly one module: a task with two matches two branches, and oneOf refuses it.
    oneOf: modules.map(([key]) => oneModule(key)),
  };
  if (kind === 'handler') schema.required = ['name'];
  return schema;
}

/** `- meta: flush_handlers`, where a task list may cut its handlers (place-tasks.ts). */
export const FLUSH_HANDLERS: JsonSchema = {
  type: 'object',
  properties: { meta: { const: 'flush_handlers' }, name: STRING },
  required: ['meta'],
  additionalProperties: false,
};

/** Ansible's `block:` with `rescue:` and `always:`, lists of task list items; its keywords as a task's (read-block.ts). */
export const BLOCK: JsonSchema = {
  type: 'object',
  properties: {
    ...Object.fromEntries(BLOCK_LISTS.map((key) => [key, listOf({ $ref: '#/definitions/task_entry' })])),
    ...Object.fromEntries(BLOCK_KEYWORDS.map((key) => [key, KEYWORDS[key]])),
  },
  additionalProperties: false,
};

/**
 * A task list item: an include or role call, a flush point, a block (any of block, rescue, always:
 * Ansible's test), or a task (the meta actions that are tasks, end_host and the others, too).
 */
export function taskEntrySchema(taskRef: string): JsonSchema {
  const flush = { if: { type: 'object', required: ['meta'], properties: { meta: { const: 'flush_handlers' } } }, then: { $ref: '#/definitions/flush_handlers' }, else: { $ref: taskRef } };
  const task: JsonSchema = includeEntrySchema(flush);
  return { if: { type: 'object', anyOf: BLOCK_LISTS.map((key) => ({ required: [key] })) }, then: { $ref: '#/definitions/block' }, else: task };
}

/** Every key a task may name a module by, with its module: names, aliases and their ansible.builtin. forms. */
function moduleKeys(catalog: ModuleCatalog): Array<[string, ModuleDefinition<any, any>]> {
  return catalog.names().flatMap((name) => [name, ANSIBLE_BUILTIN + name]).map((key) => [key, catalog.get(key)!]);
}

/** `module_NAME` after the module itself, never an alias of it (the catalog gives an alias the alias's name). */
function definitionName(module: ModuleDefinition<any, any>, catalog: ModuleCatalog): string {
  const isAlias = (m: ModuleDefinition<any, any>) => (m.aliases ?? []).includes(m.name);
  const own = isAlias(module) ? catalog.names().map((n) => catalog.get(n)!).find((m) => m.schema === module.schema && !isAlias(m)) : module;
  return `module_${(own ?? module).name}`;
}

/** The value under a module key: its args mapping, a string (free form, or key=value words), or nothing. */
function moduleValue(module: ModuleDefinition<any, any>, catalog: ModuleCatalog): JsonSchema {
  // A free form with set values (meta's actions) keeps them: the editor lists them, as the loader checks them.
  const arg = module.freeForm ? (moduleArgsSchema(module).properties as Record<string, JsonSchema> | undefined)?.[module.freeForm.arg] : undefined;
  const choices = arg?.enum ?? (arg?.anyOf as JsonSchema[] | undefined)?.find((branch) => branch.enum !== undefined)?.enum;
  const words: JsonSchema = module.freeForm
    ? { type: 'string', ...(choices ? { enum: choices } : {}), description: `the ${module.freeForm.arg} argument (Ansible's free form)` }
    : { type: 'string', pattern: KEY_VALUE_WORDS, description: 'key=value words (Ansible\'s inline arguments)' };
  return {
    description: `${module.summary} (\`runbook doc ${module.name}\`)`,
    anyOf: [{ $ref: `#/definitions/${definitionName(module, catalog)}` }, words, { type: 'null' }],
  };
}

function oneModule(key: string): JsonSchema {
  return { required: [key] };
}
