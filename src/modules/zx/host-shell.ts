// zx's `$` on a host: a tagged template whose values are quoted as POSIX words, run over the host's transport.
//
// Why not zx's own `$` with a custom `spawn`: zx quotes with bash's `$'...'` and prefixes `set -euo
// pipefail`, which dash (Debian's /bin/sh) refuses, and a spawn adapter would have to fake a
// ChildProcess over an API that returns whole results. This runs through the same Transport.exec
// as every task (sudo -n for become, the script on stdin, the kill on timeout), and gives back
// zx's own ProcessOutput, so `exitCode`, `stdout`, `.json()`, `.lines()` and a throw on failure read as in zx.
import type { ProcessOutput } from 'zx';
import { TransportError } from '../../core/errors.js';
import { isSecret } from '../../core/secret.js';
import { shQuote } from '../../core/sh-quote.js';
import type { ExecOptions, ExecResult } from '../../core/transport.js';
import type { HostCommand, HostCommandOptions, HostShell } from './context.js';

/** Runs one command line on the host; the script's deadline and liveness are the caller's. */
export type RunOnHost = (command: string, options: ExecOptions) => Promise<ExecResult>;

/** zx's ProcessOutput class, from the zx the script's run loaded (zx-library.ts: not loaded at every start). */
export type ProcessOutputClass = typeof ProcessOutput;

/** Each thrown command failure: where the script started it, and what to say (for ScriptError.located). */
export const failures = new WeakMap<object, { callSite: string; message: string }>();

export function createHostShell(run: RunOnHost, outputClass: ProcessOutputClass, defaults: HostCommandOptions = {}): HostShell {
  const shell = (first: TemplateStringsArray | HostCommandOptions, ...values: unknown[]): HostShell | HostCommand => {
    if (!isTemplate(first)) return createHostShell(run, outputClass, { ...defaults, ...first });
    const callSite = new Error('started here').stack ?? '';
    return new RunningCommand(commandLine(first, values, outputClass), defaults, run, callSite, outputClass);
  };
  return shell as HostShell;
}

function isTemplate(value: unknown): value is TemplateStringsArray {
  return Array.isArray(value) && 'raw' in value;
}

/** The pieces with each value as one word (an array: one word per element). */
export function commandLine(pieces: TemplateStringsArray, values: unknown[], outputClass: ProcessOutputClass): string {
  let line = pieces[0] ?? '';
  values.forEach((value, i) => (line += quoteValue(value, i, outputClass) + (pieces[i + 1] ?? '')));
  return line;
}

function quoteValue(value: unknown, i: number, outputClass: ProcessOutputClass): string {
  if (Array.isArray(value)) return value.map((v) => quoteValue(v, i, outputClass)).join(' ');
  if (typeof value === 'string') return shQuote(value);
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') return shQuote(String(value));
  if (isSecret(value)) return shQuote(value.reveal());
  // zx's rule: a command's output stands for its stdout, less the final newline.
  if (value instanceof outputClass) return shQuote(value.stdout.replace(/\r?\n$/, ''));
  throw new TypeError(`$: value ${i + 1} of the command is ${value === null ? 'null' : typeof value}; pass a string, number or array`);
}

class RunningCommand implements HostCommand {
  #nothrow: boolean;
  /** Never rejects: a command nobody awaits must not become an unhandled rejection. */
  readonly #settled: Promise<{ result: ExecResult; ms: number } | { error: unknown }>;

  constructor(
    readonly command: string,
    options: HostCommandOptions,
    run: RunOnHost,
    private readonly callSite: string,
    private readonly outputClass: ProcessOutputClass,
  ) {
    this.#nothrow = options.nothrow ?? false;
    const started = Date.now();
    this.#settled = run(prefixed(command, options), execOptions(options)).then(
      (result) => ({ result, ms: Date.now() - started }),
      (error: unknown) => ({ error }),
    );
  }

  nothrow(): HostCommand {
    this.#nothrow = true;
    return this;
  }

  then<A = ProcessOutput, B = never>(onFulfilled?: ((value: ProcessOutput) => A | PromiseLike<A>) | null, onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null): Promise<A | B> {
    return this.#outcome().then(onFulfilled, onRejected);
  }

  catch<T = never>(onRejected?: ((reason: unknown) => T | PromiseLike<T>) | null): Promise<ProcessOutput | T> {
    return this.#outcome().catch(onRejected);
  }

  finally(onFinally?: (() => void) | null): Promise<ProcessOutput> {
    return this.#outcome().finally(onFinally);
  }

  text(): Promise<string> {
    return this.then((o) => o.text());
  }

  json<T = any>(): Promise<T> {
    return this.then((o) => o.json<T>());
  }

  lines(): Promise<string[]> {
    return this.then((o) => o.lines());
  }

  async #outcome(): Promise<ProcessOutput> {
    const settled = await this.#settled;
    if ('error' in settled) {
      const { error } = settled;
      // The command's own timeout fails it like an exit would; a lost host or the task's deadline ends the script.
      if (!(error instanceof TransportError && error.code === 'TIMEOUT')) throw error;
      const output = processOutput(this.outputClass, null, 'SIGKILL', '', '', 0, this.command);
      return this.#finish(output, `timed out (killed on the host): ${firstLine(this.command)}`);
    }
    const { result, ms } = settled;
    const output = processOutput(this.outputClass, result.exitCode, null, result.stdout, result.stderr, ms, this.command);
    const stderr = result.stderr.trim();
    return this.#finish(output, `exit code ${result.exitCode}: ${firstLine(this.command)}${stderr ? `\n${stderr}` : ''}`);
  }

  #finish(output: ProcessOutput, failure: string): ProcessOutput {
    if (output.ok || this.#nothrow) return output;
    failures.set(output, { callSite: this.callSite, message: failure });
    throw output;
  }
}

/** zx's own result object; `from` (zx's call-site line in its messages) says the command. */
function processOutput(outputClass: ProcessOutputClass, code: number | null, signal: NodeJS.Signals | null, stdout: string, stderr: string, duration: number, command: string): ProcessOutput {
  const store = { stdout: [stdout], stderr: [stderr], stdall: [stdout + stderr] };
  return new outputClass({ code, signal, duration, error: null, from: firstLine(command), store });
}

/** `cd` and `export` before the command: sshd refuses SSH env requests, and a cwd is the shell's to set. */
function prefixed(command: string, options: HostCommandOptions): string {
  const env = Object.entries(options.env ?? {}).map(([k, v]) => {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(k)) throw new TypeError(`$: env name ${JSON.stringify(k)} is not a shell variable name`);
    return `export ${k}=${shQuote(v)}\n`;
  });
  const cd = options.cwd === undefined ? '' : `cd ${shQuote(options.cwd)} || exit 1\n`;
  return `${cd}${env.join('')}${command}`;
}

function execOptions(options: HostCommandOptions): ExecOptions {
  return {
    ...(options.input !== undefined ? { input: options.input } : {}),
    ...(options.becomeUser !== undefined ? { become: true, becomeUser: options.becomeUser } : options.become !== undefined ? { become: options.become } : {}),
    ...(options.timeout !== undefined ? { timeoutMs: options.timeout } : {}),
  };
}

function firstLine(text: string): string {
  const lines = text.trim().split('\n');
  return lines.length > 1 ? `${lines[0]} …` : (lines[0] ?? '');
}
