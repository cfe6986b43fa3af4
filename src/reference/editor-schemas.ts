// The JSON Schemas `runbook schema` prints and the build writes to dist/schema/: one per kind of file a project holds.
import type { ModuleCatalog } from '../core/module.js';
import { JSON_SCHEMA_DIALECT, type JsonSchema, TEMPLATED } from './json-schema.js';
import { defaultsSchema, inventorySchema } from './inventory-schema.js';
import { IMPORT_SCHEMA, PLAY_SCHEMA, ROLE_ENTRY_SCHEMA } from './play-schema.js';
import { includeDefinitions } from './include-schema.js';
import { BLOCK, FLUSH_HANDLERS, moduleDefinitions, taskEntrySchema, taskSchema } from './task-schema.js';

export const SCHEMA_KINDS = ['runbook', 'tasks', 'handlers', 'inventory', 'defaults'] as const;
export type SchemaKind = (typeof SCHEMA_KINDS)[number];

/** Which files each schema is for (README and `runbook schema --help` say the same). */
export const SCHEMA_FILES: Record<SchemaKind, string> = {
  runbook: 'runbooks/*.yaml',
  tasks: 'roles/*/tasks/*.yaml',
  handlers: 'roles/*/handlers/*.yaml',
  inventory: 'inventory/*.yaml',
  defaults: 'roles/*/defaults/*.yaml',
};

export function editorSchema(kind: SchemaKind, catalog: ModuleCatalog): JsonSchema {
  switch (kind) {
    case 'runbook':
      return withTaskDefinitions(catalog, 'runbook (a play, or a list of plays and imports)', {
        anyOf: [{ $ref: '#/definitions/play' }, { type: 'array', items: { $ref: '#/definitions/runbook_entry' } }],
      });
    case 'tasks':
      return withTaskDefinitions(catalog, "runbook task list (a role's tasks/)", { type: ['array', 'null'], items: { $ref: '#/definitions/task_entry' } });
    case 'handlers':
      return withTaskDefinitions(catalog, "runbook handler list (a role's handlers/)", { type: ['array', 'null'], items: { $ref: '#/definitions/handler' } });
    case 'inventory':
      return inventorySchema();
    case 'defaults':
      return defaultsSchema();
  }
}

/** The document around `root`, with every definition a play, task or handler refers to. */
function withTaskDefinitions(catalog: ModuleCatalog, title: string, root: JsonSchema): JsonSchema {
  return {
    $schema: JSON_SCHEMA_DIALECT,
    title,
    ...root,
    definitions: {
      runbook_entry: {
        if: { type: 'object', anyOf: [{ required: ['import'] }, { required: ['import_playbook'] }] },
        then: { $ref: '#/definitions/import' },
        else: { $ref: '#/definitions/play' },
      },
      import: IMPORT_SCHEMA,
      play: PLAY_SCHEMA,
      role_entry: ROLE_ENTRY_SCHEMA,
      task_entry: taskEntrySchema('#/definitions/task'),
      flush_handlers: FLUSH_HANDLERS,
      block: BLOCK,
      ...includeDefinitions(),
      task: taskSchema(catalog, 'task'),
      handler: taskSchema(catalog, 'handler'),
      verify: taskSchema(catalog, 'verify'),
      templated: TEMPLATED,
      ...moduleDefinitions(catalog),
    },
  };
}
