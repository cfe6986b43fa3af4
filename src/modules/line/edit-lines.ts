// Edits a text as lineinfile does: replace the last line matching regexp, else insert; or remove lines.
export interface LineEditRequest {
  state: 'present' | 'absent';
  /** The whole line, without its newline; optional for `absent` with a regexp. */
  line?: string;
  regexp?: RegExp;
  /** `EOF` or a pattern: insert after its last match (EOF when nothing matches). */
  insertAfter?: 'EOF' | RegExp;
  /** `BOF` or a pattern: insert before its last match (EOF when nothing matches). */
  insertBefore?: 'BOF' | RegExp;
}

export type LineEditResult = { changed: false; reason: string } | { changed: true; text: string; reason: string };

export function editLines(text: string, request: LineEditRequest): LineEditResult {
  const trailingNewline = text === '' || text.endsWith('\n');
  const lines = text === '' ? [] : (text.endsWith('\n') ? text.slice(0, -1) : text).split('\n');
  // A file without its final newline keeps it missing, unless a line goes at the end (then it ends as text files do).
  const join = (out: string[], appended = false): string =>
    out.length === 0 ? '' : out.join('\n') + (trailingNewline || appended ? '\n' : '');

  if (request.state === 'absent') {
    const matches = (l: string): boolean => (request.regexp ? request.regexp.test(l) : l === request.line);
    const kept = lines.filter((l) => !matches(l));
    const removed = lines.length - kept.length;
    if (removed === 0) return { changed: false, reason: 'line already absent' };
    return { changed: true, text: join(kept), reason: `removed ${removed} line${removed === 1 ? '' : 's'}` };
  }

  const line = request.line ?? '';
  if (request.regexp) {
    const at = lastIndex(lines, request.regexp);
    if (at >= 0) {
      if (lines[at] === line) return { changed: false, reason: `line already present (line ${at + 1})` };
      const out = [...lines];
      out[at] = line;
      return { changed: true, text: join(out), reason: `regexp matched line ${at + 1}: replaced` };
    }
  }
  const present = lines.indexOf(line);
  if (present >= 0) return { changed: false, reason: `line already present (line ${present + 1})` };

  const at = insertionIndex(lines, request);
  const out = [...lines.slice(0, at), line, ...lines.slice(at)];
  if (at === lines.length) return { changed: true, text: join(out, true), reason: 'line missing: appended' };
  return { changed: true, text: join(out), reason: `line missing: inserted at line ${at + 1}` };
}

function lastIndex(lines: string[], pattern: RegExp): number {
  for (let i = lines.length - 1; i >= 0; i--) if (pattern.test(lines[i]!)) return i;
  return -1;
}

function insertionIndex(lines: string[], request: LineEditRequest): number {
  if (request.insertBefore === 'BOF') return 0;
  if (request.insertBefore instanceof RegExp) {
    const at = lastIndex(lines, request.insertBefore);
    return at >= 0 ? at : lines.length;
  }
  if (request.insertAfter instanceof RegExp) {
    const at = lastIndex(lines, request.insertAfter);
    return at >= 0 ? at + 1 : lines.length;
  }
  return lines.length;
}
