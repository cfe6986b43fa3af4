// The JSON Schema of the small values plays and tasks take, as read-field.ts reads them.
import type { JsonSchema } from './json-schema.js';

/** readBoolean: a boolean, or yes/no/true/false in any case (YAML 1.2 keeps those as strings). */
export const BOOLEAN: JsonSchema = {
  anyOf: [{ type: ['boolean', 'null'] }, { type: 'string', pattern: '^([Yy][Ee][Ss]|[Nn][Oo]|[Tt][Rr][Uu][Ee]|[Ff][Aa][Ll][Ss][Ee])$' }],
};

/** readString: a string (a number is taken as its digits; nothing is as if absent). */
export const STRING: JsonSchema = { type: ['string', 'number', 'null'] };

/** readStringList: one string or a list of them. */
export const STRING_LIST: JsonSchema = { anyOf: [STRING, { type: 'array', items: STRING }] };

/** readMapping: a mapping of names to values (empty when absent). */
export const MAPPING: JsonSchema = { type: ['object', 'null'] };

/** A list the loader reads with readList (absent or null is empty). */
export function listOf(items: JsonSchema): JsonSchema {
  return { type: ['array', 'null'], items };
}
