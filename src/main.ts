#!/usr/bin/env node
// Bin entry: run the CLI and map its outcome to Ansible's exit codes (DESIGN.md).
import { CommanderError } from 'commander';
import { buildProgram } from './cli/program.js';
import { EngineError, EXIT } from './core/errors.js';

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

process.exitCode = await main(process.argv);
