// Ansible's lineinfile decision (ansible-core 2.14 modules/lineinfile.py present() and absent()), on a text's lines.
//
// Lines keep their `\n` as Python's readlines() does: a pattern sees it (Python's `$` matches
// before it), and a replaced line is compared with `line + "\n"`, so a matching last line without
// its newline gets one (a change, as in Ansible).
import { expandMatch } from '../lib/python-regex.js';

export interface LineinfileRequest {
  state: 'present' | 'absent';
  line?: string | undefined;
  regexp?: RegExp | undefined;
  searchString?: string | undefined;
  /** 'EOF', 'BOF' or a pattern; undefined with insertBefore set. */
  insertAfter?: 'EOF' | 'BOF' | RegExp | undefined;
  insertBefore?: 'BOF' | RegExp | undefined;
  backrefs: boolean;
  firstmatch: boolean;
}

export type LineinfileResult = { changed: false; reason: string } | { changed: true; text: string; reason: string };

/** Python's bytes.readlines(): split after each \n. */
export function readLines(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

const bare = (line: string): string => line.replace(/[\r\n]+$/, '');

export function editLineinfile(text: string, request: LineinfileRequest): LineinfileResult {
  const lines = readLines(text);
  if (request.state === 'absent') return removeLines(lines, request);
  const line = request.line ?? '';
  let index = -1;
  let match: RegExpExecArray | null = null;
  let found = false;
  if (request.regexp || request.searchString !== undefined) {
    for (let i = 0; i < lines.length; i++) {
      const m = request.regexp ? request.regexp.exec(lines[i]!) : null;
      if (m || (request.searchString !== undefined && lines[i]!.includes(request.searchString))) {
        index = i;
        match = m;
        found = true;
        if (request.firstmatch) break;
      }
    }
  }
  const insertPattern = request.insertAfter instanceof RegExp ? request.insertAfter : request.insertBefore instanceof RegExp ? request.insertBefore : undefined;
  let insertAt = -1;
  if (!found) {
    for (let i = 0; i < lines.length; i++) {
      if (line === bare(lines[i]!)) index = i;
      else if (insertPattern?.test(lines[i]!)) {
        insertAt = request.insertAfter instanceof RegExp ? i + 1 : i;
        if (request.firstmatch) break;
      }
    }
  }

  if (index !== -1) {
    const wanted = (request.backrefs && match ? expandMatch(line, match) : line).replace(/\n?$/, '\n');
    if (lines[index] === wanted) return { changed: false, reason: `line already present (line ${index + 1})` };
    lines[index] = wanted;
    return { changed: true, text: lines.join(''), reason: `line ${index + 1} replaced` };
  }
  if (request.backrefs) return { changed: false, reason: 'regexp matched no line (backrefs: nothing to do)' };
  return insertLine(lines, line, request, insertAt);
}

function insertLine(lines: string[], line: string, request: LineinfileRequest, insertAt: number): LineinfileResult {
  const added = (at: number, reason?: string): LineinfileResult => {
    lines.splice(at, 0, `${line}\n`);
    return { changed: true, text: lines.join(''), reason: reason ?? `line added at line ${at + 1}` };
  };
  if (request.insertBefore === 'BOF' || request.insertAfter === 'BOF') return added(0);
  if (request.insertAfter === 'EOF' || insertAt === -1) {
    if (lines.length > 0 && !/[\r\n]$/.test(lines[lines.length - 1]!)) lines.push('\n');
    return added(lines.length, 'line added at the end');
  }
  // Ansible 2.14 appends after a matched last line without ending it when it lacks its newline: the
  // new line is glued to it, and again on every run. Ended first here, as its EOF branch does.
  if (insertAt === lines.length && !lines[insertAt - 1]!.endsWith('\n')) lines[insertAt - 1] += '\n';
  return added(insertAt);
}

function removeLines(lines: string[], request: LineinfileRequest): LineinfileResult {
  const matches = (l: string): boolean =>
    request.regexp ? request.regexp.test(l) : request.searchString !== undefined ? l.includes(request.searchString) : bare(l) === request.line;
  const kept = lines.filter((l) => !matches(l));
  const removed = lines.length - kept.length;
  if (removed === 0) return { changed: false, reason: 'no line matches: already absent' };
  return { changed: true, text: kept.join(''), reason: `${removed} line(s) removed` };
}
