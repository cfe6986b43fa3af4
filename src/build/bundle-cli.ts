// `npm run build`'s second step: bundles the compiled CLI (dist/main.js) into dist/bin/runbook.js.
// Why: Node 20 has no module compile cache, and loading ~300 small ESM files (ours, zod's, yaml's)
// cost ~0.4 s of every run, most of a no-change apply. One file per lazily loaded part instead.
// Run as a script: node dist/build/bundle-cli.js
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const dist = dirname(dirname(fileURLToPath(import.meta.url)));

/**
 * Kept out of the bundle, loaded from node_modules as they are: ssh2 loads its native crypto binding
 * by a relative path; the cloud SDK and zx are CommonJS-heavy or large and only loaded when a run
 * needs them (a cloud module, a local host).
 */
const EXTERNAL = ['ssh2', 'tencentcloud-sdk-nodejs-common', 'zx'];

const outdir = join(dist, 'bin');
rmSync(outdir, { recursive: true, force: true }); // chunk names change with their content
await build({
  entryPoints: { runbook: join(dist, 'main.js') },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external: EXTERNAL,
  // Bundled CommonJS dependencies (nunjucks, commander) call require(): give the ESM chunks one.
  banner: { js: "import { createRequire as __runbookRequire } from 'node:module';\nconst require = __runbookRequire(import.meta.url);" },
  // Less to parse at every start (~30 ms); names are kept, so stack traces still read, and the
  // source maps lead back to src/.
  sourcemap: true,
  minifyWhitespace: true,
  minifySyntax: true,
  logLevel: 'warning',
});
