// The code cache the `runbook` command starts from: made after a first run, used by the next, refused when stale, never in the way.
// Each load runs in a process of its own, as each `runbook` does (V8 reuses what one process compiled).
import { spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { transformSync } from 'esbuild';
import { afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { cacheDirectory } from '../../src/cli/code-cache.js';

// code-cache.ts uses only Node's own modules: compiled alone, it runs in a plain `node`.
const driverDir = mkdtempSync(join(tmpdir(), 'runbook-code-cache-driver-'));
beforeAll(() => {
  const source = readFileSync(new URL('../../src/cli/code-cache.ts', import.meta.url), 'utf8');
  writeFileSync(join(driverDir, 'code-cache.mjs'), transformSync(source, { loader: 'ts', format: 'esm' }).code);
  writeFileSync(
    join(driverDir, 'driver.mjs'),
    `import { requireWithCodeCache } from './code-cache.mjs';
const [file, cacheDir, flavor] = process.argv.slice(2);
const loaded = requireWithCodeCache(file, cacheDir === '-' ? undefined : cacheDir, flavor);
loaded.save();
console.log(JSON.stringify({ fromCache: loaded.fromCache, answer: loaded.exports.answer(), here: loaded.exports.here() }));
`,
  );
  return () => rmSync(driverDir, { recursive: true, force: true });
});

let dir: string;
let file: string;
let cacheDir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'runbook-code-cache-'));
  file = join(dir, 'bundle.cjs');
  cacheDir = join(dir, 'cache');
  writeFileSync(file, "const path = require('node:path');\nmodule.exports = { answer: () => 42, here: () => path.basename(__filename) };\n");
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

interface Loaded {
  fromCache: boolean;
  answer: number;
  here: string;
}
/** Loads the file in a new node process and saves the cache after, as a run does (`dir` null: no cache). */
function load(flavor = 'run', { dir = cacheDir as string | null } = {}): Loaded {
  const r = spawnSync(process.execPath, [join(driverDir, 'driver.mjs'), file, dir ?? '-', flavor], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`driver failed (${r.status}): ${r.stderr}`);
  return JSON.parse(r.stdout) as Loaded;
}

describe('requireWithCodeCache', () => {
  test('the first run compiles and saves; the next starts from the cache', () => {
    expect(load()).toEqual({ fromCache: false, answer: 42, here: 'bundle.cjs' });
    expect(readdirSync(cacheDir)).toHaveLength(1);
    expect(load()).toEqual({ fromCache: true, answer: 42, here: 'bundle.cjs' });
  });

  test('a damaged cache is refused and written anew; the code runs either way', () => {
    load();
    const [name] = readdirSync(cacheDir);
    writeFileSync(join(cacheDir, name!), 'not a code cache');
    expect(load()).toMatchObject({ fromCache: false, answer: 42 });
    expect(readFileSync(join(cacheDir, name!)).length).toBeGreaterThan(100);
    expect(load().fromCache).toBe(true);
  });

  test('a rebuilt file and another kind of run get caches of their own', () => {
    load();
    expect(load('lab').fromCache).toBe(false);
    writeFileSync(file, "module.exports = { answer: () => 43, here: () => 'rebuilt' };\n");
    expect(load()).toEqual({ fromCache: false, answer: 43, here: 'rebuilt' });
    expect(readdirSync(cacheDir)).toHaveLength(3);
  });

  test('a cache someone else could have written is not used (another owner, or group/world-writable)', () => {
    load();
    const [name] = readdirSync(cacheDir);
    const cache = join(cacheDir, name!);
    chmodSync(cache, 0o666);
    expect(load()).toMatchObject({ fromCache: false, answer: 42 });
    chmodSync(cache, 0o600);
    expect(load().fromCache).toBe(true);
    chmodSync(cacheDir, 0o777);
    expect(load().fromCache).toBe(false);
    chmodSync(cacheDir, 0o700);
    if (process.getuid?.() === 0) {
      chownSync(cache, 65534, 65534);
      expect(load()).toMatchObject({ fromCache: false, answer: 42 });
    }
  });

  test("saving removes this flavor's caches of other builds unused for a day, and only those", () => {
    mkdirSync(cacheDir);
    const old = new Date(Date.now() - 2 * 24 * 3600 * 1000);
    const stale = join(cacheDir, 'code-0000000000000000-run.cache');
    const recent = join(cacheDir, 'code-1111111111111111-run.cache');
    const otherFlavor = join(cacheDir, 'code-2222222222222222-lab.cache');
    for (const path of [stale, recent, otherFlavor]) writeFileSync(path, 'x');
    utimesSync(stale, old, old);
    utimesSync(otherFlavor, old, old);
    load();
    expect(existsSync(stale)).toBe(false);
    expect(existsSync(recent)).toBe(true);
    expect(existsSync(otherFlavor)).toBe(true);
  });

  test('without a cache directory nothing is read or written', () => {
    expect(load('run', { dir: null })).toMatchObject({ fromCache: false, answer: 42 });
    expect(load('run', { dir: null }).fromCache).toBe(false);
    expect(existsSync(cacheDir)).toBe(false);
  });

  test('a cache directory that cannot be written costs only the speed-up', () => {
    writeFileSync(cacheDir, 'a file where the directory should be');
    expect(load()).toMatchObject({ fromCache: false, answer: 42 });
    expect(load()).toMatchObject({ fromCache: false, answer: 42 });
  });
});

describe('cacheDirectory', () => {
  test('XDG_CACHE_HOME, else ~/.cache; RUNBOOK_CODE_CACHE_DIR overrides', () => {
    expect(cacheDirectory({ XDG_CACHE_HOME: '/x/cache', HOME: '/home/u' })).toBe('/x/cache/runbook');
    expect(cacheDirectory({ HOME: '/home/u' })).toBe('/home/u/.cache/runbook');
    expect(cacheDirectory({ HOME: '/home/u', RUNBOOK_CODE_CACHE_DIR: '/elsewhere' })).toBe('/elsewhere');
  });

  test('RUNBOOK_NO_CODE_CACHE=1 or NODE_DISABLE_COMPILE_CACHE=1 turns it off', () => {
    expect(cacheDirectory({ HOME: '/home/u', RUNBOOK_NO_CODE_CACHE: '1' })).toBeUndefined();
    expect(cacheDirectory({ HOME: '/home/u', NODE_DISABLE_COMPILE_CACHE: '1' })).toBeUndefined();
  });
});
