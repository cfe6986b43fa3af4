// `when:` expressions -> true/false, with Ansible's spelling (True/False, `is defined`) and undefined names as errors.
import { TemplateError } from '../core/errors.js';
import type { Renderer, Vars } from './render.js';

const KEYWORDS = new Set(['and', 'or', 'not', 'in', 'is', 'if', 'else', 'true', 'false', 'none', 'defined', 'undefined', 'loop']);

/**
 * Evaluates a `when:` expression for one host. Nunjucks treats an undefined name as false in
 * `{% if %}`; Ansible stops instead, so a name that is neither defined nor guarded by
 * `is defined`/`is undefined`/`default` raises TemplateError rather than silently skipping the task.
 */
export function evaluateCondition(expression: string, vars: Vars, name: string, renderer: Renderer): boolean {
  const expr = pythonLiterals(expression.trim());
  if (expr === '') return true;
  for (const ident of freeNames(expr)) {
    if (ident in vars || guarded(expr, ident)) continue;
    throw new TemplateError(name, undefined, undefined, `undefined variable "${ident}" in condition "${expression}"`, ident,
      `define it, or guard it: ${ident} is defined and ...`);
  }
  return renderer.render(`{% if ${expr} %}1{% endif %}`, vars, name) === '1';
}

/** Python's True/False/None outside string literals, as Ansible users write them. */
function pythonLiterals(expr: string): string {
  return splitStrings(expr)
    .map((part, i) => (i % 2 === 1 ? part : part.replace(/\bTrue\b/g, 'true').replace(/\bFalse\b/g, 'false').replace(/\bNone\b/g, 'none')))
    .join('');
}

/** Even parts are code, odd parts are quoted strings (quotes included). */
function splitStrings(expr: string): string[] {
  return expr.split(/('(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")/);
}

/** Top-level variable names: identifiers not after `.`, `|` (filters) or `is` (tests), outside strings. */
function freeNames(expr: string): string[] {
  const code = splitStrings(expr).map((part, i) => (i % 2 === 1 ? '""' : part)).join('');
  const names = new Set<string>();
  for (const m of code.matchAll(/[A-Za-z_]\w*/g)) {
    const before = code.slice(0, m.index).trimEnd();
    const after = code.slice(m.index! + m[0].length).trimStart();
    if (KEYWORDS.has(m[0]) || /[.|]$/.test(before) || /\bis(\s+not)?$/.test(before) || after.startsWith('(') || /^[0-9]/.test(m[0])) continue;
    names.add(m[0]);
  }
  return [...names];
}

function guarded(expr: string, ident: string): boolean {
  const after = new RegExp(`\\b${ident}\\b[\\w.\\[\\]'"]*\\s*(is\\s+(not\\s+)?(defined|undefined)|\\|\\s*(default|d)\\b)`);
  return after.test(expr);
}
