// What a module may ask about a host before planning: requests as data, answers as typed facts.
import type { ArchiveFact, GitFact, TarWords } from './tree-facts.js';

export type { ArchiveFact, GitFact, PathAttrs, TarWords } from './tree-facts.js';

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
  /** `device:inode` of what the path names (a symlink followed): two paths with the same one are hard links. */
  inode?: string;
  /** Its number of hard links. */
  links?: number;
}

/** A checksum `stat` may ask for (Ansible's checksum_algorithm), computed by its coreutils tool on the host. */
export type ChecksumAlgorithm = 'md5' | 'sha1' | 'sha224' | 'sha256' | 'sha384' | 'sha512';

/**
 * A path as Ansible's stat module returns it (`exists`, `isdir`, `mode` as '0644', `uid`, `mtime`,
 * `checksum`...: its `stat` dictionary); or, when changes planned before it touch the path, not
 * known until those changes are applied (`unknownUntilApply` says which path).
 */
export type StatFact = { path: string; stat: Readonly<Record<string, unknown>> } | { path: string; unknownUntilApply: string };

/** One path under a `find` root, as lstat sees it (Ansible's find reports the entry itself, never a link's target). */
export interface FoundEntry {
  /** Relative to the root, as the walk met it. */
  path: string;
  type: 'file' | 'directory' | 'link' | 'block' | 'char' | 'fifo' | 'socket';
  /** Listed among a folder's directories by Python's os.walk: a directory, or a link to one (not walked into). */
  walkedAsDir: boolean;
  /** Permission bits, four octal digits ("0644"). */
  mode: string;
  uid: number;
  gid: number;
  /** The owner's and group's names; "" when the id has none. */
  owner: string;
  group: string;
  size: number;
  inode: number;
  dev: number;
  nlink: number;
  atime: number;
  mtime: number;
  ctime: number;
  /** A regular file's bytes, when asked and up to the probe's limit (1 MiB). */
  content?: Buffer;
  /** A regular file's sha1, when asked. */
  sha1?: string;
}

/**
 * A folder walked as Ansible's find walks it (os.walk, links not followed): every entry down to the
 * request's depth, in the walk's order; or not a folder; or, when changes planned before it touch
 * the tree, not known until those changes are applied.
 */
export type FindFact =
  | { path: string; entries: FoundEntry[]; /** The host's clock (epoch seconds), for `age`. */ now: number; /** The walk's first error, as Python words it. */ error?: string }
  | { path: string; notDirectory: true }
  | { path: string; unknownUntilApply: string };

export interface PackageFact {
  name: string;
  installed: boolean;
  version: string | null;
  /** The package manager found on the host. */
  manager: 'apt' | 'dnf' | 'yum' | null;
  /** apt: removed, its configuration files left (what a purge removes). */
  configFiles?: boolean;
  /** apt: the version an install would take (`apt-cache policy`), null when none; undefined when not asked. */
  candidate?: string | null;
}

/** apt's state on a host, beyond single packages. */
export interface AptFact {
  /** When the package lists were last updated (epoch seconds, as Ansible's apt reads them); null: never. */
  cacheUpdatedAt: number | null;
  /** The host's clock (epoch seconds). */
  now: number;
  /** apt-get is there (a Debian-like host). */
  aptGet: boolean;
  /** What `apt-get autoremove` would remove; undefined when not asked (or no apt). */
  autoremovable?: string[];
}

export interface ServiceFact {
  name: string;
  /** A unit or an init script exists. */
  exists: boolean;
  running: boolean;
  /** Starts at boot (Ansible's reading: a static unit is enabled); null when unknown (SysV without rc links). */
  enabled: boolean | null;
  /** systemd masks it (`systemctl mask`); never on SysV. */
  masked: boolean;
  manager: 'systemd' | 'sysv';
  /** systemd has not loaded its unit file as it is on disk (NeedDaemonReload=yes). */
  needsDaemonReload: boolean;
}

/**
 * Ansible's service_facts of a host: its services by name (`ssh.service` for a unit, `ssh` for an
 * init script), each `{ name, state, status?, source }` as that module gives them; `unsupported`
 * names the scanner the host would need that is not implemented (chkconfig, initctl, rc-status).
 */
export interface ServicesFact {
  services: Readonly<Record<string, Readonly<Record<string, string>>>>;
  unsupported?: string;
}

/**
 * Ansible's package_facts of a host: each installed package's name -> its installed versions, each
 * `{ name, version, arch, category, source: 'apt' }`; `manager` null when the host has no apt.
 */
export interface PackagesFact {
  manager: 'apt' | null;
  packages: Readonly<Record<string, ReadonlyArray<Readonly<Record<string, string>>>>>;
}

/**
 * The regular files of a folder whose names match a glob (`*.list`), each as the file kind reads it
 * (bytes up to 1 MiB), by name order; `exists` false when there is no such folder.
 */
export interface FilesFact {
  dir: string;
  exists: boolean;
  files: FileFact[];
}

