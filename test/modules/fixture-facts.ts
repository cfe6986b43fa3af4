// A module fixture's readable facts -> the typed facts a plan reads; and a stand-in for the prepare step.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FactRequest, FileFact } from '../../src/core/facts.js';
import type { Host } from '../../src/core/host.js';
import type { PrepareContext } from '../../src/core/module.js';
import type { AnyFact } from '../../src/facts/fact-set.js';
import { TemplateError } from '../../src/core/errors.js';
import { evaluateCondition } from '../../src/vars/evaluate-condition.js';
import { createRenderer } from '../../src/vars/render.js';

const renderer = createRenderer();

/** The answer to a module's one command fact, written short: `{ exit_code, stdout, stderr }`. */
export interface CommandAnswer {
  exit_code?: number;
  stdout?: string;
  stderr?: string;
}

/** Readable fixture facts -> typed facts: a file's `content` is text, its size and hash are computed. */
export function toFact(request: FactRequest, data: Record<string, unknown>): AnyFact {
  if (request.kind === 'host' || request.kind === 'apt') return { ...data } as AnyFact;
  // Ansible's stat dictionary as written (`{ exists: false }`), or the path a planned change touched.
  if (request.kind === 'stat') return ('unknown_until_apply' in data ? { path: request.path, unknownUntilApply: data.unknown_until_apply } : { path: request.path, stat: data }) as AnyFact;
  if (request.kind === 'mount') return { path: request.path, mounted: false, source: null, fstype: null, options: null, ...data } as AnyFact;
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
    ...(data.inode !== undefined ? { inode: data.inode as string, links: (data.links as number) ?? 1 } : {}),
  };
}

export function commandFact(command: string, answer: CommandAnswer): AnyFact {
  return { command, exitCode: answer.exit_code ?? 0, stdout: answer.stdout ?? '', stderr: answer.stderr ?? '' };
}

/** `src:` files come from the fixture folder's files/; templates see the fixture's `vars`. */
export function fakePrepareContext(moduleDir: string, vars: Record<string, string>, varsFiles: Record<string, Record<string, unknown>> = {}): PrepareContext {
  return {
    host: { name: 'h1', address: '10.0.4.20', groups: ['all'], vars, varSources: {} } as unknown as Host,
    locate: () => ({ file: join(moduleDir, 'fixture.yaml'), line: 1, column: 1 }),
    varsFiles: () => varsFiles,
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
    // Conditions and expressions by the engine's own evaluator, over the fixture's vars.
    evaluate: (condition, arg) => evaluateCondition(condition, vars, `fixture ${arg}`, renderer),
    valueOf: (expression, arg) => {
      try {
        return renderer.evaluate(expression, vars, `fixture ${arg}`);
      } catch (error) {
        if (error instanceof TemplateError && error.undefinedName !== undefined) return undefined;
        throw error;
      }
    },
  };
}
