// A module fixture's readable facts -> the typed facts a plan reads; and a stand-in for the prepare step.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FactRequest, FileFact, FoundEntry } from '../../src/core/facts.js';
import type { Host } from '../../src/core/host.js';
import type { PrepareContext } from '../../src/core/module.js';
import type { AnyFact } from '../../src/facts/fact-set.js';
import { inHome } from '../../src/facts/user.js';
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
  if (request.kind === 'host' || request.kind === 'apt' || request.kind === 'services' || request.kind === 'packages') return { ...data } as AnyFact;
  // Ansible's stat dictionary as written (`{ exists: false }`), or the path a planned change touched.
  if (request.kind === 'stat') return ('unknown_until_apply' in data ? { path: request.path, unknownUntilApply: data.unknown_until_apply } : { path: request.path, stat: data }) as AnyFact;
  if (request.kind === 'find') return findFact(request.path, data);
  // An account's home files are written as files are (`homeFiles: { .ssh: { type: directory } }`), under its home.
  if (request.kind === 'user' && data.homeFiles !== undefined) {
    const home = data.home as string;
    const homeFiles = Object.fromEntries(Object.entries(data.homeFiles as Record<string, Record<string, unknown>>).map(([relative, file]) => [relative, toFact({ kind: 'file', path: inHome(home, relative) }, file)]));
    return { name: request.name, ...data, homeFiles } as AnyFact;
  }
  if (request.kind === 'aptKeys') return { ...data } as AnyFact;
  // A folder's listed files by name (`files: { a.list: { content: ... } }`), each written as a file fact is.
  if (request.kind === 'files') {
    const listed = Object.entries((data.files ?? {}) as Record<string, Record<string, unknown>>);
    const files = listed.map(([name, file]) => toFact({ kind: 'file', path: `${request.dir}/${name}` }, file) as FileFact).sort((a, b) => (a.path < b.path ? -1 : 1));
    return { dir: request.dir, exists: data.exists !== false, files } as AnyFact;
  }
  // An archive's listing as tar gave it (no host module asks for one: unarchive is a script module).
  if (request.kind === 'archive') return { src: request.src, ...data } as AnyFact;
  if (request.kind === 'git') return { dest: request.dest, ...data } as AnyFact;
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

/**
 * A find walk written short: `entries` in walk order, each `{ path, type?, mode?, content?, size?,
 * mtime? }` (a file 0644 root:root by default); or `not_directory: true`, or `unknown_until_apply`.
 */
function findFact(path: string, data: Record<string, unknown>): AnyFact {
  if ('unknown_until_apply' in data) return { path, unknownUntilApply: data.unknown_until_apply } as AnyFact;
  if (data.not_directory === true) return { path, notDirectory: true };
  const entries = ((data.entries ?? []) as Array<Record<string, unknown>>).map((e, i) => {
    const type = (e.type as FoundEntry['type']) ?? 'file';
    const content = typeof e.content === 'string' ? Buffer.from(e.content) : undefined;
    const mtime = (e.mtime as number) ?? 1_700_000_000;
    return {
      path: e.path as string,
      type,
      walkedAsDir: type === 'directory' || e.to_directory === true,
      mode: (e.mode as string) ?? (type === 'directory' ? '0755' : type === 'link' ? '0777' : '0644'),
      uid: 0,
      gid: 0,
      owner: 'root',
      group: 'root',
      size: (e.size as number) ?? content?.length ?? 4096,
      inode: 100 + i,
      dev: 2049,
      nlink: 1,
      atime: mtime,
      mtime,
      ctime: mtime,
      ...(content !== undefined ? { content } : {}),
      ...(typeof e.sha1 === 'string' ? { sha1: e.sha1 } : {}),
    };
  });
  return { path, entries, now: (data.now as number) ?? 1_700_000_000 };
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
    // A fixed clock: what a module writes of the time is part of its expected content.
    now: () => new Date(2026, 11, 3, 15, 4, 5, 678),
    readSource(name) {
      const path = join(moduleDir, 'files', name);
      return { path, content: readFileSync(path) };
    },
    // Honest stand-in for Nunjucks: `{{ name }}` only, and an undefined name throws as the real one does.
    render: (text, templateName, extra = {}) =>
      text.replace(/\{\{\s*(\w+)\s*\}\}/g, (_m, name: string) => {
        const all: Record<string, unknown> = { ...vars, ...extra };
        if (!(name in all)) throw new Error(`${templateName}: ${name} is undefined`);
        return String(all[name]);
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
