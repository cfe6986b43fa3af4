// What a command reads and writes: the process's streams, environment and working folder, passed in (tests give their own).
import type { Redactor } from '../core/redactor.js';

export interface CliIO {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** The run's one redactor: the loaders add every secret they find to it; stdout and stderr write through it. */
  redact: Redactor;
}
