// The editor schemas accept every runbook, role file and inventory of the repo and of the valid fixtures, and refuse known-bad ones.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OPTIONS as TASK_KEYWORDS } from '../../src/runbook/read-task.js';
import { PLAY_KEYS } from '../../src/runbook/read-play.js';
import { KEYWORDS as ROLE_KEYWORDS } from '../../src/runbook/role-definition.js';
import { createModuleCatalog } from '../../src/modules/registry.js';
import { editorSchema, type SchemaKind } from '../../src/reference/editor-schemas.js';
import { PLAY } from '../../src/reference/play-schema.js';
import { fileProblems } from './schema-validator.js';

const root = resolve(import.meta.dirname, '../..');

function yamlFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? yamlFiles(join(dir, e.name)) : /\.ya?ml$/.test(e.name) ? [join(dir, e.name)] : [],
  );
}

/** Which schema a file of a project is for, by where it lives (as `runbook schema` lists them). */
function kindOf(file: string): SchemaKind | undefined {
  if (/\/roles\/[^/]+\/tasks\//.test(file)) return 'tasks';
  if (/\/roles\/[^/]+\/handlers\//.test(file)) return 'handlers';
  if (/\/roles\/[^/]+\/defaults\//.test(file)) return 'defaults';
  if (/\/roles\/[^/]+\/meta\//.test(file)) return undefined;
  if (/\/runbooks\/vars\//.test(file)) return undefined; // vars_files: free mappings
  if (/\/runbooks\//.test(file)) return 'runbook';
  if (/\/inventory\//.test(file)) return 'inventory';
  return undefined;
}

const valid: Array<[string, SchemaKind]> = [
  ...[...yamlFiles(join(root, 'runbooks')), ...yamlFiles(join(root, 'roles')), ...yamlFiles(join(root, 'inventory'))].flatMap(
    (f): Array<[string, SchemaKind]> => (kindOf(f) ? [[f, kindOf(f)!]] : []),
  ),
  ...yamlFiles(join(root, 'test/runbook/fixtures/project')).flatMap((f): Array<[string, SchemaKind]> => (kindOf(f) ? [[f, kindOf(f)!]] : [])),
  [join(root, 'test/faults/fixtures/ok.yaml'), 'runbook'],
  [join(root, 'test/faults/fixtures/inventory.yaml'), 'inventory'],
  [join(root, 'test/inventory/fixtures/lab.yaml'), 'inventory'],
  [join(root, 'test/inventory/fixtures/keepalive.yaml'), 'inventory'],
];

describe('editor schemas', () => {
  it('cover the repo: runbooks, role tasks and handlers, defaults, inventories', () => {
    const kinds = new Set(valid.filter(([f]) => !f.includes('/test/')).map(([, k]) => k));
    expect([...kinds].sort()).toEqual(['defaults', 'handlers', 'inventory', 'runbook', 'tasks']);
  });

  it.each(valid.map(([file, kind]) => [relative(root, file), kind] as const))('accept %s (%s)', (file, kind) => {
    expect(fileProblems(kind, join(root, file))).toEqual([]);
  });

  it.each(valid.filter(([f]) => !f.includes('/test/')).map(([file, kind]) => [relative(root, file), kind] as const))(
    '%s names the %s schema for VS Code (yaml-language-server)',
    (file, kind) => {
      const line = readFileSync(join(root, file), 'utf8').split('\n')[0]!;
      const match = /^# yaml-language-server: \$schema=(\S+)$/.exec(line);
      expect(match, line).not.toBeNull();
      expect(resolve(dirname(join(root, file)), match![1]!)).toBe(join(root, 'dist/schema', `${kind}.schema.json`));
    },
  );

  const bad = join(root, 'test/runbook/fixtures/bad/runbooks');
  it.each([
    'unquoted-mode', 'scalar', 'no-module', 'bad-become', 'bad-serial', 'missing-arg', 'two-modules', 'unknown-module',
    'unknown-play-key', 'unknown-arg', 'bad-enum', 'handler-without-name', 'meta', 'listen', 'string-args',
    'task-level-args', 'ansible-modules',
  ])('refuse the known-bad runbook %s', (name) => {
    expect(fileProblems('runbook', join(bad, `${name}.yaml`))).not.toEqual([]);
  });

  it.each(['bad.yaml', 'alias-conflict.yaml'].filter((f) => f === 'bad.yaml'))('refuse the known-bad inventory %s', (name) => {
    expect(fileProblems('inventory', join(root, 'test/inventory/fixtures', name))).not.toEqual([]);
  });

  it("name every keyword the loader takes, and no other", () => {
    const task = editorSchema('tasks', createModuleCatalog()) as { definitions: Record<string, { properties: Record<string, unknown> }> };
    const taskProps = Object.keys(task.definitions.task!.properties);
    expect(TASK_KEYWORDS.filter((k) => k !== 'listen').every((k) => taskProps.includes(k))).toBe(true);
    expect(Object.keys(task.definitions.handler!.properties)).toContain('listen');
    expect(Object.keys(PLAY).sort()).toEqual([...PLAY_KEYS].sort());
    const roleEntry = (task.definitions.role_entry as unknown as { anyOf: Array<{ properties?: Record<string, unknown> }> }).anyOf[1]!;
    expect(Object.keys(roleEntry.properties!).sort()).toEqual([...ROLE_KEYWORDS].sort());
  });
});
