// The ssh transport against a real sshd on 127.0.0.1: exec, stdin, parallel channels, SFTP, host keys, errors.
import { execFileSync, spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConnectionSpec } from '../../../src/core/host.js';
import { TransportError } from '../../../src/core/errors.js';
import { createTransport } from '../../../src/executor/transports/create-transport.js';
import { startSshd, type Sshd } from './sshd-fixture.js';

let sshd: Sshd;
let home: string;
beforeAll(async () => {
  sshd = await startSshd();
  home = mkdtempSync(join(sshd.dir, 'home-'));
}, 30_000);
afterAll(async () => sshd?.stop());

function spec(over: Partial<ConnectionSpec> = {}): ConnectionSpec {
  const knownHosts = join(sshd.dir, 'known_hosts_ok');
  writeFileSync(knownHosts, `[127.0.0.1]:${sshd.port} ${sshd.hostPublicKey}\n`);
  return {
    kind: 'ssh',
    host: '127.0.0.1',
    port: sshd.port,
    user: 'root',
    identityFile: sshd.clientKey,
    become: false,
    knownHostsFile: knownHosts,
    hostKeyChecking: 'strict',
    timeoutMs: 5000,
    ...over,
  };
}

/** Connects, runs `body`, always closes. No agent, an empty home: only what the spec says. */
async function withTransport<T>(s: ConnectionSpec, body: (t: ReturnType<typeof createTransport>) => Promise<T>): Promise<T> {
  const t = createTransport('lab1', s, { env: {}, homeDir: home });
  try {
    await t.connect();
    return await body(t);
  } finally {
    await t.close();
  }
}

async function connectError(s: ConnectionSpec): Promise<TransportError> {
  const t = createTransport('lab1', s, { env: {}, homeDir: home });
  try {
    await t.connect();
  } catch (err) {
    expect(err).toBeInstanceOf(TransportError);
    return err as TransportError;
  } finally {
    await t.close();
  }
  throw new Error('connect unexpectedly succeeded');
}

describe('exec', () => {
  it('returns stdout, stderr and the exit code exactly, for scripts with quotes, newlines and $', async () => {
    await withTransport(spec(), async (t) => {
      const script = `x='it'"'"'s "quoted" $HOME'\nprintf '%s\\n' "$x"\necho "err \`echo bq\`" >&2\nexit 7`;
      const r = await t.exec(script);
      expect(r).toEqual({ stdout: `it's "quoted" $HOME\n`, stderr: 'err bq\n', exitCode: 7 });
      // The script runs under /bin/sh (dash here), whatever root's login shell is.
      expect((await t.exec('readlink /proc/$$/exe')).stdout.trim()).toBe('/usr/bin/dash');
      expect(await t.exec('true')).toEqual({ stdout: '', stderr: '', exitCode: 0 });
      expect((await t.exec('kill -9 $$')).exitCode).toBe(137);
    });
  });

  it('keeps large multi-byte output intact across ssh packets', async () => {
    await withTransport(spec(), async (t) => {
      const r = await t.exec("yes 'aü' | head -n 100000 | tr -d '\\n'");
      expect(r.stdout).toBe('aü'.repeat(100_000));
    });
  });

  it('feeds input on stdin byte-exact and ends it', async () => {
    const input = Buffer.concat([Buffer.from("line 1\n'quoted' $x `y`\n\u00fc\u2713\n"), Buffer.from([0, 1, 255, 10])]);
    await withTransport(spec(), async (t) => {
      const r = await t.exec('od -An -v -tx1 | tr -s " \\n" " "', { input });
      const hex = r.stdout.trim().split(' ').join('');
      expect(hex).toBe(input.toString('hex'));
      expect((await t.exec('cat', { input: 'héllo\n' })).stdout).toBe('héllo\n');
    });
  });

  it('runs 30 parallel execs on one connection (channel cap + retry) and counts them', async () => {
    await withTransport(spec(), async (t) => {
      const results = await Promise.all(Array.from({ length: 30 }, (_, i) => t.exec(`sleep 0.0$((${i} % 5)); echo ${i}`)));
      expect(results.map((r) => r.stdout)).toEqual(Array.from({ length: 30 }, (_, i) => `${i}\n`));
      expect(results.every((r) => r.exitCode === 0)).toBe(true);
      expect(t.stats.execs).toBe(30);
      expect(t.stats.connectMs).toBeGreaterThan(0);
    });
  });

  it('runs through sudo -n when become', async () => {
    await withTransport(spec({ become: true }), async (t) => {
      const r = await t.exec('id -un; printf %s "$SUDO_USER"');
      expect(r).toEqual({ stdout: 'root\nroot', stderr: '', exitCode: 0 });
    });
  });

  it('rejects with TIMEOUT when a command outlives its timeout, and kills it on the host (with become too)', async () => {
    await withTransport(spec(), async (t) => {
      for (const become of [false, true]) {
        const seconds = become ? 4713 : 4711;
        const err = await t.exec(`sleep ${seconds}; echo never`, { timeoutMs: 300, become }).catch((e: unknown) => e);
        expect(err).toBeInstanceOf(TransportError);
        expect((err as TransportError).code).toBe('TIMEOUT');
        // Not abandoned: its processes are gone (an exact command line, so pgrep's own shell does not match).
        expect((await t.exec(`pgrep -fx 'sleep ${seconds}' || echo none`)).stdout).toBe('none\n');
      }
      expect((await t.exec('echo still alive')).stdout).toBe('still alive\n');
    });
  });

  it('rejects with CLOSED when the connection drops during an exec, and afterwards', async () => {
    await withTransport(spec(), async (t) => {
      // Kill this connection's sshd session process (the parent of the remote shell).
      const err = await t.exec('kill -9 $PPID; sleep 5').catch((e: unknown) => e);
      expect(err).toBeInstanceOf(TransportError);
      expect((err as TransportError).code).toBe('CLOSED');
      await expect(t.exec('true')).rejects.toMatchObject({ code: 'CLOSED' });
    });
  });
});

