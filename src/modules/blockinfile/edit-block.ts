// Ansible's blockinfile decision (ansible-core 2.14 modules/blockinfile.py), on a text.
import type { TextEdit } from '../lib/plan-edited-file.js';

export interface BlockRequest {
  state: 'present' | 'absent';
  block: string;
  /** The marker lines, {mark} already replaced, without their newline. */
  markerBegin: string;
  markerEnd: string;
  insertAfter?: 'EOF' | RegExp | undefined;
  insertBefore?: 'BOF' | RegExp | undefined;
  /** The insert pattern turned MULTILINE on itself ((?m)): searched in the whole text, not line by line. */
  multiline: boolean;
}

/** Python's bytes.splitlines(True): lines end at \n, \r\n or \r, each keeping its ending. */
function splitLines(text: string): string[] {
  return text.match(/[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$/g) ?? [];
}

const count = (text: string, end: number): number => (text.slice(0, end).match(/\n/g) ?? []).length;

export function editBlock(original: string, existed: boolean, request: BlockRequest): TextEdit {
  const lines = splitLines(original);
  const marker0 = `${request.markerBegin}\n`;
  const marker1 = `${request.markerEnd}\n`;
  let blockLines: string[] = [];
  if (request.state === 'present' && request.block !== '') {
    blockLines = [marker0, ...splitLines(request.block.endsWith('\n') ? request.block : `${request.block}\n`), marker1];
  }
  let n0 = lines.lastIndexOf(marker0);
  const n1 = lines.lastIndexOf(marker1);
  if (n0 === -1 || n1 === -1) {
    n0 = insertionIndex(original, lines, request);
  } else if (n0 < n1) {
    lines.splice(n0, n1 - n0 + 1);
  } else {
    lines.splice(n1, n0 - n1 + 1);
    n0 = n1;
  }
  if (n0 > 0 && !lines[n0 - 1]!.endsWith('\n')) lines[n0 - 1] += '\n';
  lines.splice(n0, 0, ...blockLines);
  const result = lines.join('');
  if (existed && result === original) return { changed: false, reason: request.state === 'present' && blockLines.length > 0 ? 'block already present' : 'block already absent' };
  const reason = !existed ? 'file created' : blockLines.length === 0 ? 'block removed' : 'block inserted';
  return { changed: true, text: result, reason };
}

function insertionIndex(original: string, lines: string[], request: BlockRequest): number {
  const pattern = request.insertAfter instanceof RegExp ? request.insertAfter : request.insertBefore instanceof RegExp ? request.insertBefore : undefined;
  if (pattern === undefined) return request.insertBefore === 'BOF' ? 0 : lines.length;
  let at: number | undefined;
  if (request.multiline) {
    const match = pattern.exec(original);
    if (match) at = count(original, request.insertAfter instanceof RegExp ? match.index + match[0].length : match.index);
  } else {
    lines.forEach((line, i) => {
      if (pattern.test(line)) at = i;
    });
  }
  if (at === undefined) return lines.length;
  return request.insertAfter instanceof RegExp ? at + 1 : at;
}
