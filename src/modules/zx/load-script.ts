// Loads a zx task's script: a module file through require (no dynamic import: see below), or inline code compiled in place.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { compileFunction } from 'node:vm';
import type { ZxContext } from './context.js';
import { ScriptError } from './script-error.js';

export type ZxSource =
  | { kind: 'file'; path: string }
  /** Inline code; `line` is the runbook line its first line is on. */
  | { kind: 'inline'; code: string; file: string; line: number };

export type ZxFunction = (ctx: ZxContext) => unknown;

export interface LoadedScript {
  main: ZxFunction;
  check?: ZxFunction;
  /** What the plan calls it: `drills/vip.mjs`, `runbooks/site.yaml:12`. */
  label: string;
  /** How its own stack frames name it, to locate errors: a file URL, or the runbook path. */
  frameName: string;
}

/** The names inline code sees, besides `ctx` itself. */
const CONTEXT_NAMES = ['$', 'local$', 'host', 'hosts', 'groups', 'args', 'check', 'log', 'changed', 'diff', 'sleep', 'signal'] as const;

/*
 * A module file is loaded with require(), which Node >= 20.19 gives ES modules too: the bundled CLI
 * runs from a code cache (vm.Script), where import() has no callback (ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING).
 * The price: no top-level await in a script file (its functions may await freely).
 */
const requireScript = createRequire(import.meta.url);
const loaded = new Map<string, LoadedScript>();

export function loadScript(source: ZxSource): LoadedScript {
  const key = source.kind === 'file' ? `file:${source.path}` : `inline:${source.file}:${source.line}:${source.code}`;
  let script = loaded.get(key);
  if (!script) {
    script = source.kind === 'file' ? loadFile(source.path) : compileInline(source);
    loaded.set(key, script);
  }
  return script;
}

function loadFile(path: string): LoadedScript {
  const label = relative(process.cwd(), path) || path;
  const frameName = pathToFileURL(path).href;
  let exports: unknown;
  try {
    exports = requireScript(path);
  } catch (error) {
    if ((error as { code?: string }).code === 'ERR_REQUIRE_ASYNC_MODULE') {
      throw new ScriptError(`${label}: top-level await is not supported in a zx script; await inside its exported functions`);
    }
    throw ScriptError.located(error, { frameName, label, path }, error instanceof SyntaxError ? syntaxErrorAt(path) : undefined);
  }
  const ns = exports as { default?: unknown; check?: unknown };
  const main = typeof ns === 'function' ? ns : ns.default;
  if (typeof main !== 'function') throw new ScriptError(`${label}: a zx script must export a default function (export default async function (ctx) {...})`);
  if (ns.check !== undefined && typeof ns.check !== 'function') throw new ScriptError(`${label}: its export "check" must be a function`);
  return { main: main as ZxFunction, ...(ns.check ? { check: ns.check as ZxFunction } : {}), label, frameName };
}

/**
 * Inline code becomes the body of an async function of the context's names, compiled with the
 * runbook as its file name and its lines where they are written, so a stack frame reads
 * `runbooks/site.yaml:14`. Compiling runs none of it: a syntax error shows at load.
 */
export function compileInline(source: Extract<ZxSource, { kind: 'inline' }>): LoadedScript {
  const label = `${source.file}:${source.line}`;
  // The wrapper shares the code's first line, so every line keeps its number.
  const body = `return (async () => {${source.code}\n})();`;
  let fn: (...values: unknown[]) => unknown;
  try {
    fn = compileFunction(body, ['ctx', ...CONTEXT_NAMES], { filename: source.file, lineOffset: source.line - 1 }) as typeof fn;
  } catch (error) {
    throw ScriptError.located(error, { frameName: source.file, label });
  }
  const main: ZxFunction = (ctx) => fn(ctx, ...CONTEXT_NAMES.map((name) => ctx[name]));
  return { main, label, frameName: source.file };
}

/**
 * Where a script file's syntax error is: require() of an ES module does not say (Node 20 keeps it
 * out of the stack), `node --check` does. Only ever run on that failure.
 */
function syntaxErrorAt(path: string): { callSite: string; message: string } | undefined {
  const check = spawnSync(process.execPath, ['--check', path], { encoding: 'utf8', timeout: 10_000 });
  const first = check.stderr.split('\n')[0] ?? '';
  const message = /^SyntaxError: .*$/m.exec(check.stderr)?.[0];
  return first.includes(':') && message ? { callSite: first, message: message.replace(/^SyntaxError: /, '') } : undefined;
}

/** The runbook line inline code starts on: the next one for a block scalar (`code: |`), else the value's own. */
export function firstCodeLine(location: { file: string; line: number; column: number }): number {
  try {
    const text = readFileSync(location.file, 'utf8').split('\n')[location.line - 1] ?? '';
    return /^[|>]/.test(text.slice(location.column - 1)) ? location.line + 1 : location.line;
  } catch {
    return location.line;
  }
}
