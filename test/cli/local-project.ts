// A throwaway project for CLI tests over the local connection: a temp folder with an inventory
// of one host, `me` (connection: local), and the built CLI run from that folder.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const main = join(import.meta.dirname, '..', '..', 'dist', 'main.js');

export interface LocalProject {
  dir: string;
  /** Runs `runbook ARGS...` in dir; stdout and stderr as text. */
  run(...args: string[]): ReturnType<typeof spawnSync<string>>;
  remove(): void;
}

export function createLocalProject(name: string): LocalProject {
  const dir = mkdtempSync(join(tmpdir(), `runbook-${name}-`));
  writeFileSync(join(dir, 'inv.yaml'), 'all:\n  hosts:\n    me: { connection: local }\n');
  return {
    dir,
    run: (...args) => spawnSync(process.execPath, [main, ...args], { cwd: dir, encoding: 'utf8', env: { ...process.env, CI: 'true' } }),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
