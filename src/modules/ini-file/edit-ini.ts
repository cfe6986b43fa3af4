// community.general.ini_file's decision (6.6, the release of Ansible 2.14's time: value(s), exclusive), on a text.
//
// As the module does: the text is read as Python's text mode reads it (a BOM dropped, \r\n and \r
// read as \n), a missing final newline is added (a change of its own), a commented-out `#option`
// line counts as the option (it is replaced), an option goes after the last line of its section
// that is neither blank nor a comment, and a missing section is appended at the end.
import type { TextEdit } from '../lib/plan-edited-file.js';

export interface IniRequest {
  /** undefined: the options before the first section. */
  section?: string | undefined;
  option?: string | undefined;
  /** Deduplicated, in order. */
  values: string[];
  state: 'present' | 'absent';
  exclusive: boolean;
  noExtraSpaces: boolean;
  allowNoValue: boolean;
}

/** The module's stand-in name for the part before the first section (a commit hash: matches no real one). */
const FAKE_SECTION = 'ad01e11446efb704fcdbdb21f2c43757423d91c5';

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
// Python's re.match with `$` before a final newline and `(.*)` up to it: tested on the line without its newline.
const optionLine = (option: string, commented: boolean): RegExp =>
  new RegExp(`^${commented ? '([#;]?)' : '()'}( |\\t)*(${escapeRegExp(option)})( |\\t)*(=|$)( |\\t)*(.*)`);
const bare = (line: string): string => line.replace(/\n$/, '');
/** Group 7 of the module's match_opt (the value), or undefined when the line is not the option. */
const valueOf = (pattern: RegExp, line: string): string | undefined => pattern.exec(bare(line))?.[7];
const BLANK_OR_COMMENT = /^[ \t]*([#;].*)?$/;

export function editIni(original: string, request: IniRequest): TextEdit {
  const lines: string[] = original.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n').match(/[^\n]*\n|[^\n]+$/g) ?? [];
  let changed = false;
  if (lines.length === 0) lines.push('\n');
  if (!lines[lines.length - 1]!.endsWith('\n')) {
    lines[lines.length - 1] += '\n';
    changed = true;
  }
  const all = [`[${FAKE_SECTION}]`, ...lines, '['];
  const section = request.section || FAKE_SECTION;
  let within = false;
  let start = 0;
  let end = 0;
  // As the module: a header that starts with `[section]` opens it (a repeated one opens it anew), any other ends it.
  for (let i = 0; i < all.length; i++) {
    if (all[i]!.startsWith(`[${section}]`)) {
      within = true;
      start = i;
    } else if (within && all[i]!.startsWith('[')) {
      end = i;
      break;
    }
  }
  const state = { lines: all.slice(start, end), changed, msg: 'OK' };
  if (request.state === 'present') editPresent(state, request);
  else removeFromSection(state, request);
  const out = [...all.slice(0, start), ...state.lines, ...all.slice(end)].slice(1, -1);
  if (!within && request.state === 'present') {
    out.push(`[${section}]\n`, ...appendedSection(request));
    state.changed = true;
    state.msg = request.option && (request.values.length > 0 || request.allowNoValue) ? 'section and option added' : 'only section added';
  }
  if (!state.changed) return { changed: false, reason: 'option already set as asked' };
  return { changed: true, text: out.join(''), reason: state.msg === 'OK' ? 'final newline added' : state.msg };
}

function assignment(request: IniRequest, value: string): string {
  return request.noExtraSpaces ? `${request.option}=${value}\n` : `${request.option} = ${value}\n`;
}

function appendedSection(request: IniRequest): string[] {
  if (!request.option) return [];
  if (request.values.length > 0) return request.values.map((v) => assignment(request, v));
  return request.allowNoValue ? [`${request.option}\n`] : [];
}

interface SectionState {
  lines: string[];
  changed: boolean;
  msg: string;
}

function editPresent(state: SectionState, request: IniRequest): void {
  const values = [...request.values];
  const option = request.option;
  const touched = new Set<number>();
  let noValuePresent = false;
  const update = (index: number, line: string): void => {
    if (state.lines[index] !== line) {
      state.lines[index] = line;
      state.changed = true;
      state.msg = 'option changed';
    }
    touched.add(index);
  };
  if (option) {
    const pattern = optionLine(option, true);
    for (let i = 0; i < state.lines.length; i++) {
      const value = valueOf(pattern, state.lines[i]!);
      if (value === undefined) continue;
      if (values.length > 0 && values.includes(value)) {
        noValuePresent ||= value === '' && request.allowNoValue;
        update(i, value === '' && request.allowNoValue ? `${option}\n` : assignment(request, value));
        values.splice(values.indexOf(value), 1);
      } else if (values.length === 0 && request.allowNoValue) {
        update(i, `${option}\n`);
        noValuePresent = true;
        break;
      }
    }
    if (request.exclusive && !request.allowNoValue) replaceOthers(state, request, values, touched, pattern);
  }
  // After the section's last line that is neither blank nor a comment (the header at least).
  for (let index = state.lines.length; index > 0; index--) {
    if (BLANK_OR_COMMENT.test(bare(state.lines[index - 1]!))) continue;
    if (option && values.length > 0) {
      state.lines.splice(index, 0, ...values.map((v) => assignment(request, v)));
      Object.assign(state, { changed: true, msg: 'option added' });
    } else if (option && values.length === 0 && request.allowNoValue && !noValuePresent) {
      state.lines.splice(index, 0, `${option}\n`);
      Object.assign(state, { changed: true, msg: 'option added' });
    }
    break;
  }
}

/** exclusive: the option's other lines take the values left, and any beyond them go. */
function replaceOthers(state: SectionState, request: IniRequest, values: string[], touched: Set<number>, pattern: RegExp): void {
  for (let i = 0; i < state.lines.length && values.length > 0; i++) {
    if (touched.has(i) || valueOf(pattern, state.lines[i]!) === undefined) continue;
    const line = assignment(request, values.shift()!);
    if (state.lines[i] !== line) Object.assign(state, { changed: true, msg: 'option changed' });
    state.lines[i] = line;
    touched.add(i);
  }
  for (let i = state.lines.length - 1; i > 0; i--) {
    if (touched.has(i) || valueOf(pattern, state.lines[i]!) === undefined) continue;
    state.lines.splice(i, 1);
    Object.assign(state, { changed: true, msg: 'option changed' });
  }
}

function removeFromSection(state: SectionState, request: IniRequest): void {
  if (!request.option) {
    if (state.lines.length > 0) Object.assign(state, { lines: [], changed: true, msg: 'section removed' });
    return;
  }
  // Not exclusive and no value: nothing to remove (as the module).
  if (!request.exclusive && request.values.length === 0) return;
  const active = optionLine(request.option, false);
  const kept = state.lines.filter((line) => {
    const value = valueOf(active, line);
    return value === undefined || (!request.exclusive && !request.values.includes(value));
  });
  if (kept.length !== state.lines.length) Object.assign(state, { lines: kept, changed: true, msg: 'option changed' });
}
