// Brings the embedded lab up (4 hosts) once before the lab test files; takes it down after them only if it was not already running.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import { labDown, labLayout, labStatus, labUp, resolveLabDir } from '../../src/lab/index.js';
import './helpers/lab-info.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

function newestMtime(dir: string): number {
  return Math.max(
    0,
    ...readdirSync(dir, { withFileTypes: true }).map((e) =>
      e.isDirectory() ? newestMtime(join(dir, e.name)) : e.name.endsWith('.ts') ? statSync(join(dir, e.name)).mtimeMs : 0,
    ),
  );
}

/**
 * The tests run the CLI (dist/main.js, loading the bundle dist/bundle/) and hosts run the compiled stand-ins and
 * forwarder (dist/lab/): build when either is missing or older than any source file.
 */
function ensureBuilt(): void {
  const outputs = [join(root, 'dist', 'main.js'), join(root, 'dist', 'bundle', 'cli.cjs'), join(root, 'dist', 'lab', 'healthz-server.js')];
  const newest = newestMtime(join(root, 'src'));
  if (outputs.every((f) => existsSync(f) && statSync(f).mtimeMs >= newest)) return;
  try {
    execFileSync('npm', ['run', 'build'], { cwd: root, stdio: 'ignore' });
  } catch {
    // tsc exits non-zero on type errors elsewhere in the project yet still emits; the check below decides.
  }
  for (const f of outputs) if (!existsSync(f)) throw new Error(`${f} missing after \`npm run build\`: fix the build first`);
}

export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  const reason =
    process.platform !== 'linux' ? `the lab needs Linux, this is ${process.platform}` : process.getuid?.() !== 0 ? 'the lab needs root (run the lab tests as root)' : '';
  project.provide('labSkipReason', reason);
  if (reason) {
    console.warn(`\n[lab] SKIPPING lab tests: ${reason}\n`);
    project.provide('lab', null);
    return undefined;
  }
  ensureBuilt();
  const dir = resolveLabDir(undefined, process.env);
  // Someone may be working on a running lab (the lead's HA scenario on lab-h0/h1): never take it away under them.
  const wasUp = (await labStatus({ dir })).hosts.some((h) => h.up);
  const began = Date.now();
  const state = await labUp({ hosts: 4, dir, log: (line) => console.log(`[lab] ${line}`) });
  console.log(`[lab] up in ${Date.now() - began} ms`);
  const layout = labLayout(dir);
  project.provide('lab', {
    dir,
    inventoryFile: state.inventoryFile,
    keyFile: state.keyFile,
    knownHostsFile: state.knownHostsFile,
    stateFile: layout.stateFile,
    hosts: state.hosts.map((h) => ({ name: h.name, address: h.address, port: h.port })),
  });
  if (wasUp) return undefined;
  return async () => {
    await labDown({ dir, log: (line) => console.log(`[lab] ${line}`) });
  };
}
