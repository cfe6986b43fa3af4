// The ssh transport: one ssh2 connection per host for the run; exec channels and one SFTP session on it.
import { randomBytes } from 'node:crypto';
import { connect as netConnect } from 'node:net';
import { homedir, userInfo } from 'node:os';
import { join } from 'node:path';
import { Client, type ClientChannel, type ConnectConfig, type SFTPWrapper } from 'ssh2';
import type { Duplex } from 'node:stream';
import { type ConnectionSpec, KEEPALIVE_DEFAULTS } from '../../core/host.js';
import type { ExecOptions, ExecResult, Transport, TransportStats } from '../../core/transport.js';
import { InternalError, TransportError } from '../../core/errors.js';
import { ChannelGate } from './channel-gate.js';
import { collectChannel } from './collect-channel.js';
import { execCommand, killMarkedScript, SCRIPT_FROM_STDIN } from './exec-command.js';
import { withSudoPassword } from './sudo-password.js';
import { createHostKeyPolicy } from './host-key-policy.js';
import { parseProxyJump } from './proxy-jump.js';
import { planAuth } from './ssh-auth.js';
import { skipHostKeysProof } from './skip-host-keys-proof.js';
import { signingKey } from './signing-key.js';
import { applySshConfig, expandHome } from './ssh-config.js';
import { closedError, connectError, isChannelOpenFailure, silentPeerError } from './ssh-errors.js';

export interface SshTransportOptions {
  env?: NodeJS.ProcessEnv;
  homeDir?: string;
  /** Exec channels open at once; sshd's MaxSessions is 10 and frees slots late, hence 5. */
  maxChannels?: number;
}

const HOST_KEY_ALGORITHMS = ['ssh-ed25519', 'ecdsa-sha2-nistp256', 'ecdsa-sha2-nistp384', 'ecdsa-sha2-nistp521', 'rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa'];
const OPEN_RETRIES = 8;

/*
 * Exec goes through ssh2's channel directly, not through zx's `$` with a spawn adapter
 * (DESIGN.md's plan). Measured here, alternating rounds of 20 sequential `true` execs on one
 * noDelay connection to a loopback sshd (test/executor/transports/exec-bench.test.ts), medians:
 * raw 5.3-6.7 ms per exec, zx `$` over the adapter 7.3-7.5 ms (+0.6-2 ms, 10-40%). So zx costs time,
 * and it adds fragility: it decodes output chunk by chunk (zx util bufArrJoin), so a UTF-8
 * character split across two ssh packets turns into U+FFFD (10 of them in 300 KB, measured); the adapter must hold 'close'
 * until both pipes drain; its `set -euo pipefail` prefix and bash `$'..'` quoting must be
 * switched off for dash; and a dropped connection surfaces as a ProcessOutput, not the
 * TransportError the contract promises. The raw channel needs none of that glue.
 */
export class SshTransport implements Transport {
  readonly stats: TransportStats = { execs: 0, uploads: 0, bytesUp: 0, connectMs: 0 };
  readonly #spec: ConnectionSpec;
  readonly #env: NodeJS.ProcessEnv;
  readonly #home: string;
  readonly #gate: ChannelGate;
  #clients: Client[] = [];
  #client?: Client;
  #connecting?: Promise<void>;
  #sftp?: Promise<SFTPWrapper>;
  #closed?: TransportError;
  #destination: string;
  readonly #onDrop = new Set<(err: TransportError) => void>();

  constructor(
    readonly hostName: string,
    spec: ConnectionSpec,
    options: SshTransportOptions = {},
  ) {
    this.#env = options.env ?? process.env;
    this.#home = options.homeDir ?? homedir();
    this.#spec = applySshConfig(spec, this.#home);
    this.#gate = new ChannelGate(options.maxChannels ?? 5);
    this.#destination = this.#describe(this.#spec.host, this.#spec.port, this.#spec.user);
  }

  connect(): Promise<void> {
    // One connection per host for the run, even if several callers ask at once.
    this.#connecting ??= this.#connect().catch(async (err: unknown) => {
      this.#connecting = undefined;
      await this.close().then(() => (this.#closed = undefined));
      throw err;
    });
    return this.#connecting;
  }

