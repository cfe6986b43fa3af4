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

/** A checksum `stat` may ask for (Ansible's checksum_algorithm), computed by its coreutils tool on the host. */
export type ChecksumAlgorithm = 'md5' | 'sha1' | 'sha224' | 'sha256' | 'sha384' | 'sha512';

/**
 * A path as Ansible's stat module returns it (`exists`, `isdir`, `mode` as '0644', `uid`, `mtime`,
 * `checksum`...: its `stat` dictionary); or, when changes planned before it touch the path, not
 * known until those changes are applied (`unknownUntilApply` says which path).
 */
export type StatFact = { path: string; stat: Readonly<Record<string, unknown>> } | { path: string; unknownUntilApply: string };

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

/**
 * Ansible's facts of a host, by the names its setup module gives them without the `ansible_`
 * prefix (`os_family`, `default_ipv4`, ...): what `ansible_facts[...]` holds and what every
 * `ansible_NAME` variable is. A fact that could not be read on the host is absent.
 */
export type HostFacts = Readonly<Record<string, unknown>>;

/**
 * The kinds of fact the probes can gather; a module asks for them by request. Their request and
 * answer types live here because core's contracts name them (a module's facts() and plan(), a
 * change's `before`) and core imports nothing; everything else about a kind (its key, probe,
 * simulation on planned changes, invalidation) is in facts/<kind>.ts, listed in facts/fact-kinds.ts.
 */
export interface FactKinds {
  /**
   * `expectSha256`: the sha256 the asker will write there (template, copy). When the file already
   * has it, only the hash comes back, not the bytes: a no-change run moves no file contents and
   * hashes every expected file in one process on the host.
   */
  file: { request: { path: string; expectSha256?: string }; fact: FileFact };
  /** Ansible's `stat` of a path: `follow` a symlink or not, a checksum when asked. */
  stat: { request: { path: string; follow: boolean; checksum?: ChecksumAlgorithm }; fact: StatFact };
  package: { request: { name: string }; fact: PackageFact };
  service: { request: { name: string }; fact: ServiceFact };
  /** A read-only command (a `unless:` guard, a SQL query through the mysql client). */
  command: { request: { command: string }; fact: CommandFact };
  /** Ansible's facts (`gather_facts`): one request per host, asked when a play or a template needs them. */
  host: { request: object; fact: HostFacts };
}

export type FactKind = keyof FactKinds;

export type FactRequestOf<K extends FactKind> = { kind: K } & FactKinds[K]['request'];

export type FactRequest = { [K in FactKind]: FactRequestOf<K> }[FactKind];

/** The answers of one host, looked up by the request that asked. */
export interface FactSet {
  get<K extends FactKind>(request: FactRequestOf<K>): FactKinds[K]['fact'];
}
