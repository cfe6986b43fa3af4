// ajv over the editor schemas, and YAML files read as an editor sees them (a !secret is a tagged string).
import { readFileSync } from 'node:fs';
import { Ajv, type ValidateFunction } from 'ajv';
import { createModuleCatalog } from '../../src/modules/registry.js';
import { parseYaml } from '../../src/runbook/parse-yaml.js';
import { editorSchema, SCHEMA_KINDS, type SchemaKind } from '../../src/reference/editor-schemas.js';

const ajv = new Ajv({ allErrors: true, allowUnionTypes: true });
const catalog = createModuleCatalog();
const validators = new Map<SchemaKind, ValidateFunction>(SCHEMA_KINDS.map((kind) => [kind, ajv.compile(editorSchema(kind, catalog))]));

/** Every `!env NAME` reads as set, so only the shape is judged. */
const anyEnv = new Proxy({}, { get: () => 'value', has: () => true }) as NodeJS.ProcessEnv;

/** The YAML text as JSON data: secrets become the string they print as. */
export function yamlData(text: string, file = 'inline.yaml'): unknown {
  const parsed = parseYaml(text, file, anyEnv);
  if (parsed.issues.length > 0) throw new Error(`${file}: ${parsed.issues.map((i) => i.message).join('; ')}`);
  return JSON.parse(JSON.stringify(parsed.value ?? null));
}

/** The schema's problems with the data ([] when it is valid). */
export function schemaProblems(kind: SchemaKind, data: unknown): string[] {
  const validate = validators.get(kind)!;
  if (validate(data)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`);
}

export function fileProblems(kind: SchemaKind, file: string): string[] {
  return schemaProblems(kind, yamlData(readFileSync(file, 'utf8'), file));
}
