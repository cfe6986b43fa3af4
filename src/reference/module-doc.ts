// What `runbook doc` says about a module, read from the catalog: its arguments with types, defaults and choices, its aliases, an example.
import type { ModuleCatalog, ModuleDefinition } from '../core/module.js';
import type { JsonSchema } from './json-schema.js';
import { FLAG_WORDS, plainArgsSchema, SECRET_TEXT } from './module-args-schema.js';

export interface ArgDoc {
  name: string;
  /** `string`, `boolean`, `list of string`, `string | secret`... */
  type: string;
  required: boolean;
  default?: unknown;
  choices?: unknown[];
}

export interface ModuleDoc {
  name: string;
  summary: string;
  /** Where it works: over the host's connection, or from the controller through an API. */
  runsOn: 'host' | 'controller' | 'script';
  /** Other names a task may use (the `ansible.builtin.` forms of all of them are taken too). */
  aliases: string[];
  /** The argument a bare string stands for (`command: uptime`). */
  freeForm?: string;
  args: ArgDoc[];
  /** Ansible's arguments it knows but refuses (a task giving one fails at load, saying what to do instead). */
  refused?: string[];
  example?: string;
}

/** The modules by their own names (aliases are listed with their module), sorted. */
export function catalogModules(catalog: ModuleCatalog): Array<ModuleDefinition<any, any>> {
  return catalog
    .names()
    .map((name) => catalog.get(name)!)
    .filter((module) => !(module.aliases ?? []).includes(module.name));
}

export function moduleDoc(module: ModuleDefinition<any, any>): ModuleDoc {
  const schema = plainArgsSchema(module);
  const required = (schema.required as string[] | undefined) ?? [];
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
  const doc: ModuleDoc = {
    name: module.name,
    summary: module.summary,
    runsOn: module.target,
    aliases: [...(module.aliases ?? [])],
    args: Object.entries(properties).filter(([, node]) => !isRefused(node)).map(([name, node]) => argDoc(name, node, required.includes(name))),
  };
  const refused = Object.entries(properties).filter(([, node]) => isRefused(node)).map(([name]) => name);
  if (refused.length > 0) doc.refused = refused;
  if (module.freeForm) doc.freeForm = module.freeForm.arg;
  if (module.example) doc.example = module.example;
  return doc;
}

/** An argument no value passes (modules/lib/refused-args.ts): JSON Schema's `not: {}`. */
function isRefused(node: JsonSchema): boolean {
  return typeof node.not === 'object' && node.not !== null && Object.keys(node.not).length === 0;
}

function argDoc(name: string, node: JsonSchema, required: boolean): ArgDoc {
  const arg: ArgDoc = { name, type: typeOf(node), required };
  if (node.default !== undefined) arg.default = node.default;
  if (Array.isArray(node.enum)) arg.choices = node.enum;
  return arg;
}

/** The patterns of modules/lib/arg-types.ts, said in words. */
const PATTERN_WORDS: Record<string, string> = {
  '^\\/': 'absolute path',
  '^([0-7]{3,4}|[-+=,ugoarwxXst]+)$': 'octal or symbolic mode ("0644", "u=rw,go=r")',
};

/** A JSON Schema node in a few words. */
export function typeOf(node: JsonSchema): string {
  if (Array.isArray(node.anyOf)) {
    const words = (node.anyOf as JsonSchema[]).map(typeOf);
    if (words.includes('boolean') && (node.anyOf as JsonSchema[]).some((n) => n.enum === FLAG_WORDS || sameList(n.enum, FLAG_WORDS))) return 'boolean (yes/no too)';
    return [...new Set(words)].join(' | ');
  }
  if (node.description === SECRET_TEXT) return 'secret';
  if (Array.isArray(node.enum)) return 'choice';
  if (node.type === 'array') {
    const item = node.items ? typeOf(node.items as JsonSchema) : 'any';
    return `list of ${item.includes(' | ') ? `(${item})` : item}`;
  }
  if (typeof node.pattern === 'string' && PATTERN_WORDS[node.pattern]) return PATTERN_WORDS[node.pattern]!;
  if (node.type === 'object') return node.additionalProperties && typeof node.additionalProperties === 'object' ? `mapping of ${typeOf(node.additionalProperties as JsonSchema)}` : 'mapping';
  if (node.type === 'integer' || node.type === 'number') return 'number';
  if (typeof node.type === 'string') return node.type;
  return 'any';
}

function sameList(a: unknown, b: readonly unknown[]): boolean {
  return Array.isArray(a) && a.length === b.length && a.every((x, i) => x === b[i]);
}