  async #connect(): Promise<void> {
    const started = performance.now();
    const hops = parseProxyJump(this.#spec.proxyJump ?? '').map((hop) =>
      applySshConfig({ ...this.#spec, host: hop.host, port: hop.port, user: hop.user, proxyJump: undefined }, this.#home),
    );
    let sock: Duplex | undefined;
    // Each hop of ProxyJump is reached through the one before it (ssh -J semantics); each is
    // bounded by the connect timeout and kept alive like the target, and its errors name it.
    for (const [i, hop] of hops.entries()) {
      const role = hops.length === 1 ? 'jump host' : `jump host ${i + 1} of ${hops.length}`;
      const jump = await this.#open(hop, sock, role);
      const next = hops[i + 1] ?? this.#spec;
      sock = await this.#forward(jump, next.host, next.port ?? 22, `${role} ${this.#describe(hop.host, hop.port, hop.user)}`);
    }
    // A lost jump host silences the target too, and the target's keepalive may notice first: say the way.
    const via = hops.length === 0 ? undefined : `through ${hops.map((h) => this.#describe(h.host, h.port, h.user)).join(', ')}`;
    const client = await this.#open(this.#spec, sock, undefined, via);
    this.#client = client;
    this.stats.connectMs = Math.round(performance.now() - started);
    client.on('close', () => this.#drop(closedError(this.hostName, this.#destination)));
  }

  async exec(script: string, options: ExecOptions = {}): Promise<ExecResult> {
    const client = this.#live();
    this.stats.execs++;
    const viaStdin = options.input === undefined;
    const become = options.become ?? this.#spec.become;
    const becomeUser = options.becomeUser ?? this.#spec.becomeUser;
    // A bounded command is tagged, so that past its timeout it can be killed on the host, not just abandoned.
    const marker = options.timeoutMs === undefined ? undefined : `rb-${randomBytes(8).toString('hex')}`;
    const { command, input } = this.#sudoAware(viaStdin ? SCRIPT_FROM_STDIN : script, viaStdin ? script : (options.input ?? ''), become, becomeUser, marker);
    const sent = { ...options, input };
    try {
      return await this.#gate.run(() => this.#run(client, command, sent));
    } catch (err) {
      if (marker !== undefined && err instanceof TransportError && err.code === 'TIMEOUT') await this.#killMarked(client, marker, become, becomeUser);
      throw err;
    }
  }

  /** Best effort, bounded: the timeout error stands whatever happens here. */
  async #killMarked(client: Client, marker: string, become: boolean, becomeUser: string | undefined): Promise<void> {
    const { command, input } = this.#sudoAware(SCRIPT_FROM_STDIN, killMarkedScript(marker), become, becomeUser, undefined);
    const kill = this.#gate.run(() => this.#run(client, command, { input, timeoutMs: 10_000 }));
    await kill.catch(() => undefined);
  }

  /** The command line and stdin: with become and a become_password, the password goes first on stdin (sudo -S). */
  #sudoAware(body: string, input: string | Buffer, become: boolean, becomeUser: string | undefined, marker: string | undefined): { command: string; input: string | Buffer } {
    const password = become ? this.#spec.becomePassword : undefined;
    if (password === undefined) return { command: execCommand(body, become, becomeUser, marker), input };
    const sent = withSudoPassword(body, input, password);
    return { command: execCommand(sent.body, become, becomeUser, marker, true), input: sent.input };
  }

