// The command fact kind: a read-only guard command (`unless:`, a SQL query), its exit code and bounded output.
import type { CommandFact } from '../core/facts.js';
import { shQuote } from '../core/sh-quote.js';
import type { FactKindDefinition } from './fact-kind.js';
import { field, type Probe } from './probe.js';

/** Bytes of stdout and of stderr kept per command. */
export const OUTPUT_LIMIT = 64 * 1024;
/** Seconds a guard may run before it is killed (exit 124), so one stuck guard cannot stall a host's plan. */
export const GUARD_TIMEOUT_SECONDS = 60;

// The guard runs in its own `sh -c` (an `exit` in it ends only the guard) with no stdin, and
// its output goes through files and base64, so nothing it prints can break the framing.
const PRELUDE = String.raw`rb_tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$rb_tmp"' EXIT
rb_command() {
  timeout ${GUARD_TIMEOUT_SECONDS} sh -c "$1" </dev/null >"$rb_tmp/o" 2>"$rb_tmp/e"
  echo "exit $?"
  printf 'stdout '; head -c ${OUTPUT_LIMIT} "$rb_tmp/o" | base64 -w0; echo
  printf 'stderr '; head -c ${OUTPUT_LIMIT} "$rb_tmp/e" | base64 -w0; echo
}`;

const probe: Probe<'command'> = {
  prelude: PRELUDE,
  call: (request) => `rb_command ${shQuote(request.command)}`,
  parse(request, fields): CommandFact {
    const exitCode = Number(field(fields, 'exit') ?? 'NaN');
    const decode = (key: string): string => Buffer.from(field(fields, key) ?? '', 'base64').toString('utf8');
    let stderr = decode('stderr');
    if (exitCode === 124) stderr += `\n(killed after ${GUARD_TIMEOUT_SECONDS}s)`;
    return { command: request.command, exitCode: Number.isNaN(exitCode) ? -1 : exitCode, stdout: decode('stdout'), stderr };
  },
};

export const commandKind: FactKindDefinition<'command'> = {
  key: (request) => request.command,
  probe,
  // What a command would print after the planned changes cannot be known without running it.
  planned: (request, gathered) => gathered.get(request),
  // A command may read any file: once the apply has changed one, run it again.
  standsAfter: () => false,
};
