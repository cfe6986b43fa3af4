// Whether a relative path written in a runbook stays inside the folder it is relative to (`src: ../../../../etc/shadow`,
// `role: ../../x`, `vars_files: [../../etc/passwd]` do not). Absolute paths are the user's explicit choice, as in Ansible.
import { isAbsolute, relative, resolve } from 'node:path';

export function leavesFolder(base: string, path: string): boolean {
  if (isAbsolute(path)) return false;
  const rel = relative(base, resolve(base, path));
  return rel === '..' || rel.startsWith('../') || isAbsolute(rel);
}
