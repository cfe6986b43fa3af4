// A `src:` file of a task (a template, a copied file): the first of its search folders that holds it.
import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';

export function readSource(name: string, searchDirs: string[]): { path: string; content: Buffer } {
  const candidates = isAbsolute(name) ? [name] : searchDirs.map((dir) => join(dir, name));
  for (const path of candidates) {
    if (existsSync(path)) return { path, content: readFileSync(path) };
  }
  throw new Error(`src "${name}" not found; looked in ${candidates.join(', ')}`);
}
