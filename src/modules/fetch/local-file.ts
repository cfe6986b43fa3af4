// The controller side of `fetch`: where the file lands (Ansible's layout) and its atomic write there.
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, normalize } from 'node:path';
import { PlanError } from '../lib/plan-error.js';

/** `dest/HOST/SRC`, or with flat dest itself (a trailing slash: src's name inside it), as Ansible's fetch action. */
export function localPath(src: string, dest: string, host: string, flat: boolean): string {
  if (!flat) {
    const path = normalize(`${dest}/${host}/${src}`);
    if (!path.startsWith(normalize(`${dest}/${host}/`))) throw new PlanError(`Detected directory traversal, expected to be contained in '${dest}' but got '${path}'`);
    return path;
  }
  if (!dest.endsWith('/') && isDirectory(dest)) throw new PlanError('dest is an existing directory, use a trailing slash if you want to fetch src into that directory');
  return normalize(dest.endsWith('/') ? join(dest, basename(src)) : dest);
}

const isDirectory = (path: string): boolean => existsSync(path) && statSync(path).isDirectory();

/** The local file's bytes, or null when there is none (a folder there fails, as Ansible's write would). */
export function readLocal(path: string): Buffer | null {
  if (!existsSync(path)) return null;
  if (statSync(path).isDirectory()) throw new PlanError(`${path} is a directory on the controller; fetch writes a file there`);
  return readFileSync(path);
}

export const hashOf = (algorithm: 'md5' | 'sha1' | 'sha256', data: Buffer): string => createHash(algorithm).update(data).digest('hex');

/** Temp file beside it, then a rename: a reader never sees half a file. An existing file's mode is kept (Ansible rewrites it in place). */
export function writeLocalAtomically(path: string, data: Buffer): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = join(dirname(path), `.${basename(path)}.runbook-${process.pid}.tmp`);
  try {
    writeFileSync(tmp, data);
    if (existsSync(path)) chmodSync(tmp, statSync(path).mode & 0o7777);
    renameSync(tmp, path);
  } finally {
    rmSync(tmp, { force: true });
  }
}
