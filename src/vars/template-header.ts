// Ansible's per-template settings: a first line `#jinja2: lstrip_blocks: True, trim_blocks: False` (JINJA2_OVERRIDE in
// ansible/template/__init__.py), read as Ansible reads it (pairs split on ",", each value a Python literal) and not
// rendered. It is applied over the settings the task gave, so where both name one, the header wins, as in Ansible.
import { TemplateError } from '../core/errors.js';
import type { NewlineSequence, TemplateOptions } from '../core/template-options.js';
import { pythonUnescape } from './jinja-strings.js';

const HEADER = '#jinja2:';

const SETTINGS: Record<string, (value: unknown, options: TemplateOptions) => string | undefined> = {
  trim_blocks: (value, options) => void (options.trimBlocks = truthy(value)),
  lstrip_blocks: (value, options) => void (options.lstripBlocks = truthy(value)),
  keep_trailing_newline: (value, options) => void (options.keepTrailingNewline = truthy(value)),
  newline_sequence: (value, options) => {
    if (value !== '\n' && value !== '\r' && value !== '\r\n') return `newline_sequence must be '\\n', '\\r' or '\\r\\n'`;
    options.newlineSequence = value as NewlineSequence;
    return undefined;
  },
};

/** The template without its header line, and the settings it renders with; a header runbook cannot follow throws, located. */
export function readTemplateHeader(text: string, options: TemplateOptions, name: string): { body: string; options: TemplateOptions } {
  if (!text.startsWith(HEADER)) return { body: text, options };
  const eol = text.indexOf('\n');
  // As Ansible slices it: without a newline the line loses its last character and the text keeps the line.
  const line = eol < 0 ? text.slice(HEADER.length, -1) : text.slice(HEADER.length, eol);
  const read = { ...options };
  for (const pair of line.split(',')) {
    const colon = pair.indexOf(':');
    if (colon < 0) throw headerError(name, `failed to parse jinja2 override '${pair.trim()}'. Did you use something different from colon as key-value separator?`);
    const key = pair.slice(0, colon).trim();
    const setting = SETTINGS[key];
    if (!setting) throw headerError(name, `"${key}" is not supported here`, `the first line may set ${Object.keys(SETTINGS).join(', ')}`);
    const problem = setting(pythonLiteral(pair.slice(colon + 1).trim(), name), read);
    if (problem) throw headerError(name, problem);
  }
  return { body: eol < 0 ? text : text.slice(eol + 1), options: read };
}

/** Ansible's _count_newlines_from_end: the "\n" characters a text ends with. */
export function trailingNewlines(text: string): number {
  let i = text.length;
  while (i > 0 && text[i - 1] === '\n') i--;
  return text.length - i;
}

/** What ast.literal_eval gives for the literals a setting takes: True/False/None, numbers, quoted strings. */
function pythonLiteral(text: string, name: string): unknown {
  if (text === 'True') return true;
  if (text === 'False') return false;
  if (text === 'None') return null;
  if (/^[-+]?\d+(\.\d*)?$/.test(text)) return Number(text);
  const quoted = /^(['"])((?:(?!\1)[^\\]|\\[\s\S])*)\1$/.exec(text);
  if (quoted) return pythonUnescape(quoted[2]!);
  throw headerError(name, `cannot read ${JSON.stringify(text)} as a Python literal`, 'write True, False, a number or a quoted string');
}

/** Python's truth of a literal: False, None, 0 and '' are false. */
function truthy(value: unknown): boolean {
  return value !== false && value !== null && value !== 0 && value !== '';
}

function headerError(name: string, detail: string, hint?: string): TemplateError {
  return new TemplateError(name, 1, undefined, `#jinja2: ${detail}`, undefined, hint);
}
