// A test double of Transport that runs scripts with this machine's real /bin/sh (dash).
import { spawn } from 'node:child_process';
import type { ExecOptions, ExecResult, Transport, TransportStats } from '../../src/core/transport.js';

export class LocalShellTransport implements Transport {
  readonly hostName = 'local-test';
  readonly stats: TransportStats = { execs: 0, uploads: 0, bytesUp: 0, connectMs: 0 };
  readonly scripts: string[] = [];

  async connect(): Promise<void> {}

  exec(script: string, options: ExecOptions = {}): Promise<ExecResult> {
    this.stats.execs += 1;
    this.scripts.push(script);
    return new Promise((resolve, reject) => {
      const child = spawn('/bin/sh', ['-c', script], { stdio: ['pipe', 'pipe', 'pipe'] });
      const out: Buffer[] = [];
      const err: Buffer[] = [];
      child.stdout.on('data', (b: Buffer) => out.push(b));
      child.stderr.on('data', (b: Buffer) => err.push(b));
      child.on('error', reject);
      child.on('close', (code) =>
        resolve({ stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8'), exitCode: code ?? -1 }),
      );
      // A script may exit before reading its input (as over ssh): EPIPE on stdin is no failure.
      child.stdin.on('error', () => undefined);
      child.stdin.end(options.input ?? '');
    });
  }

  async upload(): Promise<void> {
    throw new Error('upload is not part of this test double');
  }

  async close(): Promise<void> {}
}
