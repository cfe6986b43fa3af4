// Runs every module fixture (test/modules/<module>/<case>.yaml): args + facts -> schema, prepare, facts, plan -> expectation.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { parse, type Tags } from 'yaml';
import type { Change } from '../../src/core/change.js';
import { EngineError } from '../../src/core/errors.js';
import type { FactRequest, FileFact } from '../../src/core/facts.js';
import type { Host } from '../../src/core/host.js';
import type { PrepareContext, TaskPlan } from '../../src/core/module.js';
import { Secret } from '../../src/core/secret.js';
import { factKey } from '../../src/facts/fact-kinds.js';
import { createFactSet, type AnyFact } from '../../src/facts/fact-set.js';
import { createModuleCatalog } from '../../src/modules/registry.js';

const root = dirname(fileURLToPath(import.meta.url));
const catalog = createModuleCatalog();
const customTags: Tags = [{ tag: '!secret', resolve: (value: string) => new Secret(value, 'fixture') }];

interface ExpectedChange {
  kind: Change['kind'];
  path?: string;
  reason: string;
  content?: string;
  mode?: string;
  owner?: string;
  group?: string;
  validate?: string;
  command_contains?: string[];
  summary?: string;
  changed_when?: string;
  timeout?: number;
}
interface Fixture {
  args: Record<string, unknown>;
  vars?: Record<string, string>;
  facts?: Record<string, Record<string, unknown>>;
  expect: { unchanged?: string; error?: string; invalid?: string; changes?: ExpectedChange[] };
}

/** Readable fixture facts -> typed facts: a file's `content` is text, its size and hash are computed. */
function toFact(request: FactRequest, data: Record<string, unknown>): AnyFact {
  if (request.kind !== 'file') return { ...(request.kind === 'command' ? { command: request.command } : { name: request.name }), ...data } as AnyFact;
  if (data.exists === false) {
    return { path: request.path, exists: false, type: null, size: 0, sha256: null, mode: null, owner: null, group: null, ...(data.link ? { link: data.link as string } : {}) };
  }
  const type = (data.type as FileFact['type']) ?? 'file';
  const content = typeof data.content === 'string' ? Buffer.from(data.content) : undefined;
  return {
    path: request.path,
    exists: true,
    type,
    size: (data.size as number) ?? content?.length ?? 4096,
    sha256: (data.sha256 as string) ?? (content ? createHash('sha256').update(content).digest('hex') : null),
    mode: (data.mode as string) ?? (type === 'directory' ? '0755' : '0644'),
    owner: (data.owner as string) ?? 'root',
    group: (data.group as string) ?? 'root',
    ...(data.link ? { link: data.link as string } : {}),
    ...(content ? { content } : {}),
  };
}

function fakePrepareContext(moduleDir: string, vars: Record<string, string>): PrepareContext {
  return {
    host: { name: 'h1', address: '10.0.4.20', groups: ['all'], vars, varSources: {} } as unknown as Host,
    readSource(name) {
      const path = join(moduleDir, 'files', name);
      return { path, content: readFileSync(path) };
    },
    // Honest stand-in for Nunjucks: `{{ name }}` only, and an undefined name throws as the real one does.
    render: (text, templateName) =>
      text.replace(/\{\{\s*(\w+)\s*\}\}/g, (_m, name: string) => {
        if (!(name in vars)) throw new Error(`${templateName}: ${name} is undefined`);
        return vars[name]!;
      }),
  };
}

function checkChange(actual: Change, want: ExpectedChange): void {
  expect(actual.kind).toBe(want.kind);
  expect(actual.reason).toContain(want.reason);
  if (want.path !== undefined) expect('path' in actual ? actual.path : undefined).toBe(want.path);
  if (want.content !== undefined) expect(actual.kind === 'write' ? actual.content.toString('utf8') : undefined).toBe(want.content);
  for (const key of ['mode', 'owner', 'group', 'validate', 'summary'] as const) {
    if (want[key] !== undefined) expect((actual as unknown as Record<string, unknown>)[key]).toBe(want[key]);
  }
  if (want.command_contains) {
    expect(actual.kind).toBe('command');
    for (const part of want.command_contains) expect(actual.kind === 'command' ? actual.command : '').toContain(part);
  }
  if (want.changed_when !== undefined) expect(actual.kind === 'command' ? actual.changedWhen : undefined).toBe(want.changed_when);
  if (want.timeout !== undefined) expect(actual.kind === 'command' ? actual.timeoutSeconds : undefined).toBe(want.timeout);
}

/** A fixture folder is a direct subfolder holding `*.yaml` cases, named after its module. */
const yamlIn = (dir: string): string[] => readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort();
const moduleDirs = readdirSync(root).filter((d) => statSync(join(root, d)).isDirectory() && yamlIn(join(root, d)).length > 0);

test('the host modules all have fixtures, and every fixture folder names a module', () => {
  expect(moduleDirs).toEqual(expect.arrayContaining(['command', 'copy', 'file', 'line', 'package', 'service', 'template']));
  for (const dir of moduleDirs) expect(catalog.get(dir), `no module named ${dir}`).toBeDefined();
});

for (const moduleName of moduleDirs) {
  const moduleDir = join(root, moduleName);
  describe(moduleName, () => {
    for (const file of yamlIn(moduleDir)) {
      test(file.replace(/\.yaml$/, ''), () => {
        const fixture = parse(readFileSync(join(moduleDir, file), 'utf8'), { customTags }) as Fixture;
        const module = catalog.get(moduleName)!;
        const parsed = module.schema.safeParse(fixture.args);
        if (fixture.expect.invalid !== undefined) {
          expect(parsed.success).toBe(false);
          if (!parsed.success) expect(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('\n')).toContain(fixture.expect.invalid);
          return;
        }
        if (!parsed.success) throw new Error(`args rejected: ${JSON.stringify(parsed.error.issues)}`);
        const prepared = module.prepare ? module.prepare(parsed.data, fakePrepareContext(moduleDir, fixture.vars ?? {})) : parsed.data;
        const requests: FactRequest[] = module.facts?.(prepared) ?? [];
        const given = fixture.facts ?? {};
        const answers = new Map<string, AnyFact>();
        for (const request of requests) {
          const key = factKey(request);
          if (!(key in given)) throw new Error(`fixture lacks the fact ${key} that the module asks for`);
          answers.set(key, toFact(request, given[key]!));
        }
        // Facts the module never asked for would make a fixture lie about what it tests.
        expect(Object.keys(given).filter((k) => !answers.has(k))).toEqual([]);

        let plan: TaskPlan;
        try {
          plan = module.plan!(prepared, createFactSet(answers));
        } catch (error) {
          if (fixture.expect.error === undefined) throw error;
          expect(error).toBeInstanceOf(EngineError);
          expect((error as Error).message).toContain(fixture.expect.error);
          return;
        }
        expect(fixture.expect.error, 'expected the plan to fail').toBeUndefined();
        if (fixture.expect.unchanged !== undefined) {
          expect(plan).toMatchObject({ status: 'unchanged' });
          if (plan.status === 'unchanged') expect(plan.reason).toContain(fixture.expect.unchanged);
          return;
        }
        expect(plan.status).toBe('change');
        const changes = plan.status === 'change' ? plan.changes : [];
        const wanted = fixture.expect.changes ?? [];
        expect(changes.map((c) => `${c.kind}: ${c.reason}`)).toHaveLength(wanted.length);
        changes.forEach((change, i) => checkChange(change, wanted[i]!));
      });
    }
  });
}
