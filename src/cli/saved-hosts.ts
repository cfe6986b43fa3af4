// Turns each host's plan and facts into their saved form: redacted for people, keyed hashes for the rest.
import type { AptFact, FileFact, FilesFact, FindFact, HostFacts, ServiceFact, PackageFact, CommandFact, UserFact, GroupFact, MountFact, StatFact } from '../core/facts.js';
import type { PlannedTask } from '../core/plan.js';
import type { Redactor } from '../core/redactor.js';
import { Secret } from '../core/secret.js';
import { unreachable } from '../core/unreachable.js';
import type { GatheredFact, HostSnapshot } from '../executor/host-snapshot.js';
import { countChanges } from '../core/plan.js';
import type { PlanKey } from './plan-key.js';
import type { SavedFact, SavedHost, SavedTask } from './saved-plan-file.js';

export function savedHosts(snapshots: HostSnapshot[], key: PlanKey, redact: Redactor): SavedHost[] {
  return snapshots.map((s) => ({
    host: s.host,
    changes: countChanges(s.tasks),
    facts: s.facts.map((f) => savedFact(f, key, redact)),
    tasks: s.tasks.map((t) => savedTask(t, key, redact)),
  }));
}

export function savedTask(t: PlannedTask, key: PlanKey, redact: Redactor): SavedTask {
  return {
    id: t.task.id,
    name: redact(t.task.name),
    location: `${t.task.location.file}:${t.task.location.line}`,
    ...(t.task.isHandler ? { handler: true as const } : {}),
    outcome: t.outcome,
    reason: redact(t.reason),
    ...(t.outcome === 'unknown' ? { unknownUntilApplied: true as const } : {}),
    changes: t.changes.map((c) => ({
      summary: redact(c.summary),
      ...('path' in c.change ? { path: redact(c.change.path) } : {}),
      fingerprint: key.hash(canonical(c.change)),
      ...(c.diff !== undefined ? { diff: redact(c.diff) } : {}),
    })),
  };
}

function savedFact(f: GatheredFact, key: PlanKey, redact: Redactor): SavedFact {
  return { fact: redact(f.key), id: key.hash(f.key), observed: 'error' in f ? { error: redact(f.error) } : observed(f, key) };
}

/** What a fact says, minus anything that could carry a secret in the clear (bytes, command output). */
function observed(f: GatheredFact & { fact: unknown }, key: PlanKey): Record<string, unknown> {
  switch (f.request.kind) {
    case 'file':
      return observedFile(f.fact as FileFact, key);
    case 'files': {
      const { exists, files } = f.fact as FilesFact;
      return { exists, files: files.map((file) => ({ path: file.path, ...observedFile(file, key) })) };
    }
    case 'aptKeys':
      // Key ids are public; the key data asked about is part of the request, kept only as its hash (the fact's key).
      return { keys: key.hash(canonical(f.fact)) };
    case 'package': {
      const { installed, version, manager, configFiles, candidate } = f.fact as PackageFact;
      return { installed, version, manager, configFiles: configFiles ?? false, candidate: candidate ?? null };
    }
    case 'apt': {
      // The clock moves between two reads: only what a plan decides on is compared.
      const { autoremovable } = f.fact as AptFact;
      return { autoremovable: autoremovable ?? null };
    }
    case 'service': {
      const { exists, running, enabled, masked, manager } = f.fact as ServiceFact;
      return { exists, running, enabled, masked, manager };
    }
    case 'command': {
      const { exitCode, stdout, stderr } = f.fact as CommandFact;
      return { exitCode, stdout: key.hash(stdout), stderr: key.hash(stderr) };
    }
    case 'user': {
      // The shadow hash's digest only as the plan key's hash of it, as file contents are.
      // Files read in its home as files are: their contents by hash.
      const { name: _n, passwordSha256, homeFiles, ...account } = f.fact as UserFact;
      return {
        ...account,
        ...(passwordSha256 === undefined ? {} : { password: passwordSha256 === null ? null : key.hash(passwordSha256) }),
        ...(homeFiles === undefined ? {} : { homeFiles: Object.fromEntries(Object.entries(homeFiles).map(([path, file]) => [path, observedFile(file, key)])) }),
      };
    }
    case 'group': {
      const { exists, gid } = f.fact as GroupFact;
      return { exists, gid };
    }
    case 'mount': {
      const { path: _p, ...mount } = f.fact as MountFact;
      return mount;
    }
    case 'stat': {
      // The access time moves with every read of the file (the checksum's own): no plan reads it.
      const fact = f.fact as StatFact;
      if (!('stat' in fact)) return { unknownUntilApply: fact.unknownUntilApply };
      const { atime: _a, ...stable } = fact.stat;
      return { stat: key.hash(canonical(stable)) };
    }
    case 'find': {
      // The clock and access times move between two reads; bytes only as their hash.
      const fact = f.fact as FindFact;
      if (!('entries' in fact)) return 'notDirectory' in fact ? { notDirectory: true } : { unknownUntilApply: fact.unknownUntilApply };
      const entries = fact.entries.map(({ atime: _a, content, ...entry }) => ({ ...entry, ...(content !== undefined ? { content: content.toString('base64') } : {}) }));
      return { entries: key.hash(canonical(entries)), error: fact.error ?? null };
    }
    case 'archive':
    case 'git':
      // What tar listed and found different under dest: a plan decided on it is stale once any moved.
      return { [f.request.kind]: key.hash(canonical(f.fact)) };
    case 'packages':
    case 'services':
      // Every service's or package's state: a plan decided on them (`when: ... in services`) is stale once one moved.
      return { [f.request.kind]: key.hash(canonical(f.fact)) };
    case 'host': {
      // Ansible's facts, less what moves by itself between two reads (free memory, the session's
      // environment): a task that renders one of those is still compared by its planned change.
      const { memfree_mb: _m, swapfree_mb: _s, env: _e, ...stable } = f.fact as HostFacts;
      return { facts: key.hash(canonical(stable)) };
    }
    default:
      return unreachable(f.request, 'fact kind');
  }
}

/** A file's fact without its bytes: its content as the plan key's hash of its sha256. */
function observedFile(fact: FileFact, key: PlanKey): Record<string, unknown> {
  const { exists, type, link, size, sha256, mode, owner, group } = fact;
  // A directory's size follows its entries on some file systems: not a fact any plan reads.
  return { exists, type, ...(link !== undefined ? { link } : {}), ...(type === 'directory' ? {} : { size }), content: sha256 === null ? null : key.hash(sha256), mode, owner, group };
}

/** A stable text of a value: sorted keys, bytes as their sha256, secrets revealed (it is only ever hashed with the key). */
export function canonical(value: unknown): string {
  if (value instanceof Secret) return JSON.stringify({ secret: value.reveal() });
  if (Buffer.isBuffer(value)) return JSON.stringify({ bytes: value.toString('base64') });
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
