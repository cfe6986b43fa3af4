// A user-land startup snapshot of the CLI bundle, for the bench to weigh against V8's code cache:
//   node --snapshot-blob BLOB --build-snapshot snapshot-entry.cjs   (RUNBOOK_BUNDLE: dist/bundle/cli.cjs)
//   node --snapshot-blob BLOB runbook ARGS...                      (runs the CLI's main with ARGS)
// The bundle is evaluated into the heap at build time; a snapshot builder can only require Node's own
// modules, so a package the bundle requires at load (ssh2's native crypto binding) is missing in the
// snapshot for good (ssh2 falls back to its JavaScript), and one it requires later (zx) comes from a
// real require once the snapshot runs. Measured only: runbook does not ship it (README, Performance).
const { startupSnapshot } = require('node:v8');
const { readFileSync } = require('node:fs');
const { dirname } = require('node:path');
const vm = require('node:vm');

const bundle = process.env.RUNBOOK_BUNDLE;
let realRequire;
function bundleRequire(id) {
  if (realRequire) return realRequire(id);
  try {
    return require(id);
  } catch {
    const error = new Error(`Cannot find module '${id}' (not in the snapshot)`);
    error.code = 'MODULE_NOT_FOUND';
    throw error;
  }
}
const cjs = { exports: {} };
const wrapper = vm.runInThisContext(`(function (exports, require, module, __filename, __dirname) {${readFileSync(bundle, 'utf8')}\n})`, { filename: bundle });
wrapper(cjs.exports, bundleRequire, cjs, bundle, dirname(bundle));

startupSnapshot.setDeserializeMainFunction(async () => {
  realRequire = require('node:module').createRequire(bundle);
  // Run as `node --snapshot-blob BLOB runbook ARGS...`: argv[1] is that placeholder (else Node would take --version as its own).
  process.exitCode = await cjs.exports.main([process.argv[0], bundle, ...process.argv.slice(2)]);
});
