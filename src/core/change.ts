// What a module wants done on a host: a closed set of change kinds, each with its reason.
import type { FileFact } from './facts.js';

export interface FileAttrs {
  /** In a change, a four-digit octal string ("0644"); as a task asks it, also symbolic ("u+rwX"). */
  mode?: string;
  owner?: string;
  group?: string;
}

interface ChangeBase {
  /** Why this change is needed, for people: `content differs`, `nginx is stopped`. */
  reason: string;
}

/** Write a whole file: temp file beside the target, validate, rename (atomic). */
export interface WriteFileChange extends ChangeBase, FileAttrs {
  kind: 'write';
  path: string;
  /** The state it was planned against: apply refuses to overwrite anything else (compare-and-swap). */
  before: FileFact;
  content: Buffer;
  /**
   * A validation command. With `%s` it gets the temp file; without, the new file is swapped in,
   * the command checks the whole configuration, and the old file is put back if it fails.
   */
  validate?: string;
  /** Keep the old file as `PATH.TIMESTAMP.bak` (mode and owner kept). */
  backup?: boolean;
}

/** Change mode/owner/group of an existing path, content untouched. */
export interface AttrsChange extends ChangeBase, FileAttrs {
  kind: 'attrs';
  path: string;
  before: FileFact;
}

export interface DirectoryChange extends ChangeBase, FileAttrs {
  kind: 'directory';
  path: string;
  before: FileFact;
}

/** Remove a file, link or (recursively) a directory. */
export interface RemoveChange extends ChangeBase {
  kind: 'remove';
  path: string;
  before: FileFact;
}

/**
 * Make `path` a symbolic link to `target` (as written: relative to the link's folder) or a hard link
 * to the file `target` (absolute), replacing what is there (a file, or an empty folder for a
 * symbolic link) by a rename.
 */
export interface LinkChange extends ChangeBase {
  kind: 'link';
  path: string;
  target: string;
  hard: boolean;
  before: FileFact;
  /** What the link will name, as the plan saw it (for the simulation of later facts). */
  targetFact: FileFact;
}

/**
 * A text's before and after (null: absent), for a diff: a path, or a label for what has none (a
 * user's crontab).
 */
export interface FileTexts {
  path: string;
  before: string | null;
  after: string | null;
}

/** Run a command on the host. Its effect cannot be known ahead: the plan says "would run". */
export interface CommandChange extends ChangeBase {
  kind: 'command';
  /** A POSIX sh script. */
  command: string;
  /** Short text for the plan (`service nginx reload`); defaults to the command. */
  summary?: string;
  /**
   * Planned on every run by nature (a command with no guard, a restart or reload asked for): not
   * a sign that the host drifted when it is planned again after an apply.
   */
  always?: boolean;
  /** Expression on `rc`, `stdout`, `stderr`: whether the run counts as a change (default: it does). */
  changedWhen?: string;
  /** Expression on `rc`, `stdout`, `stderr`: whether the run failed (default: rc != 0). */
  failedWhen?: string;
  /** Seconds before the command is killed and the task fails. */
  timeoutSeconds?: number;
  /**
   * The daemon this command starts as a new process (a start, a restart): a reload or restart of it
   * notified before this command ran is redundant afterwards (see planner/fresh-starts.ts).
   */
  starts?: string;
  /**
   * The check that a daemon this command started (restarted, reloaded) stays up: a script run after
   * the command succeeded, that fails if the daemon died. The executor may run it while later tasks
   * that do not depend on the daemon go on (executor/start-confirmations.ts); its failure fails this
   * change's task.
   */
  confirm?: { service: string; script: string };
  /** Text the command rewrites by itself (a crontab, through `crontab -u USER -`), shown as diffs. */
  files?: FileTexts[];
}

/** A call on a cloud API from the controller; shown as a before -> after of the resource. */
export interface ApiChange extends ChangeBase {
  kind: 'api';
  /** The module that applies it. */
  module: string;
  /** e.g. `CreateHaVip`. */
  action: string;
  /** A readable label of the resource: `HAVIP iam-havip`. */
  resource: string;
  before: unknown;
  after: unknown;
  /** What the module needs to apply it. */
  payload: unknown;
}

/**
 * Code run on the controller against the host (a zx task): once, however much it reports. Planned
 * as "would run", or as what the script's own check said it would change.
 */
export interface ScriptChange extends ChangeBase {
  kind: 'script';
  /** One line for the plan: `run drills/vip.mjs`, or what its check reported. */
  summary: string;
  /** Files the script's check said it would change (`diff(path, before, after)`), shown as diffs. */
  files?: FileTexts[];
}

export type Change = WriteFileChange | AttrsChange | DirectoryChange | RemoveChange | LinkChange | CommandChange | ApiChange | ScriptChange;
