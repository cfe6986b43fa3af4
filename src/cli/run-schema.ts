// `runbook schema [KIND]`: the JSON Schemas of runbooks, task and handler files, inventories and role defaults.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { UsageError } from '../core/errors.js';
import { projectDist } from '../lab/lab-script-path.js';
import { createModuleCatalog } from '../modules/registry.js';
import { editorSchema, SCHEMA_FILES, SCHEMA_KINDS, type SchemaKind } from '../reference/editor-schemas.js';
import type { CliIO } from './cli-io.js';

/** The file a kind's schema is written to, in `dir` (the build writes dist/schema/). */
export function schemaFileName(kind: SchemaKind): string {
  return `${kind}.schema.json`;
}

/** dist/schema/ of this installation: where the build wrote the schemas. */
export function installedSchemaDir(): string {
  return join(projectDist(import.meta.url), 'schema');
}

export async function runSchema(kind: string | undefined, flags: { write?: string }, io: CliIO): Promise<number> {
  const catalog = createModuleCatalog();
  if (flags.write !== undefined) {
    const dir = resolve(io.cwd, flags.write);
    mkdirSync(dir, { recursive: true });
    for (const k of SCHEMA_KINDS) writeFileSync(join(dir, schemaFileName(k)), `${JSON.stringify(editorSchema(k, catalog), null, 2)}\n`);
    io.stdout.write(`wrote ${SCHEMA_KINDS.length} schemas to ${flags.write}\n`);
    return 0;
  }
  if (kind === undefined) {
    const dir = installedSchemaDir();
    const lines = SCHEMA_KINDS.map((k) => `  ${k.padEnd(10)} ${SCHEMA_FILES[k].padEnd(26)} ${join(dir, schemaFileName(k))}`);
    io.stdout.write(`JSON Schemas (print one with \`runbook schema KIND\`):\n${lines.join('\n')}\n`);
    return 0;
  }
  if (!(SCHEMA_KINDS as readonly string[]).includes(kind)) throw new UsageError(`no schema "${kind}": one of ${SCHEMA_KINDS.join(", ")}`);
  io.stdout.write(`${JSON.stringify(editorSchema(kind as SchemaKind, catalog), null, 2)}\n`);
  return 0;
}