describe('upload', () => {
  it('writes exact bytes with the mode over one SFTP session', async () => {
    const data = Buffer.concat([Buffer.from('#!/bin/sh\necho "$1"\n'), Buffer.alloc(70_000, 0xab)]);
    const target = join(sshd.dir, 'uploaded.bin');
    await withTransport(spec(), async (t) => {
      await t.upload(target, data, '0750');
      await t.upload(join(sshd.dir, 'second.txt'), Buffer.from('two\n'));
      expect(t.stats.uploads).toBe(2);
      expect(t.stats.bytesUp).toBe(data.length + 4);
      const err = await t.upload('/nonexistent-dir/x', Buffer.from('x')).catch((e: unknown) => e);
      expect(err).toMatchObject({ code: 'CHANNEL' });
      expect((err as Error).message).toContain('/nonexistent-dir/x');
    });
    expect(readFileSync(target).equals(data)).toBe(true);
    expect((statSync(target).mode & 0o7777).toString(8)).toBe('750');
  });
});

describe('host keys', () => {
  it('strict with an empty known_hosts refuses, and says how to add the host', async () => {
    const file = join(sshd.dir, 'kh_empty');
    writeFileSync(file, '');
    const err = await connectError(spec({ knownHostsFile: file }));
    expect(err.code).toBe('HOST_KEY');
    expect(err.message).toContain(`ssh-keyscan -p ${sshd.port} 127.0.0.1 >> ${file}`);
  });

  it('accept-new records the key; the next strict connect succeeds', async () => {
    const file = join(sshd.dir, 'kh_new');
    await withTransport(spec({ knownHostsFile: file, hostKeyChecking: 'accept-new' }), async (t) => t.exec('true'));
    expect(readFileSync(file, 'utf8')).toBe(`[127.0.0.1]:${sshd.port} ${sshd.hostPublicKey}\n`);
    const r = await withTransport(spec({ knownHostsFile: file }), async (t) => t.exec('echo ok'));
    expect(r.stdout).toBe('ok\n');
  });

  it('refuses a wrong key with file:line and the ssh-keygen -R fix', async () => {
    const file = join(sshd.dir, 'kh_wrong');
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', join(sshd.dir, 'impostor')]);
    const wrong = readFileSync(join(sshd.dir, 'impostor.pub'), 'utf8').split(' ').slice(0, 2).join(' ');
    writeFileSync(file, `# lab\nother.example ${sshd.hostPublicKey}\n[127.0.0.1]:${sshd.port} ${wrong}\n`);
    for (const mode of ['strict', 'accept-new'] as const) {
      const err = await connectError(spec({ knownHostsFile: file, hostKeyChecking: mode }));
      expect(err.code).toBe('HOST_KEY');
      expect(err.message).toContain(`${file}:3`);
      expect(err.message).toContain(`ssh-keygen -f ${file} -R '[127.0.0.1]:${sshd.port}'`);
    }
  });
});