  async upload(path: string, data: Buffer, mode?: string): Promise<void> {
    const client = this.#live();
    if (mode !== undefined && !/^[0-7]{3,4}$/.test(mode)) {
      throw new InternalError(`upload ${path}: mode must be an octal string like "0644", got ${JSON.stringify(mode)}`);
    }
    this.#sftp ??= new Promise<SFTPWrapper>((resolve, reject) =>
      client.sftp((err, sftp) => (err ? reject(this.#channelError(err, 'cannot open an SFTP session')) : resolve(sftp))),
    );
    const sftp = await this.#sftp.catch((err: unknown) => {
      this.#sftp = undefined; // let a later upload try again
      throw err;
    });
    const fail = (what: string) => (err: Error | null | undefined) =>
      err ? this.#channelError(err, `${what} ${path} failed: ${err.message}`) : undefined;
    await new Promise<void>((resolve, reject) =>
      sftp.writeFile(path, data, (err) => (err ? reject(fail('upload to')(err)) : resolve())),
    );
    if (mode !== undefined) {
      await new Promise<void>((resolve, reject) =>
        sftp.chmod(path, parseInt(mode, 8), (err) => (err ? reject(fail(`chmod ${mode}`)(err)) : resolve())),
      );
    }
    this.stats.uploads++;
    this.stats.bytesUp += data.length;
  }

