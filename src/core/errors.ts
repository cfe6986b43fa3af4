// The engine's error family: typed, located, and mapped to Ansible's exit codes by main.ts.
import { formatIssue, type LoadIssue, type SourceLocation, formatLocation } from './location.js';

export const EXIT = {
  ok: 0,
  taskFailed: 2,
  unreachable: 3,
  invalid: 4,
  usage: 5,
  changesPending: 6,
  /** A saved plan (`apply FILE`) was refused: a host, a source or the file changed, or it is used or too old. Nothing ran. */
  stalePlan: 7,
  /** Applied, but planning again afterwards still finds changes (the verification after every apply). */
  notConverged: 8,
} as const;

export abstract class EngineError extends Error {
  abstract readonly code: string;
  abstract readonly exitCode: number;
}

/** The runbook, a role or the inventory is invalid: nothing ran. */
export class LoadError extends EngineError {
  readonly code = 'LOAD';
  readonly exitCode = EXIT.invalid;
  constructor(readonly issues: LoadIssue[]) {
    super(
      `${issues.length} problem${issues.length === 1 ? '' : 's'} found:\n` +
        issues.map((i) => formatIssue(i)).join('\n'),
    );
  }
}

/** Bad command-line options. */
export class UsageError extends EngineError {
  readonly code = 'USAGE';
  readonly exitCode = EXIT.usage;
}

export type TransportErrorCode = 'CONNECT' | 'AUTH' | 'HOST_KEY' | 'TIMEOUT' | 'CLOSED' | 'CHANNEL';

/** A host could not be reached, or its connection broke. */
export class TransportError extends EngineError {
  readonly exitCode = EXIT.unreachable;
  constructor(
    readonly code: TransportErrorCode,
    readonly host: string,
    message: string,
    /** What to do about it. */
    readonly hint?: string,
  ) {
    super(`${host}: ${message}${hint ? `; ${hint}` : ''}`);
  }
}

/** A task outlived its `timeout:` (Ansible's keyword): its command on the host was killed; the host is still reachable. */
export class TaskTimeoutError extends EngineError {
  readonly code = 'TASK_TIMEOUT';
  readonly exitCode = EXIT.taskFailed;
  constructor(
    readonly host: string,
    readonly seconds: number,
  ) {
    super(`timed out after ${seconds} s (the task's timeout:); its command on the host was killed`);
  }
}

/** A task failed on a host (a command exited non-zero, a validation failed, ...). */
export class TaskError extends EngineError {
  readonly code = 'TASK';
  readonly exitCode = EXIT.taskFailed;
  constructor(
    readonly host: string,
    readonly task: string,
    readonly location: SourceLocation | undefined,
    readonly detail: string,
  ) {
    super(`${host}: task "${task}"${location ? ` (${formatLocation(location)})` : ''} failed: ${detail}`);
  }
}

/** A template failed to render: where (template name, line, column), what (the undefined name), and what to do. */
export class TemplateError extends EngineError {
  readonly code = 'TEMPLATE';
  // The runbook needs fixing: like a load problem, it is found before any host changes.
  readonly exitCode = EXIT.invalid;
  constructor(
    /** The template's name: a file (`roles/x/templates/a.njk`) or a task field (`roles/x/tasks/main.yaml:9 template.dest`). */
    readonly template: string,
    readonly line: number | undefined,
    readonly column: number | undefined,
    readonly detail: string,
    /** The variable that was undefined, when that was the problem. */
    readonly undefinedName?: string,
    readonly hint?: string,
  ) {
    super(`${template}${line !== undefined ? `:${line}${column !== undefined ? `:${column}` : ''}` : ''}: ${detail}${hint ? `; ${hint}` : ''}`);
  }
}

/** A saved plan cannot be applied (edited, used, expired, or the world it was planned on has moved): nothing ran. */
export class StalePlanError extends EngineError {
  readonly code = 'STALE_PLAN';
  readonly exitCode = EXIT.stalePlan;
}

/** Something the engine itself got wrong: a bug, reported as such. */
export class InternalError extends EngineError {
  readonly code = 'INTERNAL';
  readonly exitCode = 1;
}