describe('connect errors', () => {
  it('a wrong identity fails with AUTH', async () => {
    const key = join(sshd.dir, 'stranger');
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', key]);
    const err = await connectError(spec({ identityFile: key }));
    expect(err.code).toBe('AUTH');
    expect(err.message).toBe(`lab1: ssh auth failed for root@127.0.0.1:${sshd.port} (offered identity_file ${key}); check identity_file or user`);
  });

  it('a closed port fails with CONNECT and a hint', async () => {
    const port = await closedPort();
    const err = await connectError(spec({ port }));
    expect(err.code).toBe('CONNECT');
    expect(err.message).toContain(`root@127.0.0.1:${port}`);
    expect(err.hint).toContain('sshd running');
  });

  it('a silent server fails with TIMEOUT after timeoutMs', async () => {
    const sockets: Socket[] = [];
    const server: Server = createServer((s) => sockets.push(s));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as { port: number }).port;
    const started = Date.now();
    const err = await connectError(spec({ port, timeoutMs: 300 }));
    expect(Date.now() - started).toBeLessThan(2000);
    expect(err.code).toBe('TIMEOUT');
    expect(err.message).toContain(`ssh connect timed out after 0.3s to root@127.0.0.1:${port}`);
    sockets.forEach((s) => s.destroy());
    server.close();
  });
});

describe('ssh config and default keys', () => {
  it('resolves a Host alias from ~/.ssh/config and authenticates with ~/.ssh/id_ed25519', async () => {
    const alt = mkdtempSync(join(sshd.dir, 'home-'));
    mkdirSync(join(alt, '.ssh'));
    copyFileSync(sshd.clientKey, join(alt, '.ssh', 'id_ed25519'));
    writeFileSync(join(alt, '.ssh', 'config'), `Host labalias\n  HostName 127.0.0.1\n  Port ${sshd.port}\n  User root\n`);
    const s = spec({ host: 'labalias', port: undefined, user: undefined, identityFile: undefined });
    const t = createTransport('lab1', s, { env: {}, homeDir: alt });
    try {
      await t.connect();
      expect((await t.exec('echo $USER')).stdout).toBe('root\n');
    } finally {
      await t.close();
    }
  });
});

describe('ssh-agent', () => {
  /** A real ssh-agent on a socket of its own, holding `keys`; killed after `body`. */
  async function withAgent<T>(keys: string[], body: (socket: string) => Promise<T>): Promise<T> {
    const socket = join(mkdtempSync(join(sshd.dir, 'agent-')), 'agent.sock');
    const agent = spawn('ssh-agent', ['-D', '-a', socket], { stdio: 'ignore' });
    try {
      for (let i = 0; i < 100 && !existsSync(socket); i++) await new Promise((r) => setTimeout(r, 20));
      for (const key of keys) execFileSync('ssh-add', ['-q', key], { env: { SSH_AUTH_SOCK: socket }, stdio: 'ignore' });
      return await body(socket);
    } finally {
      agent.kill();
    }
  }

  it('authenticates with the keys of SSH_AUTH_SOCK when no identity_file is given (the key file itself is not read)', async () => {
    await withAgent([sshd.clientKey], async (socket) => {
      const t = createTransport('lab1', spec({ identityFile: undefined }), { env: { SSH_AUTH_SOCK: socket }, homeDir: home });
      try {
        await t.connect();
        expect((await t.exec('echo via agent')).stdout).toBe('via agent\n');
      } finally {
        await t.close();
      }
    });
  });

  it('an agent whose keys the host does not accept fails with AUTH, naming it', async () => {
    const stranger = join(sshd.dir, 'agent-stranger');
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', stranger]);
    await withAgent([stranger], async (socket) => {
      const t = createTransport('lab1', spec({ identityFile: undefined }), { env: { SSH_AUTH_SOCK: socket }, homeDir: home });
      try {
        const err = await t.connect().then(() => undefined, (e: unknown) => e);
        expect(err).toBeInstanceOf(TransportError);
        expect((err as TransportError).code).toBe('AUTH');
        expect((err as TransportError).message).toContain('(offered ssh-agent)');
      } finally {
        await t.close();
      }
    });
  });
});

