// `npm run build`'s second step: bundles the compiled CLI (dist/cli/main.js) into one CommonJS file,
// dist/bundle/cli.cjs, which the `runbook` command (dist/main.js) runs with V8's code cache
// (cli/code-cache.ts). Why: loading ~300 small ES modules (ours, zod's, yaml's) cost ~0.2 s of every
// run; one file, compiled from a cache made after a real run, starts in a fraction of that. CommonJS
// because Node 20 can give a code cache only to a script (vm.Script), not to an ES module. Parts only
// some runs need (a terminal's progress display, the lab) are in the file but never compiled unless run.
// Run as a script: node dist/build/bundle-cli.js
import { build, type Plugin } from 'esbuild';
import { chmodSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const dist = dirname(dirname(fileURLToPath(import.meta.url)));

/**
 * Kept out of the bundle, loaded from node_modules as they are: the cloud SDK and zx are large and
 * only loaded when a run needs them (a cloud module, a local host); cpu-features is native.
 */
const EXTERNAL = ['tencentcloud-sdk-nodejs-common', 'zx', 'cpu-features'];

/**
 * ssh2 is bundled (its ~25 files then come from the code cache too), except the parts it finds by
 * a path relative to its own files: the native crypto binding and the poly1305 WebAssembly loader
 * (which reads its .wasm beside it). Those stay in node_modules, required by package path.
 */
const ssh2FileParts: Plugin = {
  name: 'ssh2-file-parts',
  setup(b) {
    b.onResolve({ filter: /(\.node|[\\/]crypto[\\/]poly1305\.js)$/ }, (args) => {
      const file = resolve(args.resolveDir, args.path);
      const inPackages = file.split(`${sep}node_modules${sep}`);
      if (inPackages.length < 2) return undefined;
      return { path: inPackages[inPackages.length - 1]!.split(sep).join('/'), external: true };
    });
  },
};

/** The bundled CLI, relative to dist/ (main.ts loads it by this path; not exported: importing this script runs the build). */
const CLI_BUNDLE = join('bundle', 'cli.cjs');

const outdir = join(dist, 'bundle');
rmSync(outdir, { recursive: true, force: true }); // no stale chunks of earlier builds
await build({
  entryPoints: [join(dist, 'cli', 'main.js')],
  outfile: join(dist, CLI_BUNDLE),
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  external: EXTERNAL,
  plugins: [ssh2FileParts],
  // The sources locate the project from their own URL (lab/lab-script-path.ts): the bundle's.
  banner: { js: "const __runbook_import_meta_url = require('node:url').pathToFileURL(__filename).href;" },
  define: { 'import.meta.url': '__runbook_import_meta_url' },
  // import() of a package (the cloud SDK) becomes require(): a script run from a code cache has no
  // dynamic-import callback (ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING), and the SDK is CommonJS anyway.
  supported: { 'dynamic-import': false },
  // Less to read at every start; names are kept, so stack traces still read, and the source map
  // leads back to src/.
  sourcemap: true,
  minifyWhitespace: true,
  minifySyntax: true,
  logLevel: 'warning',
});

// Every start reads the bundle: pure ASCII, Node decodes it on its fast path and V8 keeps it as a
// one-byte string; one non-ASCII character (esbuild leaves those of regular expressions as they are)
// costs ~20 ms per start. Write such a character as an escape (\u2018) in the source.
const bundled = readFileSync(join(dist, CLI_BUNDLE));
const nonAscii = bundled.findIndex((byte) => byte > 0x7f);
if (nonAscii >= 0) {
  const line = bundled.subarray(0, nonAscii).toString('latin1').split('\n').length;
  throw new Error(`${join(dist, CLI_BUNDLE)}:${line}: a non-ASCII character (${bundled.subarray(Math.max(0, nonAscii - 40), nonAscii + 8).toString('utf8')}): write it as an escape in the source`);
}

// tsc writes files 0644; `npx runbook` executes the bin itself.
chmodSync(join(dist, 'main.js'), 0o755);
