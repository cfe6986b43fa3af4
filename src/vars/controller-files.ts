// Files on the controller as Ansible's lookups find them (fileglob, first_found, file, template): relative names
// in the role's or runbook's `files/` (or `templates/`), then the folder itself, role first.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, isAbsolute, join } from 'node:path';

/** Where a task's relative file names are looked for: Ansible's `files/` then the folder itself, role first. */
export interface LoopFiles {
  /** The role folder, or the runbook's. */
  dirs: string[];
}

/**
 * Files (not folders) matching the pattern's last part, in the first folder that has any: a
 * pattern with a folder looks in that folder (under files/ or the task's folder when relative);
 * a bare one in files/ then the task's folder. Sorted (Python's glob leaves the order to the OS).
 */
export function fileglob(pattern: string, files: LoopFiles): string[] {
  const name = basename(pattern);
  const dir = dirname(pattern);
  const candidates = name === pattern ? searchDirs(files) : isAbsolute(dir) ? [dir] : searchDirs(files).map((d) => join(d, dir));
  const matcher = globToRegExp(name);
  for (const candidate of candidates) {
    let entries: string[];
    try {
      entries = readdirSync(candidate);
    } catch {
      continue;
    }
    const found = entries
      .filter((e) => matcher.test(e))
      .map((e) => join(candidate, e))
      .filter((p) => statSync(p, { throwIfNoEntry: false })?.isFile())
      .sort();
    if (found.length > 0) return found;
  }
  return [];
}

function searchDirs(files: LoopFiles, subdir = 'files'): string[] {
  return files.dirs.flatMap((d) => [join(d, subdir), d]);
}

/** The path of a lookup's file (`files/` for file, `templates/` for template); undefined when none exists. */
export function findFile(name: string, files: LoopFiles, subdir: 'files' | 'templates'): string | undefined {
  const paths = isAbsolute(name) ? [name] : searchDirs(files, subdir).map((d) => join(d, name));
  return paths.find((p) => statSync(p, { throwIfNoEntry: false })?.isFile());
}

/** Python's fnmatch as glob uses it: `*`, `?`, `[...]`; a leading dot is matched only by a dot. */
export function globToRegExp(pattern: string): RegExp {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '*') out += '.*';
    else if (c === '?') out += '.';
    else if (c === '[') {
      const end = pattern.indexOf(']', i + 2);
      if (end === -1) out += '\\[';
      else {
        const body = pattern.slice(i + 1, end);
        out += `[${body.startsWith('!') ? `^${body.slice(1)}` : body}]`;
        i = end;
      }
    } else out += c.replace(/[.+^${}()|\\/]/g, '\\$&');
  }
  return new RegExp(pattern.startsWith('.') ? `^${out}$` : `^(?!\\.)${out}$`);
}

/** The first file that exists, as one item; none is an error unless `skip: true`. */
export function firstFound(terms: unknown[], files: LoopFiles): unknown[] {
  const { candidates, skip } = firstFoundCandidates(terms);
  for (const candidate of candidates) {
    const paths = isAbsolute(candidate) ? [candidate] : searchDirs(files).map((d) => join(d, candidate));
    const found = paths.find((p) => existsSync(p));
    if (found) return [found];
  }
  if (skip) return [];
  throw new Error(`No file was found when using first_found (looked for ${candidates.join(', ')} in ${searchDirs(files).join(', ')})`);
}

/** Ansible's terms: names, lists of names, or { files, paths, skip } (names and paths split on , ; and :). */
function firstFoundCandidates(terms: unknown[]): { candidates: string[]; skip: boolean } {
  const candidates: string[] = [];
  let skip = false;
  for (const term of terms) {
    if (typeof term === 'string') candidates.push(term);
    else if (Array.isArray(term)) {
      const inner = firstFoundCandidates(term);
      candidates.push(...inner.candidates);
      skip = inner.skip;
    } else if (isPlainMapping(term)) {
      const split = (v: unknown, by: RegExp) => (Array.isArray(v) ? v.map(String) : v == null ? [] : [String(v)]).flatMap((s) => s.split(by)).filter(Boolean);
      const names = split(term.files, /[,;]/);
      const paths = split(term.paths, /[,:;]/);
      skip = term.skip === true || term.skip === 'true' || term.skip === 'yes';
      if (paths.length > 0) candidates.push(...paths.flatMap((p) => names.map((n) => join(p, n))));
      else candidates.push(...names);
    } else throw new Error(`first_found: can handle a string, a mapping or a list of strings, got ${JSON.stringify(term)}`);
  }
  return { candidates, skip };
}

function isPlainMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
