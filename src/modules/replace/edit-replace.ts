// Ansible's replace decision (ansible-core 2.14 modules/replace.py): re.subn with MULTILINE, in the section after/before bound.
import type { TextEdit } from '../lib/plan-edited-file.js';
import { expandMatch, pythonRegex } from '../lib/python-regex.js';

export interface ReplaceRequest {
  regexp: string;
  replace: string;
  after?: string | undefined;
  before?: string | undefined;
}

/** The part of the text the replacement works on: all of it, or what `after`/`before` bound. */
function section(text: string, request: ReplaceRequest): { start: number; end: number } | string {
  const { after, before } = request;
  // Ansible joins them into one pattern, with DOTALL (and without MULTILINE).
  const pattern = after && before ? `${after}(?P<subsection>.*?)${before}` : after ? `${after}(?P<subsection>.*)` : before ? `(?P<subsection>.*)${before}` : '';
  if (pattern === '') return { start: 0, end: text.length };
  const { regex } = pythonRegex(pattern, { dotall: true });
  const match = new RegExp(regex.source, `${regex.flags}d`).exec(text);
  const indices = match?.indices?.groups?.['subsection'];
  if (!match || !indices) return `Pattern for before/after params did not match the given file: ${pattern}`;
  return { start: indices[0], end: indices[1] };
}

export function editReplace(text: string, request: ReplaceRequest): TextEdit {
  const bounds = section(text, request);
  if (typeof bounds === 'string') return { changed: false, reason: bounds };
  const part = text.slice(bounds.start, bounds.end);
  const { regex } = pythonRegex(request.regexp, { multiline: true }, true);
  let replaced = '';
  let from = 0;
  let count = 0;
  for (const match of part.matchAll(regex)) {
    replaced += part.slice(from, match.index) + expandMatch(request.replace, match);
    from = match.index + match[0].length;
    count++;
  }
  replaced += part.slice(from);
  if (count === 0 || replaced === part) return { changed: false, reason: count === 0 ? 'regexp matched nothing' : `${count} matches, already replaced` };
  return { changed: true, text: text.slice(0, bounds.start) + replaced + text.slice(bounds.end), reason: `${count} replacements made` };
}
