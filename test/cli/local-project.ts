// A throwaway project for CLI tests over the local connection: a temp folder with an inventory
// of one host, `me` (connection: local), and the built CLI run from that folder (run-cli.ts).
// The engine's record on the local host (pending handlers) goes to the project's own `state`
// folder (RUNBOOK_STATE_DIR), not to this machine's /var/lib/runbook.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type CliResult, runCli } from './run-cli.js';

export interface LocalProject {
  dir: string;
  /** RUNBOOK_STATE_DIR of the project's runs: where the local host's pending handlers are recorded. */
  stateDir: string;
  /** Runs `runbook ARGS...` in dir. */
  run(...args: string[]): Promise<CliResult>;
  /** `runbook apply FILE -i inv.yaml --yes --json`. */
  apply(file: string): Promise<CliResult>;
  /** `runbook check FILE -i inv.yaml EXTRA...`. */
  check(file: string, ...extra: string[]): Promise<CliResult>;
  /** Writes a runbook (or any file) in dir, one array entry per line. */
  writeRunbook(file: string, lines: string[]): void;
  remove(): void;
}

export function createLocalProject(name: string): LocalProject {
  const dir = mkdtempSync(join(tmpdir(), `runbook-${name}-`));
  const stateDir = join(dir, 'state');
  writeFileSync(join(dir, 'inv.yaml'), 'all:\n  hosts:\n    me: { connection: local }\n');
  const run = (...args: string[]) => runCli(args, { cwd: dir, env: { CI: 'true', RUNBOOK_STATE_DIR: stateDir } });
  return {
    dir,
    stateDir,
    run,
    apply: (file) => run('apply', file, '-i', 'inv.yaml', '--yes', '--json'),
    check: (file, ...extra) => run('check', file, '-i', 'inv.yaml', ...extra),
    writeRunbook: (file, lines) => writeFileSync(join(dir, file), lines.join('\n')),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
