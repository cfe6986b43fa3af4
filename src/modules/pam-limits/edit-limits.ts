// A pam_limits file as community.general's pam_limits (6.x) rewrites it, line for line, quirks kept.
import { invalidValue, pythonInt } from './schema.js';

export interface LimitRequest {
  domain: string;
  type: string;
  item: string;
  value: string;
  useMax: boolean;
  useMin: boolean;
  comment: string;
}

export type LimitsEdit = { changed: false; reason: string } | { changed: true; text: string; reason: string };

const UNLIMITED = ['unlimited', 'infinity', '-1'];

/**
 * The module's loop over the file's lines: comment and blank lines and lines of other than four
 * fields kept; the limit's line(s) rewritten `domain<TAB>type<TAB>item<TAB>value[<TAB>#comment]`
 * when the value changes; appended when none. As the module does, a line without a comment of its
 * own takes the last comment seen (with its newline) when `comment` is empty. Differs: a line
 * appended after a last line without its newline goes on a line of its own.
 */
export function editLimits(text: string, want: LimitRequest, file: string): LimitsEdit {
  const out: string[] = [];
  let comment = want.comment;
  let found = false;
  let newValue = want.value;
  let changedLine: string | undefined;
  for (const line of text.split(/(?<=\n)/).filter((l) => l !== '')) {
    const fields = fieldsOf(line);
    if (fields === undefined) {
      out.push(line);
      continue;
    }
    const at = line.indexOf('#');
    if (!comment) comment = at < 0 ? '' : line.slice(at + 1);
    if (fields.length !== 4) {
      out.push(line);
      continue;
    }
    const [domain, type, item, actual] = fields as [string, string, string, string];
    const problem = invalidValue(item, actual);
    if (problem) throw new LimitsFileError(`Invalid configuration found in '${file}'. ${problem}`);
    if (domain !== want.domain || type !== want.type || item !== want.item) {
      out.push(line);
      continue;
    }
    found = true;
    if (want.value === actual) {
      out.push(line);
      continue;
    }
    newValue = boundedValue(want, actual, newValue);
    if (newValue === actual) {
      out.push(line);
      continue;
    }
    if (comment) comment = `\t#${comment}`;
    changedLine = `${want.domain}\t${want.type}\t${want.item}\t${newValue}${comment}\n`;
    out.push(changedLine);
  }
  const key = `${want.domain} ${want.type} ${want.item}`;
  if (!found) {
    if (comment) comment = `\t#${comment}`;
    // The module glues the line onto a last line without its newline (a broken line, and again each run).
    if (out.length > 0 && !out[out.length - 1]!.endsWith('\n')) out.push('\n');
    out.push(`${want.domain}\t${want.type}\t${want.item}\t${newValue}${comment}\n`);
    return { changed: true, text: out.join(''), reason: `${key} ${newValue} added` };
  }
  if (changedLine === undefined) return { changed: false, reason: `${key} is ${newValue === want.value ? want.value : `${newValue} (${want.useMax ? 'use_max' : 'use_min'})`}` };
  return { changed: true, text: out.join(''), reason: `${key} set to ${newValue}` };
}

/** A line's fields as the module splits it (whitespace runs as one, comment cut); undefined for `#` and blank lines. */
function fieldsOf(line: string): string[] | undefined {
  if (line.startsWith('#')) return undefined;
  const squeezed = line.replace(/\s+/g, ' ').trim();
  if (squeezed === '') return undefined;
  return squeezed.split('#', 1)[0]!.trimEnd().split(' ');
}

/** use_max / use_min against the file's value (the module's `new_value`); else the value asked for. */
function boundedValue(want: LimitRequest, actual: string, current: string): string {
  // The module compares the line's type (never 'nice'/'priority') here, so unlimited words always count.
  const actualUnlimited = UNLIMITED.includes(actual);
  const valueUnlimited = UNLIMITED.includes(want.value);
  if (want.useMax) {
    if (actualUnlimited) return actual;
    if (valueUnlimited) return want.value;
    return String(Math.max(pythonInt(want.value)!, pythonInt(actual)!));
  }
  if (want.useMin) {
    if (actualUnlimited && valueUnlimited) return actual;
    if (actualUnlimited) return want.value;
    if (valueUnlimited) return actual;
    return String(Math.min(pythonInt(want.value)!, pythonInt(actual)!));
  }
  return current;
}

/** A limit line of the file that the module refuses (its value invalid for its item). */
export class LimitsFileError extends Error {}
