// Start-up: what a `runbook --version` costs started each way, against Node alone: from V8's code cache (dist/main.js,
// today's way), without it, from a user-land startup snapshot (snapshot-entry.cjs), through `npx runbook`, and as
// the `runbook` command on PATH (README's Getting started: a link to dist/main.js).
import { mkdirSync, symlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCollected, runTimed } from './run-timed.mjs';
import { summarize } from './stats.mjs';

const here = dirname(fileURLToPath(import.meta.url));

/** Builds the snapshot blob in `tmpDir`: its path, or why it could not be built. */
async function buildSnapshot(ctx) {
  const blob = join(ctx.tmpDir, 'cli.snapshot.blob');
  const env = { ...process.env, RUNBOOK_BUNDLE: join(ctx.root, 'dist', 'bundle', 'cli.cjs') };
  const r = await runCollected('node', ['--snapshot-blob', blob, '--build-snapshot', join(here, 'snapshot-entry.cjs')], { env, cwd: ctx.root });
  return r.code === 0 ? { blob } : { failed: `exit ${r.code}: ${r.stderr.split('\n').filter((l) => !/Warning|It may|To request|trace-warnings/.test(l)).join(' ').slice(0, 300)}` };
}

/** Each way, `times` runs, alternating: medians in ms, or why a way could not run. */
export async function measureStartup(ctx, times) {
  const binDir = join(ctx.tmpDir, 'bin');
  mkdirSync(binDir, { recursive: true });
  symlinkSync(ctx.mainJs, join(binDir, 'runbook'));
  const onPath = { ...process.env, PATH: `${binDir}:${process.env.PATH}` };
  const snapshot = await buildSnapshot(ctx);
  const ways = [
    ['node -e 0 (the floor: Node alone)', 'node', ['-e', '0'], process.env],
    ['node dist/main.js --version (code cache)', 'node', [ctx.mainJs, '--version'], process.env],
    ['the same, RUNBOOK_NO_CODE_CACHE=1', 'node', [ctx.mainJs, '--version'], { ...process.env, RUNBOOK_NO_CODE_CACHE: '1' }],
    ['runbook --version (on PATH: a link to dist/main.js)', 'runbook', ['--version'], onPath],
    ['npx runbook --version', 'npx', ['runbook', '--version'], process.env],
    ...(snapshot.blob ? [['node --snapshot-blob (startup snapshot) --version', 'node', ['--snapshot-blob', snapshot.blob, 'runbook', '--version'], process.env]] : []),
  ];
  const walls = ways.map(() => []);
  const failures = new Map();
  for (let i = 0; i < times; i++) {
    for (const [k, [label, cmd, args, env]] of ways.entries()) {
      const r = await runTimed(cmd, args, { env, cwd: ctx.root, tmpDir: ctx.tmpDir });
      if (r.code !== 0 || (k > 0 && !/^\d+\.\d+\.\d+/.test(r.stdout.trim()))) failures.set(label, `exit ${r.code}: ${(r.stderr || r.stdout).trim().slice(0, 200)}`);
      walls[k].push(r.ms);
    }
  }
  return {
    rows: ways.map(([label], k) => ({ label, summary: failures.has(label) ? undefined : summarize(walls[k]), failed: failures.get(label) })),
    snapshotFailed: snapshot.failed,
  };
}
