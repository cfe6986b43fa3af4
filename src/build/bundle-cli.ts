// `npm run build`'s second step: bundles the compiled CLI (dist/cli/main.js) into dist/bundle/, which
// the `runbook` command (dist/main.js) loads. Why: Node 20 has no compile cache, and loading ~300
// small ES modules (ours, zod's, yaml's) cost ~0.2 s of every run, a quarter of a no-change apply.
// Parts only some runs need (a terminal's progress display, the lab) are chunks loaded on demand.
// Run as a script: node dist/build/bundle-cli.js
import { build } from 'esbuild';
import { chmodSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const dist = dirname(dirname(fileURLToPath(import.meta.url)));

/**
 * Kept out of the bundle, loaded from node_modules as they are: ssh2 loads its native crypto binding
 * by a relative path; the cloud SDK and zx are CommonJS-heavy or large and only loaded when a run
 * needs them (a cloud module, a local host).
 */
const EXTERNAL = ['ssh2', 'tencentcloud-sdk-nodejs-common', 'zx'];

const outdir = join(dist, 'bundle');
rmSync(outdir, { recursive: true, force: true }); // chunk names change with their content
await build({
  entryPoints: { cli: join(dist, 'cli', 'main.js') },
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

// tsc writes files 0644; `npx runbook` executes the bin itself.
chmodSync(join(dist, 'main.js'), 0o755);
