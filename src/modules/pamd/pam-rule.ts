// One line of a PAM service file as community.general's pamd (6.6.2) reads and writes it: a rule, a comment,
// an @include or an empty line; a rule is written back in pamd's own layout (`'{0: <11}{1} {2} {3}'`).
import { PlanError } from '../lib/plan-error.js';

export const VALID_TYPES = ['account', '-account', 'auth', '-auth', 'password', '-password', 'session', '-session'] as const;

// pamd's RULE_REGEX (re.X), searched (not anchored); RULE_ARG_REGEX found all over the arguments.
const RULE = /(-?(?:auth|account|session|password))\s+(\[.*\]|\S*)\s+(\S*)\s*(.*)\s*/;
const RULE_ARG = /(\[.*\]|\S*)/g;

const SIMPLE_CONTROLS = ['required', 'requisite', 'sufficient', 'optional', 'include', 'substack', 'definitive'];
const CONTROL_VALUES = new Set(['success', 'open_err', 'symbol_err', 'service_err', 'system_err', 'buf_err', 'perm_denied', 'auth_err', 'cred_insufficient', 'authinfo_unavail', 'user_unknown', 'maxtries', 'new_authtok_reqd', 'acct_expired', 'session_err', 'cred_unavail', 'cred_expired', 'cred_err', 'no_module_data', 'conv_err', 'authtok_err', 'authtok_recover_err', 'authtok_lock_busy', 'authtok_disable_aging', 'try_again', 'ignore', 'abort', 'authtok_expired', 'module_unknown', 'bad_item', 'conv_again', 'incomplete', 'default']);
const CONTROL_ACTIONS = new Set(['ignore', 'bad', 'die', 'ok', 'done', 'reset']);

/** A line that is not a rule, kept as written. pamd checks a comment or @include only when it starts the line. */
export interface PamText {
  kind: 'comment' | 'include' | 'empty';
  text: string;
}

/** A rule; `control` is a word, or the words of a `[value=action ...]` control. */
export interface PamRule {
  kind: 'rule';
  type: string;
  control: string | string[];
  path: string;
  args: string[];
}

export type PamLine = PamText | PamRule;

/** pamd's parse_module_arguments: each string split into words, a `[...]` (to its last `]`) one word. */
export function parseModuleArguments(args: readonly string[]): string[] {
  if (args.length === 1 && !args[0]) return [];
  return args.flatMap((arg) => [...arg.matchAll(RULE_ARG)].map((m) => m[1]!).filter(Boolean));
}

/** As pamd's PamdRule.rule_control setter stores it. */
export function setControl(control: string): string | string[] {
  return control.startsWith('[') ? control.replace(/ = /g, '=').replace(/[[\]]/g, '').split(' ') : control;
}

/** As pamd's rule_control getter gives it (what `control:` is compared with). */
export function controlText(rule: PamRule): string {
  return Array.isArray(rule.control) ? `[${rule.control.join(' ')}]` : rule.control;
}

export function readLine(line: string, number: number): PamLine {
  const start = line.trimStart();
  if (start.startsWith('#')) return { kind: 'comment', text: line };
  if (start.startsWith('@include')) return { kind: 'include', text: line };
  if (line.trim() === '') return { kind: 'empty', text: line };
  const m = RULE.exec(line);
  // pamd fails here too (its regex finds no rule: 'NoneType' object has no attribute 'group').
  if (!m) throw new PlanError(`line ${number} is no PAM rule pamd can read: ${line}`);
  return newRule(m[1]!, m[2]!, m[3]!, parseModuleArguments([m[4]!]));
}

export function newRule(type: string, control: string, path: string, args: readonly string[]): PamRule {
  return { kind: 'rule', type, control: setControl(control), path, args: parseModuleArguments(args) };
}

export function lineText(line: PamLine): string {
  if (line.kind !== 'rule') return line.text;
  const head = `${line.type.padEnd(11)}${controlText(line)} ${line.path}`;
  return line.args.length > 0 ? `${head} ${line.args.join(' ')}` : head;
}

/** pamd's validate(): why the line is not valid, or undefined. */
export function invalidBecause(line: PamLine): string | undefined {
  const text = lineText(line);
  switch (line.kind) {
    case 'empty':
      return undefined;
    case 'comment':
      return line.text.startsWith('#') ? undefined : `Rule is not valid ${text}`;
    case 'include':
      return line.text.startsWith('@include') ? undefined : `Rule is not valid ${text}`;
    case 'rule':
      return invalidRule(line, text);
  }
}

function invalidRule(rule: PamRule, text: string): string | undefined {
  if (!(VALID_TYPES as readonly string[]).includes(rule.type)) return `Rule type, ${rule.type}, is not valid in rule ${text}`;
  if (!Array.isArray(rule.control)) return SIMPLE_CONTROLS.includes(rule.control) ? undefined : `Rule control, ${rule.control}, is not valid in rule ${text}`;
  for (const control of rule.control) {
    const parts = control.split('=');
    // pamd unpacks `value, action = control.split("=")`: it fails on anything but one `=`.
    if (parts.length !== 2) throw new PlanError(`pamd cannot read the control "${control}" of rule ${text} (one value=action expected)`);
    const [value, action] = parts as [string, string];
    if (!CONTROL_VALUES.has(value)) return `Rule control value, ${value}, is not valid in rule ${text}`;
    if (!CONTROL_ACTIONS.has(action) && !unsignedInt(action)) return `Rule control action, ${action}, is not valid in rule ${text}`;
  }
  return undefined;
}

/** Python's int(s) >= 0. */
function unsignedInt(text: string): boolean {
  return /^\s*[+-]?\d+(?:_\d+)*\s*$/.test(text) && Number(text.replace(/_/g, '')) >= 0;
}
