// What a module may ask about a host before planning: requests as data, answers as typed facts.

export interface FileFact {
  path: string;
  exists: boolean;
  /** null when absent. A symlink is followed (stat -L) and reported as the type of its target, with `link` set. */
  type: 'file' | 'directory' | 'other' | null;
  /** Target of a symlink at `path`, when it is one. */
  link?: string;
  size: number;
  /** Hex sha256 of a regular file's bytes; null otherwise. */
  sha256: string | null;
  /** Four-digit octal, e.g. "0644"; null when absent. */
  mode: string | null;
  owner: string | null;
  group: string | null;
  /** The bytes, for regular files up to the probe's size limit (1 MiB); undefined above it. */
  content?: Buffer;
}

export interface PackageFact {
  name: string;
  installed: boolean;
  version: string | null;
  /** The package manager found on the host. */
  manager: 'apt' | 'dnf' | 'yum' | null;
}

export interface ServiceFact {
  name: string;
  /** A unit or an init script exists. */
  exists: boolean;
  running: boolean;
  /** null when unknown (no systemd and no rc links). */
  enabled: boolean | null;
  manager: 'systemd' | 'sysv';
}

export interface CommandFact {
  command: string;
  exitCode: number;
  stdout: string;
  stderr: string;
}

/** The kinds of fact the probes can gather; a module asks for them by request. */
export interface FactKinds {
  /**
   * `expectSha256`: the sha256 the asker will write there (template, copy). When the file already
   * has it, only the hash comes back, not the bytes: a no-change run moves no file contents and
   * hashes every expected file in one process on the host.
   */
  file: { request: { path: string; expectSha256?: string }; fact: FileFact };
  package: { request: { name: string }; fact: PackageFact };
  service: { request: { name: string }; fact: ServiceFact };
  /** A read-only command (a `unless:` guard, a SQL query through the mysql client). */
  command: { request: { command: string }; fact: CommandFact };
}

export type FactKind = keyof FactKinds;

export type FactRequestOf<K extends FactKind> = { kind: K } & FactKinds[K]['request'];

export type FactRequest = { [K in FactKind]: FactRequestOf<K> }[FactKind];

/** The answers of one host, looked up by the request that asked. */
export interface FactSet {
  get<K extends FactKind>(request: FactRequestOf<K>): FactKinds[K]['fact'];
}

/**
 * One request per key, in first-asked order. Several askers of the same file keep an expected
 * hash only when they all expect the same one: any other asker may need the bytes (a `line`
 * edit, a diff against a different content).
 */
export function mergeFactRequests(requests: Iterable<FactRequest>): FactRequest[] {
  const merged = new Map<string, FactRequest>();
  for (const request of requests) {
    const key = factKey(request);
    const seen = merged.get(key);
    if (seen === undefined) merged.set(key, request);
    else if (seen.kind === 'file' && request.kind === 'file' && seen.expectSha256 !== undefined && seen.expectSha256 !== request.expectSha256) {
      merged.set(key, { kind: 'file', path: seen.path });
    }
  }
  return [...merged.values()];
}

/** A stable key for a request, so equal requests from several tasks are gathered once. */
export function factKey(request: FactRequest): string {
  switch (request.kind) {
    case 'file':
      return `file:${request.path}`;
    case 'package':
      return `package:${request.name}`;
    case 'service':
      return `service:${request.name}`;
    case 'command':
      return `command:${request.command}`;
  }
}
