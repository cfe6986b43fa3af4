// A module's zod args schema -> the JSON Schema of its arguments as written in a task.
import * as z from 'zod';
import type { ModuleDefinition } from '../core/module.js';
import { flag } from '../modules/lib/arg-types.js';
import { type JsonSchema, orTemplated } from './json-schema.js';

/** How a value that may be a Secret is described (`runbook doc` shows it as `string | secret`). */
export const SECRET_TEXT = 'a string, or a secret: !secret "..." or !env NAME';

/** The words `flag` (modules/lib/arg-types.ts) reads as booleans besides true and false. */
export const FLAG_WORDS = ['yes', 'no', 'true', 'false', 'on', 'off', 'Yes', 'No', 'True', 'False', 'On', 'Off', 'YES', 'NO', 'TRUE', 'FALSE', 'ON', 'OFF'];

/**
 * The args as a task writes them (zod's input side): a Secret (`!secret`, `!env`) is a tagged
 * string to an editor; a flag is a boolean or an Ansible yes/no word; every value below the top may
 * be a template instead (the loader checks those only after rendering: check-args.ts).
 */
export function moduleArgsSchema(module: ModuleDefinition<any, any>): JsonSchema {
  return widenBelowTop(plainArgsSchema(module));
}

/** The args as written, without the templates every value may also be (what `runbook doc` lists). */
export function plainArgsSchema(module: ModuleDefinition<any, any>): JsonSchema {
  const generated = z.toJSONSchema(module.schema as unknown as z.ZodType, {
    io: 'input',
    target: 'draft-7',
    unrepresentable: 'any',
    override: (ctx) => {
      const def = (ctx.zodSchema as { _zod: { def: { type: string } } })._zod.def;
      if (ctx.zodSchema === flag) replace(ctx.jsonSchema, { anyOf: [{ type: 'boolean' }, { type: 'string', enum: FLAG_WORDS }] });
      else if (def.type === 'custom') replace(ctx.jsonSchema, { type: 'string', description: SECRET_TEXT });
    },
  }) as JsonSchema;
  delete generated.$schema;
  return generated;
}

function replace(target: JsonSchema, by: JsonSchema): void {
  for (const key of Object.keys(target)) delete target[key];
  Object.assign(target, by);
}

/** The object's properties (and their items, at any depth) each also accept a template. */
function widenBelowTop(node: JsonSchema): JsonSchema {
  const out: JsonSchema = { ...node };
  if (isRecord(node.properties)) {
    out.properties = Object.fromEntries(Object.entries(node.properties).map(([key, value]) => [key, widen(value as JsonSchema)]));
  }
  return out;
}

function widen(node: JsonSchema): JsonSchema {
  const inner = widenBelowTop(node);
  if (isRecord(node.items)) inner.items = widen(node.items as JsonSchema);
  if (isRecord(node.additionalProperties)) inner.additionalProperties = widen(node.additionalProperties as JsonSchema);
  if (Array.isArray(node.anyOf)) inner.anyOf = node.anyOf.map((n: JsonSchema) => widenBelowTop(n));
  // A plain string already takes a template; a default or a description stays on the outside.
  if (Object.keys(node).every((k) => ['type', 'description', 'default'].includes(k)) && node.type === 'string') return inner;
  const { default: fallback, description, ...rest } = inner;
  const wrapped = orTemplated(rest);
  if (fallback !== undefined) wrapped.default = fallback;
  if (description !== undefined) wrapped.description = description;
  return wrapped;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
