// The CLI: runs a command line and maps its outcome to Ansible's exit codes (DESIGN.md).
// The `runbook` command (src/main.ts) loads this from the bundle build/bundle-cli.ts makes.
// Every byte it prints goes through the run's redactor (redacting-output.ts); no stack trace reaches
// a user unless RUNBOOK_DEBUG is set.
import { CommanderError } from 'commander';
import { buildProgram } from './program.js';
import { EngineError, EXIT } from '../core/errors.js';
import { createRedactor } from '../core/redactor.js';
import { secretEnvironment } from '../core/secret-environment.js';
import { installRedactingOutput } from './redacting-output.js';

export async function main(argv: string[]): Promise<number> {
  let code = 0;
  const redact = createRedactor(secretEnvironment(process.env));
  installRedactingOutput([process.stdout, process.stderr], redact);
  const io = { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env, cwd: process.cwd(), redact };
  const program = buildProgram(io, (c) => (code = c));
  try {
    await program.parseAsync(argv);
    return code;
  } catch (error) {
    return report(error, io.stderr, Boolean(process.env.RUNBOOK_DEBUG));
  }
}

/** Prints an error the way a user should see it; returns the exit code. */
function report(error: unknown, stderr: NodeJS.WritableStream, debug: boolean): number {
  if (error instanceof CommanderError) {
    // --help and --version end through here with exit code 0; commander already printed its message.
    return error.exitCode === 0 ? 0 : EXIT.usage;
  }
  if (error instanceof EngineError) {
    stderr.write(`runbook: ${error.message}\n${debug ? `${error.stack}\n` : ''}`);
    return error.exitCode;
  }
  const message = error instanceof Error ? error.message : String(error);
  stderr.write(`runbook: internal error: ${message}\n${debug && error instanceof Error ? `${error.stack}\n` : 'set RUNBOOK_DEBUG=1 for the stack trace\n'}`);
  return 1;
}
