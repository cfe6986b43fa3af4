// Batches every fact request of a host into one sh script, runs it once, and parses the answers.
import { randomBytes } from 'node:crypto';
import { factKey, type FactKind, type FactRequest, type FactSet, mergeFactRequests } from '../core/facts.js';
import type { Transport } from '../core/transport.js';
import { commandProbe } from './command-probe.js';
import { FactError } from './fact-error.js';
import { createFactSet, type AnyFact } from './fact-set.js';
import { fileProbe } from './file-probe.js';
import { packageProbe } from './package-probe.js';
import { field, type Probe, type ProbeField } from './probe.js';
import { serviceProbe } from './service-probe.js';
import { missingCommands, userlandCheckScript } from './userland-check.js';

const PROBES: { [K in FactKind]: Probe<K> } = {
  file: fileProbe,
  package: packageProbe,
  service: serviceProbe,
  command: commandProbe,
};

// Probes report their own failures as an `error` line (one line: newlines folded).
const ERROR_FUNCTION = String.raw`rb_err() { printf 'error %s\n' "$(printf '%s' "$*" | tr '\n' ' ')"; }`;

export interface FactScript {
  script: string;
  /** Splits the script's stdout by its markers; throws a FactError when a request got no answer. */
  parse(stdout: string): FactSet;
}

export function buildFactScript(requests: FactRequest[]): FactScript {
  const entries = mergeFactRequests(requests).map((r) => [factKey(r), r] as const);
  // A random marker per script: nothing a probed file or command prints can forge it.
  const marker = `rb-${randomBytes(8).toString('hex')}`;
  const kinds = [...new Set(entries.map(([, r]) => r.kind))].sort();
  const lines = ['LC_ALL=C; export LC_ALL', userlandCheckScript(kinds, marker), ERROR_FUNCTION, ...kinds.map((kind) => PROBES[kind].prelude)];
  const ofKind = new Map(kinds.map((kind) => [kind, entries.map(([, r]) => r).filter((r) => r.kind === kind)]));
  for (const kind of kinds) {
    const batch = (PROBES[kind] as Probe<FactKind>).batch?.(ofKind.get(kind) as never);
    if (batch) lines.push(batch);
  }
  const called = new Map<FactKind, number>();
  entries.forEach(([, request], index) => {
    const nth = called.get(request.kind) ?? 0;
    called.set(request.kind, nth + 1);
    lines.push(`echo '${marker} begin ${index}'`);
    lines.push(callProbe(request, nth));
    lines.push(`echo '${marker} end ${index}'`);
  });
  lines.push('exit 0');

  return {
    script: `${lines.join('\n')}\n`,
    parse(stdout: string): FactSet {
      const lacking = missingCommands(stdout, marker);
      if (lacking !== undefined) {
        throw new FactError(entries[0]![0], `the host lacks ${lacking.join(', ')} (commands the fact script runs; GNU coreutils or BusyBox provide them)`);
      }
      const sections = splitSections(stdout, marker);
      const answers = new Map<string, AnyFact | FactError>();
      const missing: string[] = [];
      entries.forEach(([key, request], index) => {
        const fields = sections.get(index);
        if (fields === undefined) {
          missing.push(key);
          return;
        }
        const error = field(fields, 'error');
        answers.set(key, error !== undefined ? new FactError(key, `cannot gather ${key}: ${error}`) : parseProbe(request, fields));
      });
      if (missing.length > 0) {
        throw new FactError(
          missing[0]!,
          `the fact script ended before answering ${missing.join(', ')}; the host's shell output was cut short`,
        );
      }
      return createFactSet(answers);
    },
  };
}

/** Gathers every request in exactly one `transport.exec` (none when there is nothing to ask). */
export async function gatherFacts(transport: Transport, requests: FactRequest[]): Promise<FactSet> {
  const built = buildFactScript(requests);
  if (requests.length === 0) return built.parse('');
  const result = await transport.exec(built.script);
  try {
    return built.parse(result.stdout);
  } catch (error) {
    if (!(error instanceof FactError)) throw error;
    const stderr = result.stderr.trim().split('\n').slice(-5).join('\n');
    throw new FactError(
      error.key,
      `${transport.hostName}: ${error.message} (exit ${result.exitCode}${stderr ? `; stderr: ${stderr}` : ''}); ${failureHint(stderr, error.message)}`,
    );
  }
}

/** sudo's own refusals (become) say what to fix; anything else points at the host's shell. */
function failureHint(stderr: string, message: string): string {
  if (/^the host lacks /.test(message)) return 'install them, or put them first in the PATH of non-interactive SSH sessions';
  if (/a password is required|incorrect password attempt|sudo: .*(not in the sudoers|not allowed)/.test(stderr)) {
    return 'sudo refused (become): give the user NOPASSWD in sudoers, or set become_password (a !secret)';
  }
  return 'check that /bin/sh and coreutils work there';
}

function callProbe(request: FactRequest, index: number): string {
  return (PROBES[request.kind] as Probe<FactKind>).call(request as never, index);
}

function parseProbe(request: FactRequest, fields: readonly ProbeField[]): AnyFact {
  return (PROBES[request.kind] as Probe<FactKind>).parse(request as never, fields);
}

/** index -> the `key value` lines between `MARKER begin N` and `MARKER end N`. */
function splitSections(stdout: string, marker: string): Map<number, ProbeField[]> {
  const sections = new Map<number, ProbeField[]>();
  let current: { index: number; fields: ProbeField[] } | undefined;
  for (const line of stdout.split('\n')) {
    if (line.startsWith(`${marker} `)) {
      const [, what, n] = line.split(' ');
      if (what === 'begin') current = { index: Number(n), fields: [] };
      else if (what === 'end' && current !== undefined && current.index === Number(n)) {
        sections.set(current.index, current.fields);
        current = undefined;
      }
      continue;
    }
    if (current === undefined) continue;
    const space = line.indexOf(' ');
    current.fields.push(space < 0 ? [line, ''] : [line.slice(0, space), line.slice(space + 1)]);
  }
  return sections;
}
