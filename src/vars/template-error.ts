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
  const called = /Unable to call `([^`]+)`/.exec(detail);
  if (called) return called[1];
  if (line === undefined || column === undefined) return undefined;
  const rest = (text.split('\n')[line - 1] ?? '').slice(column - 1);
  const expr = /^(?:\{\{-?\s*)?([A-Za-z_]\w*(?:\.[A-Za-z_]\w*|\[\s*(?:'[^']*'|"[^"]*"|\d+)\s*\])*)/.exec(rest.replace(/^\{\{-?\s*/, ''));
  if (!expr) return undefined;
  const parts = [...expr[1]!.matchAll(/[A-Za-z_]\w*|'[^']*'|"[^"]*"|\d+/g)].map((m) => m[0].replace(/^['"]|['"]$/g, ''));
  let value: unknown = vars;
  const seen: string[] = [];
  for (const part of parts) {
    seen.push(part);
    value = value && typeof value === 'object' ? (value as Vars)[part] : undefined;
    if (value === undefined || value === null) break;
  }
  return seen.join('.');
}
