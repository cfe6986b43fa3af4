// A nunjucks error as our TemplateError: located (line, column), naming the undefined variable it stopped at.
import { TemplateError } from '../core/errors.js';

type Vars = Record<string, unknown>;

const HINT_UNDEFINED = 'define it (inventory, play vars, role defaults or -e) or give a fallback: {{ NAME | default("...") }}';

export function toTemplateError(error: unknown, text: string, name: string, vars: Vars): TemplateError {
  const message = error instanceof Error ? error.message : String(error);
  const pos = /\[Line (\d+), Column (\d+)\]/.exec(message);
  const line = pos ? Number(pos[1]) : undefined;
  const column = pos ? Number(pos[2]) : undefined;
  const detail = message.split('\n').slice(1).join(' ').replace(/^\s*(Error: )?/, '').trim() || message;
  if (/null or undefined value|undefined or null value|undefined or falsey/.test(detail)) {
    const undefinedName = findUndefinedName(text, line, column, vars, detail);
    const hint = HINT_UNDEFINED.replace('NAME', undefinedName ?? 'name');
    return new TemplateError(name, line, column, `undefined variable${undefinedName ? ` "${undefinedName}"` : ''}`, undefinedName, hint);
  }
  return new TemplateError(name, line, column, detail, undefined, 'check the template syntax (Jinja/Nunjucks)');
}

/** The first undefined part of the expression nunjucks stopped at (its error names only the position). */
function findUndefinedName(text: string, line: number | undefined, column: number | undefined, vars: Vars, detail: string): string | undefined {
  // A call of something undefined (`r.stdout.split()` before `r` is registered) names its whole path: walked below to `r`.
  const called = /Unable to call `([^`]+)`/.exec(detail)?.[1];
  // A filter given an undefined value (strict-filters.ts) comes with no position: the template's first undefined path.
  const path = called ?? (/given an undefined/.test(detail) ? firstUndefinedPath(text, vars) : pathAt(text, line, column));
  if (!path) return undefined;
  const parts = [...path.matchAll(/[A-Za-z_]\w*|'[^']*'|"[^"]*"|\d+/g)].map((m) => m[0].replace(/^['"]|['"]$/g, ''));
  let value: unknown = vars;
  const seen: string[] = [];
  for (const part of parts) {
    seen.push(part);
    value = value && typeof value === 'object' ? (value as Vars)[part] : undefined;
    if (value === undefined || value === null) break;
  }
  return seen.join('.');
}

/** The variable path that starts at line:column, if one does. */
function pathAt(text: string, line: number | undefined, column: number | undefined): string | undefined {
  if (line === undefined || column === undefined) return undefined;
  const rest = (text.split('\n')[line - 1] ?? '').slice(column - 1);
  return /^(?:\{\{-?\s*)?([A-Za-z_]\w*(?:\.[A-Za-z_]\w*|\[\s*(?:'[^']*'|"[^"]*"|\d+)\s*\])*)/.exec(rest.replace(/^\{\{-?\s*/, ''))?.[1];
}

/** Words of an expression that are no variables: Jinja's keywords and constants. */
const NOT_VARIABLES = new Set(['if', 'else', 'elif', 'endif', 'for', 'in', 'endfor', 'is', 'not', 'and', 'or', 'true', 'false', 'none', 'True', 'False', 'None', 'set', 'endset', 'with', 'endwith', 'loop', 'recursive']);

/**
 * For a filter given an undefined value (strict-filters.ts), which nunjucks does not locate: the first
 * variable path inside the template's {{ }} and {% %} whose root is undefined, leaving out filter and
 * test names, attributes, string literals and calls.
 */
function firstUndefinedPath(text: string, vars: Vars): string | undefined {
  // Names the template binds itself (`{% for x in ... %}`, `{% set x = %}`, `{% with x = %}`, macro arguments) are no variables of the host.
  const bound = new Set([...text.matchAll(/\{%-?\s*(?:for|set|with|macro\s+\w+\s*\()\s*([\w\s,=]+?)(?:\s+in\b|\)|\s*=|\s*-?%\})/g)].flatMap((m) => m[1]!.split(/[\s,=]+/).filter(Boolean)));
  const code = [...text.matchAll(/\{\{([\s\S]*?)\}\}|\{%([\s\S]*?)%\}/g)].map((m) => m[1] ?? m[2]).join(' ').replace(/'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"/g, "''");
  // Whole names only: `if (` is no variable `i` followed by `f (`.
  for (const m of code.matchAll(/(?<![\w.|'"])(?<!\|\s*)(?<!\bis\s+)(?<!\bis\s+not\s+)([A-Za-z_]\w*(?:\.[A-Za-z_]\w*|\[[^\]]*\])*)(?![\w.[])(?!\s*\()/g)) {
    const parts = [...m[1]!.matchAll(/[A-Za-z_]\w*|'[^']*'|"[^"]*"|\d+/g)].map((p) => p[0].replace(/^['"]|['"]$/g, ''));
    if (NOT_VARIABLES.has(parts[0]!) || bound.has(parts[0]!)) continue;
    let value: unknown = vars;
    for (const part of parts) value = value !== null && typeof value === 'object' ? (value as Vars)[part] : undefined;
    if (value === undefined) return m[1];
  }
  return undefined;
}
