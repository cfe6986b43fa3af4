// A templated include name (`"{{ ansible_os_family }}.yml"`) -> every file it may name, read before the run.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { byCodePoint } from '../core/by-code-point.js';

/** A file a templated name may render to: the name as rendered (`Debian.yml`) and the file found for it. */
export interface IncludeCandidate {
  name: string;
  file: string;
}

/**
 * The files the name may render to, each `{{ ... }}` taken as any text within one path segment
 * (`setup-*.yml`), looked for in `dirs` in order: a name found in an earlier folder wins, as the
 * include itself finds it; a name that ends in a template takes only .yml, .yaml and .json files.
 * Sorted by name.
 */
export function includeCandidates(template: string, dirs: string[]): IncludeCandidate[] {
  // A name that ends in a template (`{{ file }}`) may name only YAML files, not the README beside them.
  const accept = (name: string) => !/\}\}\s*$/.test(template) || /\.(ya?ml|json)$/.test(name);
  const segments = template.replace(/\{\{.*?\}\}/gs, '\0').split('/');
  const found = new Map<string, string>();
  for (const dir of dirs) {
    for (const name of expand(dir, segments)) {
      if (!found.has(name) && accept(name)) found.set(name, resolve(dir, name));
    }
  }
  return [...found].map(([name, file]) => ({ name, file })).sort((a, b) => byCodePoint(a.name, b.name));
}

/** The relative names under `dir` whose segments match, a `\0` standing for any text. */
function expand(dir: string, segments: string[]): string[] {
  let names = [''];
  segments.forEach((segment, i) => {
    const last = i === segments.length - 1;
    names = names.flatMap((prefix) => {
      if (!segment.includes('\0')) return [join(prefix, segment)];
      const pattern = new RegExp(`^${segment.split('\0').map(escapeRegExp).join('.*')}$`);
      const here = join(dir, prefix);
      if (!existsSync(here) || !statSync(here).isDirectory()) return [];
      return readdirSync(here).filter((entry) => !entry.startsWith('.') && pattern.test(entry)).map((entry) => join(prefix, entry));
    });
    if (last) names = names.filter((name) => existsSync(join(dir, name)) && statSync(join(dir, name)).isFile());
  });
  return names;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
