// Unified diff of a remote file's old and new bytes; binary or large files by size and hash.
import { createHash } from 'node:crypto';
import { createTwoFilesPatch } from 'diff';

/** Above this, a diff is summarized rather than dumped (Ansible skips at 100 KiB; we keep more). */
export const MAX_DIFF_BYTES = 1024 * 1024;

/**
 * What the two sides are called: a file's `a/PATH` and `b/PATH` (git's, /dev/null when absent) as
 * remote and desired; anything else (a cloud resource) by its own label, as current and planned.
 */
export interface DiffNames {
  before: string;
  after: string;
  beforeHeader: string;
  afterHeader: string;
}

export function renderFileDiff(path: string, before: Buffer | null, after: Buffer | null, names?: DiffNames): string {
  const a = before ?? Buffer.alloc(0);
  const b = after ?? Buffer.alloc(0);
  if (isBinary(a) || isBinary(b) || a.length > MAX_DIFF_BYTES || b.length > MAX_DIFF_BYTES) {
    return `Binary or large file ${path}: ${describeContent(before)} -> ${describeContent(after)}\n`;
  }
  const n = names ?? {
    before: before ? `a${path}` : '/dev/null',
    after: after ? `b${path}` : '/dev/null',
    beforeHeader: before ? 'remote' : '',
    afterHeader: after ? 'desired' : '',
  };
  const patch = createTwoFilesPatch(n.before, n.after, a.toString('utf8'), b.toString('utf8'), n.beforeHeader, n.afterHeader, { context: 3 });
  // Drop the `Index:` line and the `===` banner (jsdiff writes them when both names are one): the headers say the same.
  return patch.replace(/^Index:.*\n/, '').replace(/^=+\n/, '');
}

/** `N bytes sha256:abcdef123456`, or `absent`. */
export function describeContent(content: Buffer | null): string {
  if (!content) return 'absent';
  const sha = createHash('sha256').update(content).digest('hex').slice(0, 12);
  return `${content.length} bytes sha256:${sha}`;
}

function isBinary(content: Buffer): boolean {
  return content.subarray(0, 8000).includes(0);
}
