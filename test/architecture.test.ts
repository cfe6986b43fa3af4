// Imports flow one way (STYLE.md): each src folder may import only the folders listed here.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const src = resolve(dirname(fileURLToPath(import.meta.url)), '../src');

const allowed: Record<string, string[]> = {
  core: [],
  runbook: ['core'],
  inventory: ['core'],
  vars: ['core'],
  reporting: ['core'],
  facts: ['core'],
  modules: ['core', 'facts'],
  planner: ['core', 'modules', 'facts', 'vars'],
  executor: ['core', 'planner', 'modules', 'facts', 'vars'],
  lab: ['core'],
  'cloud-emulator': ['core'],
  build: [],
  // JSON Schemas, module docs: read from the catalog and the loader's keyword lists.
  reference: ['core', 'modules', 'runbook', 'inventory'],
  cli: ['reference', 'core', 'runbook', 'inventory', 'vars', 'reporting', 'facts', 'modules', 'planner', 'executor', 'lab', 'cloud-emulator'],
};

/** Third-party libraries and the one folder (or file) allowed to import each. */
const adapters: Record<string, string[]> = {
  ssh2: ['executor/transports/ssh.ts', 'executor/transports/'],
  listr2: ['reporting/listr-reporter.ts'],
  // Parsed in one place; the to_yaml filters only write it.
  yaml: ['runbook/parse-yaml.ts', 'vars/ansible-filters.ts'],
  nunjucks: ['vars/render.ts', 'vars/'],
  'tencentcloud-sdk-nodejs-common': ['modules/lib/tencentcloud/'],
  'ssh-config': ['executor/transports/ssh-config.ts'],
  picocolors: ['reporting/colors.ts'],
  esbuild: ['build/'],
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:^|\n)\s*(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)].map(
    (m) => (m[1] ?? m[2])!,
  );
}

describe('architecture', () => {
  const files = sourceFiles(src);

  it('finds the source files', () => {
    expect(files.length).toBeGreaterThan(20);
  });

  it('keeps imports flowing one way between src folders', () => {
    const violations: string[] = [];
    for (const file of files) {
      const rel = relative(src, file);
      const folder = rel.includes('/') ? rel.split('/')[0]! : '';
      if (!folder) continue; // main.ts wires the CLI
      for (const spec of importsOf(file).filter((s) => s.startsWith('.'))) {
        const target = relative(src, resolve(dirname(file), spec));
        const targetFolder = target.split('/')[0]!;
        if (targetFolder === folder) continue;
        if (!(allowed[folder] ?? []).includes(targetFolder)) violations.push(`${rel} imports ${target}`);
      }
    }
    expect(violations).toEqual([]);
  });

  it('keeps each third-party library behind its adapter', () => {
    const violations: string[] = [];
    for (const file of files) {
      const rel = relative(src, file);
      for (const spec of importsOf(file)) {
        const places = adapters[spec];
        if (places && !places.some((p) => (p.endsWith('/') ? rel.startsWith(p) : rel === p))) violations.push(`${rel} imports ${spec}`);
      }
    }
    expect(violations).toEqual([]);
  });
});
