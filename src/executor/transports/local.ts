// The local transport (`connection: local`): scripts through zx's `$`, files through node fs.
import { chmod, writeFile } from 'node:fs/promises';
import { constants as osConstants } from 'node:os';
import { SCRIPT_FROM_STDIN } from './exec-command.js';
import { withSudoPassword } from './sudo-password.js';
import type { ConnectionSpec } from '../../core/host.js';
import type { ExecOptions, ExecResult, Transport, TransportStats } from '../../core/transport.js';
import { InternalError, TransportError } from '../../core/errors.js';

export class LocalTransport implements Transport {
  readonly stats: TransportStats = { execs: 0, uploads: 0, bytesUp: 0, connectMs: 0 };
  #closed = false;

  constructor(
    readonly hostName: string,
    private readonly spec: ConnectionSpec,
  ) {}

  async connect(): Promise<void> {}

  async exec(script: string, options: ExecOptions = {}): Promise<ExecResult> {
    if (this.#closed) throw new TransportError('CLOSED', this.hostName, 'the local transport was closed');
    this.stats.execs++;
    const become = options.become ?? this.spec.become;
    // zx quotes each interpolation as one argument (bash runs the outer command line locally).
    const viaStdin = options.input === undefined;
    const user = options.becomeUser ?? this.spec.becomeUser ?? 'root';
    const password = become ? this.spec.becomePassword : undefined;
    const plain = { body: viaStdin ? SCRIPT_FROM_STDIN : script, input: viaStdin ? script : options.input };
    const { body, input } = password ? withSudoPassword(plain.body, plain.input ?? '', password) : plain;
    // Loaded on the first exec, not at start-up: zx is outside the bundle's code cache (~0.1 s a run).
    const { $ } = await import('zx');
    const run = $({ input, nothrow: true, quiet: true, verbose: false });
    const sudo = password ? ['-S', '-p', ''] : ['-n'];
    const proc = become ? run`sudo ${sudo} -u ${user} -- /bin/sh -c ${body}` : run`/bin/sh -c ${body}`;
    // Raw bytes, decoded once at the end: zx decodes each chunk alone, which can split a UTF-8 character.
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    proc.stdout?.on('data', (c: Buffer) => out.push(c));
    proc.stderr?.on('data', (c: Buffer) => err.push(c));
    // Our own timer rather than zx's `timeout`: the exit status of a killed wrapper shell is not
    // a reliable sign that the timeout fired (it may be null or 143).
    let timedOut = false;
    const timer =
      options.timeoutMs === undefined
        ? undefined
        : setTimeout(() => ((timedOut = true), void proc.kill('SIGKILL').catch(() => undefined)), options.timeoutMs);
    const result = await proc.finally(() => clearTimeout(timer));
    if (timedOut) {
      throw new TransportError('TIMEOUT', this.hostName, `command timed out after ${options.timeoutMs! / 1000}s`, 'raise the timeout or check what the command waits for');
    }
    const stdout = proc.stdout ? Buffer.concat(out).toString('utf8') : result.stdout;
    const stderr = proc.stderr ? Buffer.concat(err).toString('utf8') : result.stderr;
    return { stdout, stderr, exitCode: result.exitCode ?? 128 + (result.signal ? (osConstants.signals[result.signal] ?? 0) : 0) };
  }

  async upload(path: string, data: Buffer, mode?: string): Promise<void> {
    if (mode !== undefined && !/^[0-7]{3,4}$/.test(mode)) {
      throw new InternalError(`upload ${path}: mode must be an octal string like "0644", got ${JSON.stringify(mode)}`);
    }
    try {
      await writeFile(path, data);
      if (mode !== undefined) await chmod(path, parseInt(mode, 8));
    } catch (err) {
      throw new TransportError('CHANNEL', this.hostName, `upload to ${path} failed: ${(err as Error).message}`);
    }
    this.stats.uploads++;
    this.stats.bytesUp += data.length;
  }

  async close(): Promise<void> {
    this.#closed = true;
  }
}
