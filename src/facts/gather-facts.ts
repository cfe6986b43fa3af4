// Batches every fact request of a host into one sh script, runs it once, and parses the answers.
import { randomBytes } from 'node:crypto';
import type { FactKind, FactRequest, FactRequestOf, FactSet } from '../core/facts.js';
import type { Transport } from '../core/transport.js';
import { FactError } from './fact-error.js';
import { FACT_KINDS, factKey, kindOf } from './fact-kinds.js';
import { createFactSet, type AnyFact } from './fact-set.js';
import { mergeFactRequests } from './merge-fact-requests.js';
import { field, type ProbeField } from './probe.js';
import { missingCommands, userlandCheckScript } from './userland-check.js';

// Probes report their own failures as an `error` line (one line: newlines folded).
const ERROR_FUNCTION = String.raw`rb_err() { printf 'error %s\n' "$(printf '%s' "$*" | tr '\n' ' ')"; }`;

export interface FactScript {
  script: string;
  /** The keys of the requests it answers (as asked, before merging). */
  keys: ReadonlySet<string>;
  /** Splits the script's stdout by its markers; throws a FactError when a request got no answer. */
  parse(stdout: string): FactSet;
}

/**
 * `epilogue`: sh the engine runs in the same exec once every fact is read (its output and its failure
 * ignored), e.g. releasing the host's lock at the end of an apply's verification: one round trip less.
 */
export function buildFactScript(requests: FactRequest[], epilogue?: string): FactScript {
  const entries = mergeFactRequests(requests).map((r) => [factKey(r), r] as const);
  // A random marker per script: nothing a probed file or command prints can forge it.
  const marker = `rb-${randomBytes(8).toString('hex')}`;
  const kinds = [...new Set(entries.map(([, r]) => r.kind))].sort();
  const lines = ['LC_ALL=C; export LC_ALL', userlandCheckScript(kinds, marker), ERROR_FUNCTION, ...kinds.map((kind) => FACT_KINDS[kind].probe.prelude)];
  for (const kind of kinds) {
    const batch = batchProbe(kind, entries.map(([, r]) => r));
    if (batch) lines.push(batch);
  }
  const called = new Map<FactKind, number>();
  entries.forEach(([, request], index) => {
    const nth = called.get(request.kind) ?? 0;
    called.set(request.kind, nth + 1);
    lines.push(`echo '${marker} begin ${index}'`);
    lines.push(kindOf(request).probe.call(request, nth));
    lines.push(`echo '${marker} end ${index}'`);
  });
  if (epilogue !== undefined) lines.push(`(\n${epilogue}\n) >/dev/null 2>&1 || true`);
  lines.push('exit 0');

  return {
    script: `${lines.join('\n')}\n`,
    keys: new Set(requests.map(factKey)),
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
        answers.set(key, error !== undefined ? new FactError(key, `cannot gather ${key}: ${error}`) : kindOf(request).probe.parse(request, fields));
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

/** Gathers every request in exactly one `transport.exec` (none when there is nothing to ask nor an `epilogue` to run). */
export async function gatherFacts(transport: Transport, requests: FactRequest[], epilogue?: string): Promise<FactSet> {
  const built = buildFactScript(requests, epilogue);
  if (requests.length === 0 && epilogue === undefined) return built.parse('');
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

/** A kind's batch over its requests, in the order they are called. */
function batchProbe<K extends FactKind>(kind: K, requests: readonly FactRequest[]): string | undefined {
  return FACT_KINDS[kind].probe.batch?.(requests.filter((r): r is FactRequest & FactRequestOf<K> => r.kind === kind));
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
