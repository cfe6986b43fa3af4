// `when:` expressions -> true/false, with Ansible's spelling (True/False, `is defined`) and undefined names as errors.
import { TemplateError } from '../core/errors.js';
import type { Renderer, Vars } from './render.js';

const KEYWORDS = new Set(['and', 'or', 'not', 'in', 'is', 'if', 'else', 'true', 'false', 'none', 'defined', 'undefined', 'loop']);

/**
 * Evaluates a `when:` expression for one host. Nunjucks treats an undefined name as false in
 * `{% if %}`; Ansible stops instead, so a name that is neither defined nor guarded by
 * `is defined`/`is undefined`/`default` raises TemplateError rather than silently skipping the task.
 * Only when evaluation reaches it: `false and missing` is false, as Ansible's `and`/`or`
 * short-circuit (each unguarded undefined name becomes a call that records it when evaluated).
 */
export function evaluateCondition(expression: string, vars: Vars, name: string, renderer: Renderer): boolean {
  const expr = pythonLiterals(expression.trim());
  if (expr === '') return true;
  const missing = freeNames(expr).filter((n) => !(n.name in vars) && !guarded(expr, n.name));
  const reached: string[] = [];
  const checked = missing.length === 0 ? expr : replaceNames(expr, missing);
  const context = missing.length === 0 ? vars : { ...vars, [REACHED]: (ident: string) => void reached.push(ident) };
  const result = renderer.render(`{% if ${checked} %}1{% endif %}`, context, name) === '1';
  const ident = reached[0];
  if (ident !== undefined) {
    throw new TemplateError(name, undefined, undefined, `undefined variable "${ident}" in condition "${expression}"`, ident,
      `define it, or guard it: ${ident} is defined and ...`);
  }
  return result;
}

/** The function an undefined name is replaced with: it records the name when the evaluation reaches it. */
const REACHED = '__runbook_undefined_reached';

function replaceNames(expr: string, names: FreeName[]): string {
  let out = '';
  let from = 0;
  for (const n of names) {
    out += `${expr.slice(from, n.index)}${REACHED}("${n.name}")`;
    from = n.index + n.name.length;
  }
  return out + expr.slice(from);
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

interface FreeName {
  name: string;
  /** Where it stands in the expression. */
  index: number;
}

/** Top-level variable names, in order: identifiers not after `.`, `|` (filters) or `is` (tests), not a keyword argument, outside strings. */
function freeNames(expr: string): FreeName[] {
  const code = splitStrings(expr).map((part, i) => (i % 2 === 1 ? ' '.repeat(part.length) : part)).join('');
  const names: FreeName[] = [];
  for (const m of code.matchAll(/[A-Za-z_]\w*/g)) {
    const before = code.slice(0, m.index).trimEnd();
    const after = code.slice(m.index! + m[0].length).trimStart();
    const keywordArgument = /^=(?!=)/.test(after); // `dict(a=1)`, `version(..., strict=true)`
    if (KEYWORDS.has(m[0]) || /[.|]$/.test(before) || /\bis(\s+not)?$/.test(before) || after.startsWith('(') || keywordArgument || /^[0-9]/.test(m[0])) continue;
    names.push({ name: m[0], index: m.index! });
  }
  return names;
}

function guarded(expr: string, ident: string): boolean {
  const after = new RegExp(`\\b${ident}\\b[\\w.\\[\\]'"]*\\s*(is\\s+(not\\s+)?(defined|undefined)|\\|\\s*(default|d)\\b)`);
  return after.test(expr);
}

/**
 * A condition's syntax, checked before anything runs (`validate` included): `changed_when:`,
 * `failed_when:` and `until:` are evaluated only after their command ran, too late to say it then.
 */
export function checkConditionSyntax(expression: string, name: string, renderer: Renderer): void {
  const expr = pythonLiterals(expression.trim());
  if (expr !== '') renderer.check(`{% if ${expr} %}1{% endif %}`, name);
}