  async close(): Promise<void> {
    this.#closed ??= closedError(this.hostName, this.#destination, 'the transport was closed');
    const clients = this.#clients.reverse();
    this.#clients = [];
    const ended = (c: Client) =>
      new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 1000); // never hang a run's end on a dead peer
        c.once('close', () => (clearTimeout(timer), resolve()));
        c.end();
      });
    await Promise.all(clients.map(ended));
  }

  #describe(host: string, port: number | undefined, user: string | undefined): string {
    return `${user ?? userInfo().username}@${host}:${port ?? 22}`;
  }

  #live(): Client {
    if (this.#closed) throw this.#closed;
    if (!this.#client) throw new TransportError('CLOSED', this.hostName, 'not connected', 'call connect() before exec/upload (an engine bug)');
    return this.#client;
  }

  #drop(err: TransportError): void {
    this.#closed ??= err;
    for (const reject of this.#onDrop) reject(this.#closed);
    this.#onDrop.clear();
  }

  #channelError(err: Error, message: string): TransportError {
    return this.#closed ?? new TransportError('CHANNEL', this.hostName, `${message} (${this.#destination})`);
  }

  /** Opens one authenticated connection; `sock` is the forwarded stream of a jump host, `role` names a hop in errors. */
  #open(spec: ConnectionSpec, sock?: Duplex, role?: string, via?: string): Promise<Client> {
    const port = spec.port ?? 22;
    const username = spec.user ?? userInfo().username;
    const destination = `${role ? `${role} ` : ''}${this.#describe(spec.host, port, username)}`;
    const keepalive = { intervalMs: spec.keepaliveIntervalMs ?? KEEPALIVE_DEFAULTS.intervalMs, countMax: spec.keepaliveCountMax ?? KEEPALIVE_DEFAULTS.countMax };
    const auth = planAuth(this.hostName, spec, username, this.#env, this.#home);
    const policy = createHostKeyPolicy({
      hostName: this.hostName,
      host: spec.host,
      port,
      knownHostsFile: expandHome(spec.knownHostsFile ?? join(this.#home, '.ssh', 'known_hosts'), this.#home),
      mode: spec.hostKeyChecking,
    });
    let refusal: TransportError | undefined;
    const preferred = HOST_KEY_ALGORITHMS.filter((a) => policy.preferredKeyTypes.includes(a === 'rsa-sha2-512' || a === 'rsa-sha2-256' ? 'ssh-rsa' : a));
    const config: ConnectConfig = {
      username,
      // A noDelay socket: with Nagle on, each exec stalls ~40 ms on delayed ACKs (measured).
      sock: sock ?? netConnect({ host: spec.host, port, noDelay: true }),
      readyTimeout: spec.timeoutMs,
      // ssh2 pings every interval and gives up when countMax pings in a row went unanswered:
      // a peer silent for interval x (countMax + 1), as OpenSSH's ServerAliveInterval/CountMax.
      keepaliveInterval: keepalive.intervalMs,
      keepaliveCountMax: keepalive.countMax,
      authHandler: auth.methods.map((m) => (m.type === 'publickey' ? { ...m, key: signingKey(m.key) } : m)) as ConnectConfig['authHandler'],
      algorithms: { serverHostKey: [...preferred, ...HOST_KEY_ALGORITHMS.filter((a) => !preferred.includes(a))] as never },
      // Always set: without a verifier ssh2 accepts any host key.
      hostVerifier: (key: Buffer) => {
        refusal = policy.check(key);
        return refusal === undefined;
      },
    };
    const target = { hostName: this.hostName, destination, timeoutMs: spec.timeoutMs, offered: auth.described };
    return new Promise<Client>((resolve, reject) => {
      const client = new Client();
      this.#clients.push(client);
      // A client that is gone needs no end() at close(), and would never emit 'close' again.
      client.once('close', () => (this.#clients = this.#clients.filter((c) => c !== client)));
      let ready = false;
      client.once('ready', () => {
        ready = true;
        client.setNoDelay(true);
        resolve(client);
      });
      // Stays attached for the client's life: ssh2 may emit a second error (e.g. "Connection
      // lost before handshake" after a timeout), which must not become an uncaught exception.
      client.on('error', (err) => {
        if (ready && err.message === 'Keepalive timeout') return this.#drop(silentPeerError(this.hostName, via ? `${destination} ${via}` : destination, keepalive));
        if (ready) return this.#drop(closedError(this.hostName, role ? destination : this.#destination, `ssh connection failed: ${err.message}`));
        client.end();
        reject(connectError(err, target, refusal));
      });
      client.connect(config);
      skipHostKeysProof(client);
    });
  }

  /** A stream to host:port opened by the jump host; bounded by the connect timeout (a jump's sshd may wait minutes on a dropped SYN). */
  #forward(jump: Client, host: string, port: number, jumpName: string): Promise<Duplex> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        reject(new TransportError('TIMEOUT', this.hostName, `${jumpName} did not reach ${host}:${port} within ${this.#spec.timeoutMs / 1000}s`, 'check that the target is up and its address as the jump host sees it'));
        jump.end();
      }, this.#spec.timeoutMs);
      jump.forwardOut('127.0.0.1', 0, host, port, (err, stream) => {
        clearTimeout(timer);
        if (err) reject(new TransportError('CONNECT', this.hostName, `${jumpName} cannot reach ${host}:${port}: ${err.message}`, 'check proxy_jump and the target address as the jump host sees it'));
        else resolve(stream);
      });
    });
  }

  /**
   * Opens an exec channel and collects its result, retrying sshd's late-freed session slots
   * with backoff. Listeners go on inside ssh2's callback, synchronously: a fast command's
   * exit status can arrive in the same TCP read as the open confirmation.
   */
  async #run(client: Client, command: string, options: ExecOptions): Promise<ExecResult> {
    for (let attempt = 0; ; attempt++) {
      if (this.#closed) throw this.#closed;
      const opened = await new Promise<ExecResult | { openError: Error }>((resolve, reject) =>
        client.exec(command, (err, ch) => (err ? resolve({ openError: err }) : this.#collect(ch, options).then(resolve, reject))),
      );
      if (!('openError' in opened)) return opened;
      const err = opened.openError;
      if (this.#closed) throw this.#closed;
      if (!isChannelOpenFailure(err) || attempt >= OPEN_RETRIES) {
        throw this.#channelError(err, `cannot open an exec channel after ${attempt + 1} tries: ${err.message}`);
      }
      await new Promise((r) => setTimeout(r, 5 * 2 ** attempt));
    }
  }

  #collect(channel: ClientChannel, options: ExecOptions): Promise<ExecResult> {
    return collectChannel(channel, {
      input: options.input,
      timeoutMs: options.timeoutMs,
      timeoutError: () =>
        new TransportError('TIMEOUT', this.hostName, `command timed out after ${options.timeoutMs! / 1000}s on ${this.#destination}`, 'raise the timeout or check what the command waits for'),
      noExitError: () => this.#closed ?? closedError(this.hostName, this.#destination, 'the command ended without an exit status'),
      watchDrop: (listener) => (this.#onDrop.add(listener), () => this.#onDrop.delete(listener)),
    });
  }
}