describe('proxy jump', () => {
  it('reaches the target through a jump host (here the same sshd)', async () => {
    const r = await withTransport(spec({ proxyJump: `root@127.0.0.1:${sshd.port}` }), async (t) => t.exec('echo via jump'));
    expect(r).toEqual({ stdout: 'via jump\n', stderr: '', exitCode: 0 });
  });
});

describe('dead peers (keepalive)', () => {
  /** A TCP relay to the sshd that can go silent: it keeps every socket open and drops what it reads (no RST, no FIN). */
  async function silenceableRelay(): Promise<{ port: number; silence(): void; stop(): void }> {
    let silent = false;
    const sockets: Socket[] = [];
    const server = createServer((client) => {
      const upstream = connect({ host: '127.0.0.1', port: sshd.port });
      sockets.push(client, upstream);
      client.on('data', (d) => silent || upstream.write(d));
      upstream.on('data', (d) => silent || client.write(d));
      client.on('error', () => undefined);
      upstream.on('error', () => undefined);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    return {
      port: (server.address() as { port: number }).port,
      silence: () => (silent = true),
      stop: () => (sockets.forEach((x) => x.destroy()), server.close()),
    };
  }
  const fast = { keepaliveIntervalMs: 200, keepaliveCountMax: 2 };

  it('a peer that goes silent under a running command is declared unreachable (CLOSED) after interval x (count + 1)', async () => {
    const relay = await silenceableRelay();
    try {
      const knownHosts = join(sshd.dir, 'known_hosts_relay');
      writeFileSync(knownHosts, `[127.0.0.1]:${relay.port} ${sshd.hostPublicKey}\n`);
      await withTransport(spec({ port: relay.port, knownHostsFile: knownHosts, ...fast }), async (t) => {
        expect((await t.exec('echo up')).stdout).toBe('up\n');
        const running = t.exec('sleep 60');
        relay.silence();
        const started = Date.now();
        const err = (await running.catch((e: unknown) => e)) as TransportError;
        expect(Date.now() - started).toBeLessThan(10_000);
        expect(err).toBeInstanceOf(TransportError);
        expect(err.code).toBe('CLOSED');
        expect(err.message).toContain(`no answer from root@127.0.0.1:${relay.port} for 0.6s (2 keepalives unanswered)`);
        await expect(t.exec('true')).rejects.toMatchObject({ code: 'CLOSED' });
      });
    } finally {
      relay.stop();
    }
  });

  it('a silent jump host fails the target, naming the jump host', async () => {
    const relay = await silenceableRelay();
    try {
      const knownHosts = join(sshd.dir, 'known_hosts_jump');
      writeFileSync(knownHosts, `[127.0.0.1]:${relay.port} ${sshd.hostPublicKey}\n[127.0.0.1]:${sshd.port} ${sshd.hostPublicKey}\n`);
      await withTransport(spec({ knownHostsFile: knownHosts, proxyJump: `root@127.0.0.1:${relay.port}`, ...fast }), async (t) => {
        expect((await t.exec('echo via jump')).stdout).toBe('via jump\n');
        const running = t.exec('sleep 60');
        relay.silence();
        const err = (await running.catch((e: unknown) => e)) as TransportError;
        expect(err).toBeInstanceOf(TransportError);
        expect(err.code).toBe('CLOSED');
        // The jump's keepalive or the target's (its pings cross the jump) notices first; either names the jump.
        expect(err.message).toMatch(new RegExp(`no answer from (jump host root@127\\.0\\.0\\.1:${relay.port}|root@127\\.0\\.0\\.1:${sshd.port} through root@127\\.0\\.0\\.1:${relay.port})`));
      });
    } finally {
      relay.stop();
    }
  });

  it('a jump host that cannot be reached fails with an error naming the jump host', async () => {
    const port = await closedPort();
    const err = await connectError(spec({ proxyJump: `root@127.0.0.1:${port}` }));
    expect(err.code).toBe('CONNECT');
    expect(err.message).toContain(`ssh connection refused by jump host root@127.0.0.1:${port}`);
  });
});

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  await new Promise((r) => server.close(r));
  return port;
}

