// Collects one exec channel's stdout, stderr and exit status; bytes are decoded once, at the end.
import type { EventEmitter } from 'node:events';
import { constants as osConstants } from 'node:os';
import type { TransportError } from '../../core/errors.js';
import type { ExecResult } from '../../core/transport.js';

/** The part of an ssh2 exec channel used here (kept free of ssh2 types). */
export interface ExecChannel extends EventEmitter {
  stderr: EventEmitter;
  signal(name: string): unknown;
  close(): unknown;
  end(data?: string | Buffer): unknown;
}

export interface CollectOptions {
  input?: string | Buffer;
  timeoutMs?: number;
  timeoutError(): TransportError;
  /** The error when the channel closes without an exit status (the connection went away). */
  noExitError(): TransportError;
  /** Subscribes to the connection dropping; returns the unsubscribe. */
  watchDrop(listener: (err: TransportError) => void): () => void;
}

/** Must be called synchronously when the channel opens: a fast exit can arrive in the same read. */
export function collectChannel(channel: ExecChannel, options: CollectOptions): Promise<ExecResult> {
  return new Promise<ExecResult>((resolve, reject) => {
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let exitCode: number | undefined;
    let timer: NodeJS.Timeout | undefined;
    const finish = (error?: TransportError) => {
      clearTimeout(timer);
      unwatch();
      if (error) return reject(error);
      if (exitCode === undefined) return reject(options.noExitError());
      // Decoding the whole output once keeps a UTF-8 character split across packets intact.
      resolve({ stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8'), exitCode });
    };
    const unwatch = options.watchDrop((e) => finish(e));
    channel.on('data', (chunk: Buffer) => out.push(chunk));
    channel.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    channel.on('exit', (code: number | null, signal?: string) => {
      // Shell convention for a signal death: 128 + its number (ssh2 names it `SIGKILL`).
      const name = (signal?.startsWith('SIG') ? signal : `SIG${signal}`) as NodeJS.Signals;
      exitCode = code ?? 128 + (osConstants.signals[name] ?? 0);
    });
    channel.on('close', () => finish());
    if (options.timeoutMs !== undefined) {
      timer = setTimeout(() => {
        channel.signal('KILL');
        channel.close();
        finish(options.timeoutError());
      }, options.timeoutMs);
    }
    channel.end(options.input);
  });
}