/**
 * What `apt-key [--keyring K] adv --list-public-keys --keyid-format=long` lists (the long ids of its
 * `pub`/`sub` lines that are not expired, as Ansible's apt_key reads them), or why it could not be
 * read; with a key `file` or `data`, the ids gpg reads in it. `stale`: a path (the key file, the
 * keyring) a change planned before it writes, so what it holds is known only at apply.
 */
export interface AptKeysFact {
  listed: { ids: string[] } | { error: string };
  offered?: { ids: string[] } | { error: string };
  stale?: string;
}

export interface CommandFact {
  command: string;
  exitCode: number;
  stdout: string;
  stderr: string;
}

/** A local account, as /etc/passwd, /etc/group and /etc/shadow say. */
export interface UserFact {
  name: string;
  exists: boolean;
  uid: number | null;
  gid: number | null;
  /** The name of the group with the account's gid, null when no group has it. */
  group: string | null;
  /** The groups that list it as a member (/etc/group), sorted. */
  groups: string[];
  comment: string | null;
  home: string | null;
  /** Whether something exists at `home` (false when the account does not). */
  homeExists: boolean;
  shell: string | null;
  /**
   * sha256 of the shadow password field without its leading `!`s (only when asked, and null when
   * the account has no shadow entry): the hash itself never leaves the host.
   */
  passwordSha256?: string | null;
  /** Its shadow ageing fields (only when asked; null when it has no shadow entry): what chage -m, -M and -W set. */
  ageing?: PasswordAgeing | null;
  /**
   * The asked files of its home (only when asked, and only for an account that exists), by their
   * path relative to the home (`.ssh/authorized_keys`); each fact's `path` is the full one.
   */
  homeFiles?: Readonly<Record<string, FileFact>>;
}

/** /etc/shadow's days: minimum and maximum password age, warning before expiry; -1 when the field is empty (as getspnam reads it). */
export interface PasswordAgeing {
  min: number;
  max: number;
  warn: number;
}

/** A local group, as /etc/group says. */
export interface GroupFact {
  name: string;
  exists: boolean;
  gid: number | null;
}

/**
 * What /proc/self/mountinfo says of a mount point (its last mount there, the one a path reaches):
 * its source, file system type and mount options; all null when nothing is mounted there.
 */
export interface MountFact {
  path: string;
  mounted: boolean;
  source: string | null;
  fstype: string | null;
  options: string | null;
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
  /**
   * Ansible's `find` walk of a folder: down to `depth` levels (0: all), with the bytes of regular
   * files when `contents` (for `contains`; `hidden`: also of dot files) and their sha1 when
   * `checksum`, of those whose name matches one of `names` (find's -name) when given.
   */
  find: { request: { path: string; depth: number; contents?: boolean; hidden?: boolean; checksum?: boolean; names?: string[] }; fact: FindFact };
  /**
   * `candidate`: read the version apt would install (`apt-cache policy`, with `release` as the
   * default release): `always` (state latest) or `missing` (only for a package not installed, so a
   * run where all are installed spawns no apt-cache).
   */
  package: { request: { name: string; candidate?: 'always' | 'missing'; release?: string }; fact: PackageFact };
  /** One per host: the package lists' age, and what autoremove would remove when `autoremove` asks. */
  apt: { request: { autoremove?: boolean }; fact: AptFact };
  service: { request: { name: string }; fact: ServiceFact };
  /** One per host: every service, as Ansible's service_facts reads them. */
  services: { request: object; fact: ServicesFact };
  /** One per host: every installed package, as Ansible's package_facts reads them. */
  packages: { request: object; fact: PackagesFact };
  /** The regular files of a folder matching a glob (apt's sources.list.d/*.list), with their bytes. */
  files: { request: { dir: string; glob: string }; fact: FilesFact };
  /** The keys apt trusts (apt-key, in `keyring` when given), and the ids of a key `file` (on the host) or `data` offered. */
  aptKeys: { request: { keyring?: string; file?: string; data?: string }; fact: AptKeysFact };
  /** A read-only command (a `unless:` guard, a SQL query through the mysql client). */
  command: { request: { command: string }; fact: CommandFact };
  /**
   * A local account; `password`: also read /etc/shadow (root only) for the hash's digest; `ageing`:
   * its shadow ageing fields; `homeFiles`: files in its home (paths relative to it), read once the
   * home is known.
   */
  user: { request: { name: string; password?: boolean; ageing?: boolean; homeFiles?: string[] }; fact: UserFact };
  group: { request: { name: string }; fact: GroupFact };
  /** Whether a path is a mount point, as /proc/self/mountinfo lists it. */
  mount: { request: { path: string }; fact: MountFact };
  /** An archive on the host, listed and compared with dest as Ansible's unarchive does (`attrs`: also each entry's attrs). */
  archive: { request: { src: string; dest: string; tar: TarWords; attrs: boolean }; fact: ArchiveFact };
  /** A git checkout at dest and the refs of the repository it follows (`ssh`: GIT_SSH_COMMAND for ls-remote). */
  git: { request: { git: string; dest: string; repo: string; remote: string; version: string; bare: boolean; ssh?: string }; fact: GitFact };
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
