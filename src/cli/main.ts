// The CLI: runs a command line and maps its outcome to Ansible's exit codes (DESIGN.md).
// The `runbook` command (src/main.ts) loads this from the bundle build/bundle-cli.ts makes.
import { CommanderError } from 'commander';
import { buildProgram } from './program.js';
import { EngineError, EXIT } from '../core/errors.js';

export async function main(argv: string[]): Promise<number> {
  let code = 0;
  const io = { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env, cwd: process.cwd() };
  const program = buildProgram(io, (c) => (code = c)).exitOverride();
  try {
    await program.parseAsync(argv);
    return code;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end through here with exit code 0.
      return error.exitCode === 0 ? 0 : EXIT.usage;
    }
    if (error instanceof EngineError) {
      process.stderr.write(`runbook: ${error.message}\n`);
      return error.exitCode;
    }
    process.stderr.write(`runbook: internal error: ${(error as Error)?.stack ?? String(error)}\n`);
    return 1;
  }
}
