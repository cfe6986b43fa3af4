// What the archive and git probes read of a folder tree on the host (unarchive's tar handlers, the git module's checkout).

/** A path's mode (octal), owner and group as stat reads it (lstat), its type, for the attrs a task sets on it. */
export interface PathAttrs {
  mode: string;
  owner: string;
  group: string;
  uid: number;
  gid: number;
  type: 'file' | 'directory' | 'link' | 'other';
}

/**
 * What Ansible's unarchive reads of an archive on the host before deciding, as its tar handlers do
 * (GNU tar): a problem that stops it (no dest folder, no src, an empty src, a zip, no GNU tar, no
 * flag that lists it); or the flag that lists it (`-z`...: its handler), the names `tar --list`
 * prints, the lines of `tar --diff` that tell a difference, the user the probe ran as, and, when
 * asked, each name's attrs under dest (null: missing) and its top folder's (undefined: it has none).
 */
export type ArchiveFact =
  /** Changes planned before it touch dest, the archive or a folder above them: read once they are applied. */
  | { src: string; unknownUntilApply: string }
  | { src: string; problem: 'no-dest' | 'no-src' | 'unreadable' | 'empty' | 'zip' | 'no-gnu-tar' | 'unlisted'; detail?: string }
  | {
      src: string;
      flag: string;
      names: string[];
      differences: string[];
      uid: number;
      attrs?: Array<{ own: PathAttrs | null; top?: PathAttrs | null }>;
    };

/**
 * What Ansible's git module reads before it acts: the remote's refs (`git ls-remote REPO`: ref ->
 * sha, or why it failed), and of a repository at dest (its config there: `repo`) its HEAD, the
 * remote's URL, its tracked changes, the branch HEAD is on (or the remote HEAD's, detached), the
 * version as a local commit, and its submodules' status lines when it has a .gitmodules.
 */
export interface GitFact {
  dest: string;
  refs: Readonly<Record<string, string>> | { error: string };
  repo: boolean;
  head: string | null;
  remoteUrl: string | null;
  /** Lines of `git status --porcelain` (null when bare). */
  status: string[] | null;
  headBranch: string | null;
  /** `rev-parse --verify VERSION^{commit}`: the version as a commit of the repository, when it is one. */
  localVersion: string | null;
  /** `git branch -a` lines. */
  branches: string[];
  submodules: string[] | null;
}

/**
 * The tar words of an unarchive (Ansible's command line, in its order): `opts` after the flag
 * (`--show-transformed-names` and extra_opts), `diffOpts` for --diff and --extract only (owner,
 * group, keep-newer), `excludes` (`--exclude=...`), then after `-f SRC` the `includes`.
 */
export interface TarWords {
  opts: string[];
  diffOpts: string[];
  excludes: string[];
  includes: string[];
}
