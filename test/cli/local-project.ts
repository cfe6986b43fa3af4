// A throwaway project for CLI tests over the local connection: a temp folder with an inventory
// of one host, `me` (connection: local), and the built CLI run from that folder.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const main = join(import.meta.dirname, '..', '..', 'dist', 'main.js');

export interface LocalProject {
  dir: string;
  /** Runs `runbook ARGS...` in dir; stdout and stderr as text. */
  run(...args: string[]): ReturnType<typeof spawnSync<string>>;
  /** `runbook apply FILE -i inv.yaml --yes --json`. */
  apply(file: string): ReturnType<typeof spawnSync<string>>;
  /** `runbook check FILE -i inv.yaml EXTRA...`. */
  check(file: string, ...extra: string[]): ReturnType<typeof spawnSync<string>>;
  /** Writes a runbook (or any file) in dir, one array entry per line. */
  writeRunbook(file: string, lines: string[]): void;
  remove(): void;
}

/** The local host's engine record (pending handlers) lives here: a test that notifies creates it. */
const ENGINE_STATE_DIR = '/var/lib/runbook';

export function createLocalProject(name: string): LocalProject {
  const dir = mkdtempSync(join(tmpdir(), `runbook-${name}-`));
  const hadStateDir = existsSync(ENGINE_STATE_DIR);
  writeFileSync(join(dir, 'inv.yaml'), 'all:\n  hosts:\n    me: { connection: local }\n');
  const run = (...args: string[]) => spawnSync(process.execPath, [main, ...args], { cwd: dir, encoding: 'utf8', env: { ...process.env, CI: 'true' } });
  return {
    dir,
    run,
    apply: (file) => run('apply', file, '-i', 'inv.yaml', '--yes', '--json'),
    check: (file, ...extra) => run('check', file, '-i', 'inv.yaml', ...extra),
    writeRunbook: (file, lines) => writeFileSync(join(dir, file), lines.join('\n')),
    remove: () => {
      rmSync(dir, { recursive: true, force: true });
      // Leave this machine as found: the folder goes if this test made it and left it empty.
      if (!hadStateDir) {
        try {
          rmdirSync(ENGINE_STATE_DIR);
        } catch {
          // not empty, or already gone: not ours to remove
        }
      }
    },
  };
}
