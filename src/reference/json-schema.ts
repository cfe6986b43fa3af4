// The JSON Schema values this folder builds: draft-07, the dialect VS Code's YAML extension and ajv both read fully.

/** A JSON Schema node: plain JSON data, kept loose on purpose (zod's output and ours both fit). */
export type JsonSchema = { [key: string]: unknown };

export const JSON_SCHEMA_DIALECT = 'http://json-schema.org/draft-07/schema#';

/** Where `{{ }}` values point in every document: one definition, referenced. */
export const TEMPLATED_REF = '#/definitions/templated';

/** A string holding `{{ }}` or `{% %}`: known only after rendering (read-field.ts's isTemplated). */
export const TEMPLATED: JsonSchema = {
  type: 'string',
  pattern: '\\{\\{|\\{%',
  description: 'a Nunjucks template, checked after rendering',
};

/** The node, or a templated string in its place. */
export function orTemplated(node: JsonSchema): JsonSchema {
  return { anyOf: [node, { $ref: TEMPLATED_REF }] };
}
