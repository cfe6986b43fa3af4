// Runs the built CLI (dist/main.js, what `npx runbook` runs) the way a user would: a child process with no TTY, its exit code,
// output and duration. The one way tests start the CLI: unit tests (test/cli, test/faults) and lab tests (test/lab/helpers) alike.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The compiled entry point (`npx runbook` runs the same file). */
export const CLI_MAIN = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'dist', 'main.js');

export interface CliResult {
  /** Exit code; null when the process had to be killed (it outlived timeoutMs). */
  code: number | null;
  stdout: string;
  stderr: string;
  /** stdout and stderr, for "appears nowhere" checks. */
  output: string;
  ms: number;
  timedOut: boolean;
}

export interface CliOptions {
  cwd?: string;
  env?: Record<string, string>;
  /** A CLI that hangs is a failure, not a stuck test: it is killed after this long (default 60 s). */
  timeoutMs?: number;
}

export function runCli(args: string[], opts: CliOptions = {}): Promise<CliResult> {
  if (!existsSync(CLI_MAIN)) throw new Error(`${CLI_MAIN} missing: build first (npx tsc -p .)`);
  const began = Date.now();
  return new Promise((resolve, reject) => {
    // stdin is /dev/null and stdout/stderr are pipes: no TTY anywhere, as in CI.
    const child = spawn(process.execPath, [CLI_MAIN, ...args], {
      cwd: opts.cwd,
      env: { ...process.env, NO_COLOR: '1', ...opts.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, opts.timeoutMs ?? 60_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code: timedOut ? null : code, stdout, stderr, output: `${stdout}\n${stderr}`, ms: Date.now() - began, timedOut });
    });
  });
}

/** A compact description of a run for assertion messages. */
export function describeRun(r: CliResult): string {
  const tail = (s: string) => s.split('\n').slice(-40).join('\n');
  return `exit ${r.code}${r.timedOut ? ' (killed: timed out)' : ''} after ${r.ms} ms\n--- stdout\n${tail(r.stdout)}\n--- stderr\n${tail(r.stderr)}`;
}
