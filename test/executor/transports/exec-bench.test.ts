// Measures per-exec latency: the transport's raw ssh2 exec vs zx's `$` over an ssh2 spawn adapter.
import { EventEmitter } from 'node:events';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import type { spawn as cpSpawn } from 'node:child_process';
import { Client } from 'ssh2';
import { $ } from 'zx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Transport } from '../../../src/core/transport.js';
import { createTransport } from '../../../src/executor/transports/create-transport.js';
import { shQuote as quoteShell } from '../../../src/core/sh-quote.js';
import { startSshd, type Sshd } from './sshd-fixture.js';

// Set RUNBOOK_BENCH_STOCK_RC=1 to measure with root's real ~/.bashrc (pyenv: ~100 ms per exec).
const stockRc = process.env.RUNBOOK_BENCH_STOCK_RC === '1';
let sshd: Sshd;
let transport: Transport;
let client: Client;
beforeAll(async () => {
  sshd = await startSshd({ stockRc });
  const knownHostsFile = join(sshd.dir, 'known_hosts');
  writeFileSync(knownHostsFile, `[127.0.0.1]:${sshd.port} ${sshd.hostPublicKey}\n`);
  transport = createTransport('bench', {
    kind: 'ssh', host: '127.0.0.1', port: sshd.port, user: 'root', identityFile: sshd.clientKey,
    become: false, knownHostsFile, hostKeyChecking: 'strict', timeoutMs: 5000,
  }, { env: {}, homeDir: sshd.dir });
  await transport.connect();
  client = await rawClient(true);
}, 30_000);
afterAll(async () => {
  await transport?.close();
  client?.end();
  await sshd?.stop();
});

function rawClient(noDelay: boolean): Promise<Client> {
  const c = new Client();
  return new Promise((resolve, reject) => {
    c.once('ready', () => (noDelay && c.setNoDelay(true), resolve(c)));
    c.once('error', reject);
    c.connect({ host: '127.0.0.1', port: sshd.port, username: 'root', privateKey: readFileSync(sshd.clientKey), hostVerifier: () => true });
  });
}

/** The ~25-line adapter of packages.md §3: zx's `spawn` option routed over an ssh2 exec channel. */
function sshSpawn(c: Client): typeof cpSpawn {
  return ((cmd: string) => {
    const child = Object.assign(new EventEmitter(), {
      stdin: new PassThrough(), stdout: new PassThrough(), stderr: new PassThrough(), kill: () => true,
    });
    c.exec(cmd, (err, ch) => {
      if (err) return void (child.emit('error', err), child.emit('close', null, null));
      let code: number | null = null;
      let signal: string | null = null;
      ch.on('exit', (cd: number | null, sig?: string) => ((code = cd), (signal = sig ?? null)));
      child.stdin.pipe(ch);
      ch.pipe(child.stdout);
      ch.stderr.pipe(child.stderr);
      // Wait for both pipes to drain, or zx may read a truncated output.
      let pending = 3;
      const done = () => --pending === 0 && (child.emit('exit', code, signal), child.emit('close', code, signal));
      child.stdout.on('end', done);
      child.stderr.on('end', done);
      ch.on('close', done);
    });
    return child;
  }) as unknown as typeof cpSpawn;
}

async function perExec(run: () => Promise<unknown>, n = 20): Promise<number> {
  for (let i = 0; i < 3; i++) await run();
  const started = performance.now();
  for (let i = 0; i < n; i++) await run();
  return (performance.now() - started) / n;
}

describe('exec latency (20 sequential execs, loopback sshd)', () => {
  // Timings are printed, never asserted (shared, noisy machines): what is asserted is what the bytes and exit codes are.
  it('raw ssh2 exec through the transport: exact bytes and exit codes; latency printed beside Nagle\'s', async () => {
    const zx$ = $({ spawn: sshSpawn(client), quote: quoteShell, prefix: '', postfix: '', nothrow: true, quiet: true, verbose: false });
    const out = await zx$`/bin/sh -c ${"printf '%s' \"it's\" $((6*7)); exit 3"}`;
    expect([out.stdout, out.exitCode]).toEqual(["it's42", 3]);
    // zx decodes each chunk alone: count the characters that a packet boundary cut in two.
    const big = await zx$`/bin/sh -c ${"yes 'aü' | head -n 100000 | tr -d '\\n'"}`;
    const mangled = (big.stdout.match(/\uFFFD/g) ?? []).length;
    const raw = (await transport.exec("yes 'aü' | head -n 100000 | tr -d '\\n'")).stdout;
    expect(raw).toBe('aü'.repeat(100_000));
    // Alternate rounds of 20 so warm-up and machine noise hit both sides alike; keep the medians.
    const rounds: Array<[number, number]> = [];
    for (let r = 0; r < 5; r++) rounds.push([await perExec(() => transport.exec('true')), await perExec(() => zx$`/bin/sh -c ${'true'}`)]);
    const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const viaTransport = median(rounds.map((r) => r[0]));
    const viaZx = median(rounds.map((r) => r[1]));
    const nagle = await rawClient(false);
    const withNagle = await perExec(() => new Promise<void>((resolve, reject) => nagle.exec('/bin/sh -c true', (err, ch) => (err ? reject(err) : ch.on('close', () => resolve()).resume()))));
    nagle.end();
    console.log(
      `[bench${stockRc ? ', stock ~/.bashrc' : ''}] connect ${transport.stats.connectMs} ms; per exec: transport ${viaTransport.toFixed(2)} ms, ` +
        `zx $ over ssh2 spawn ${viaZx.toFixed(2)} ms (U+FFFD in 300 KB of UTF-8 through zx: ${mangled}), raw ssh2 without noDelay ${withNagle.toFixed(2)} ms`,
    );
  });
});
