// Reads a text file the loaders were pointed at, refusing what would hang or flood them: only regular files
// (not a FIFO, /dev/zero, a directory), at most MAX_INPUT_BYTES. A refusal says why; it never quotes the file.
import { readFileSync, statSync } from 'node:fs';

/** Runbooks, roles, vars files and inventories are configuration: 16 MiB is far more than any needs. */
export const MAX_INPUT_BYTES = 16 * 1024 * 1024;

export type TextFile = { text: string } | { problem: string };

export function readTextFile(path: string): TextFile {
  let stat;
  try {
    stat = statSync(path);
  } catch (error) {
    return { problem: reasonOf(error) };
  }
  if (stat.isDirectory()) return { problem: 'it is a directory' };
  if (!stat.isFile()) return { problem: `it is not a regular file (${stat.isFIFO() ? 'a FIFO' : stat.isCharacterDevice() || stat.isBlockDevice() ? 'a device' : stat.isSocket() ? 'a socket' : 'a special file'})` };
  if (stat.size > MAX_INPUT_BYTES) return { problem: `it is ${stat.size} bytes; input files are limited to ${MAX_INPUT_BYTES} bytes` };
  try {
    return { text: readFileSync(path, 'utf8') };
  } catch (error) {
    return { problem: reasonOf(error) };
  }
}

function reasonOf(error: unknown): string {
  const code = (error as NodeJS.ErrnoException)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ELOOP':
      return 'too many levels of symbolic links (a symlink loop)';
    case 'ENOTDIR':
      return 'a part of the path is not a directory';
    case 'EISDIR':
      return 'it is a directory';
    default:
      return code ? `cannot read it (${code})` : 'cannot read it';
  }
}
