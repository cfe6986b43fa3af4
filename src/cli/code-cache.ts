// Runs a CommonJS file (the bundled CLI) with V8's code cache: the bytecode of every function a
// run compiled, saved after that run, so the next start skips parsing and compiling them.
//
// Measured here (no-change apply on 3 lab hosts, alternating): medians 0.45-0.49 s against
// 0.56-0.70 s for the same code as ES modules, which Node 20 cannot cache (Node 22's
// module.enableCompileCache() does the like for modules). The cache is a file per bundle build,
// Node version and kind of command, under $XDG_CACHE_HOME/runbook (~/.cache/runbook); V8 refuses
// one that does not match its source, version or flags, and it is then written anew. Any failure
// to read or write it only costs the speed-up. RUNBOOK_NO_CODE_CACHE=1 (or Node's own
// NODE_DISABLE_COMPILE_CACHE=1) turns it off. The file must not use import(): such a script has
// no dynamic-import callback (the bundle turns them into require).
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire, Module } from 'node:module';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { Script } from 'node:vm';

export interface CachedModule<T> {
  exports: T;
  /** Whether V8 compiled the file from the cache (false: no cache yet, or it was refused). */
  fromCache: boolean;
  /** Saves the cache when it was missing or refused: call after the run, which compiled what it used. */
  save(): void;
}

export function cacheDirectory(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.RUNBOOK_NO_CODE_CACHE === '1' || env.NODE_DISABLE_COMPILE_CACHE === '1') return undefined;
  if (env.RUNBOOK_CODE_CACHE_DIR) return env.RUNBOOK_CODE_CACHE_DIR;
  const base = env.XDG_CACHE_HOME || join(env.HOME || homedir(), '.cache');
  return join(base, 'runbook');
}

/**
 * Loads `file` as a CommonJS module, from `cacheDir`'s cache when there is a good one. `flavor`
 * keeps apart the caches of runs that use different code (an apply, `lab up`, `--version`): each
 * is saved once, after the first run of its kind, with all that run compiled.
 */
export function requireWithCodeCache<T>(file: string, cacheDir: string | undefined, flavor: string): CachedModule<T> {
  const source = readFileSync(file, 'utf8');
  const name = cacheName(file, flavor);
  const cacheFile = cacheDir === undefined ? undefined : join(cacheDir, name.file);
  const cachedData = cacheFile === undefined ? undefined : readTrusted(cacheFile);
  const script = new Script(Module.wrap(source), {
    filename: file,
    ...(cachedData ? { cachedData } : {}),
  });
  const fromCache = cachedData !== undefined && !script.cachedDataRejected;
  const module = { exports: {} as T };
  const wrapper = script.runInThisContext() as (exports: T, require: NodeJS.Require, module: { exports: T }, filename: string, dirname: string) => void;
  wrapper.call(module.exports, module.exports, createRequire(file), module, file, dirname(file));
  return {
    exports: module.exports,
    fromCache,
    save() {
      if (fromCache || cacheFile === undefined) return;
      try {
        mkdirSync(dirname(cacheFile), { recursive: true, mode: 0o700 });
        // Written aside, then renamed: two runs at once never leave half a cache.
        const partial = `${cacheFile}.${process.pid}.tmp`;
        writeFileSync(partial, script.createCachedData(), { mode: 0o600 });
        renameSync(partial, cacheFile);
        pruneStale(dirname(cacheFile), name);
      } catch {
        // A read-only or full disk: the next run compiles as this one did.
      }
    },
  };
}

interface CacheName {
  file: string;
  /** The same for every build: `-<flavor>.cache`. */
  suffix: string;
}

/** One name per build of the file (size and mtime), Node version, platform and flavor. */
function cacheName(file: string, flavor: string): CacheName {
  const { size, mtimeMs } = statSync(file);
  const key = [file, size, mtimeMs, process.version, process.arch, process.platform].join('\0');
  const id = createHash('sha256').update(key).digest('hex').slice(0, 16);
  const suffix = `-${flavor.replace(/[^a-z0-9-]/gi, '_')}.cache`;
  return { file: `code-${id}${suffix}`, suffix };
}

/** A day unused: a cache of an earlier build (or another install) of the same flavor goes. */
const STALE_MS = 24 * 60 * 60 * 1000;

/** Removes the caches of other builds of this flavor not written for a day, so rebuilds do not pile up. */
function pruneStale(dir: string, keep: CacheName): void {
  for (const entry of readdirSync(dir)) {
    if (entry === keep.file || !entry.startsWith('code-') || !entry.endsWith(keep.suffix)) continue;
    const path = join(dir, entry);
    if (Date.now() - statSync(path).mtimeMs > STALE_MS) rmSync(path, { force: true });
  }
}

/**
 * The cache's bytes, only when the file and its folder belong to this user and nobody else may
 * write them: the cache is code this process runs (think of `sudo` keeping a user's HOME).
 */
function readTrusted(path: string): Buffer | undefined {
  try {
    const uid = process.getuid?.();
    for (const p of [dirname(path), path]) {
      const st = statSync(p);
      if ((uid !== undefined && st.uid !== uid) || (st.mode & 0o022) !== 0) return undefined;
    }
    return readFileSync(path);
  } catch {
    return undefined;
  }
}
