// Starts a real, throwaway sshd on 127.0.0.1 for the transport tests; stopped by its PID.
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Sshd {
  port: number;
  dir: string;
  /** Client private key authorized for root. */
  clientKey: string;
  /** The host's ed25519 public key line, `ssh-ed25519 AAAA...`. */
  hostPublicKey: string;
  stop(): Promise<void>;
}

function keygen(file: string): void {
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'runbook-test', '-f', file]);
}

async function freePort(): Promise<number> {
  for (let i = 0; i < 50; i++) {
    const port = 22000 + Math.floor(Math.random() * 1000);
    const ok = await new Promise<boolean>((resolve) => {
      const server = createServer();
      server.once('error', () => resolve(false));
      server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
    });
    if (ok) return port;
  }
  throw new Error('no free port in 22000-22999');
}

async function waitListening(port: number, child: ChildProcess, stderr: () => string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (child.exitCode !== null) throw new Error(`sshd exited ${child.exitCode}: ${stderr()}`);
    const up = await new Promise<boolean>((resolve) => {
      const s = connect(port, '127.0.0.1', () => (s.destroy(), resolve(true)));
      s.once('error', () => resolve(false));
    });
    if (up) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`sshd did not listen on ${port}: ${stderr()}`);
}

/**
 * sshd runs inside its own mount namespace (unshare -m) with a private tmpfs on /run (Debian's
 * sshd needs /run/sshd) and, unless `stockRc`, an empty root ~/.bashrc bound over the real one,
 * so the machine is not touched and per-exec timings measure the transport, not pyenv.
 */
export async function startSshd(options: { stockRc?: boolean } = {}): Promise<Sshd> {
  const dir = mkdtempSync(join(tmpdir(), 'runbook-sshd-'));
  const port = await freePort();
  keygen(join(dir, 'host_ed25519'));
  keygen(join(dir, 'id_ed25519'));
  writeFileSync(join(dir, 'authorized_keys'), readFileSync(join(dir, 'id_ed25519.pub')));
  writeFileSync(join(dir, 'bashrc'), '');
  const config = join(dir, 'sshd_config');
  writeFileSync(
    config,
    [
      'ListenAddress 127.0.0.1',
      `Port ${port}`,
      `HostKey ${join(dir, 'host_ed25519')}`,
      `AuthorizedKeysFile ${join(dir, 'authorized_keys')}`,
      `PidFile ${join(dir, 'sshd.pid')}`,
      'UsePAM no',
      'StrictModes no',
      'PermitRootLogin prohibit-password',
      'PasswordAuthentication no',
      'KbdInteractiveAuthentication no',
      'Subsystem sftp internal-sftp',
      'LogLevel ERROR',
      '',
    ].join('\n'),
  );
  const rc = options.stockRc ? '' : `mount --bind ${dir}/bashrc /root/.bashrc && `;
  const child = spawn(
    'unshare',
    ['-m', '--propagation', 'private', 'sh', '-c', `mount -t tmpfs tmpfs /run && mkdir -p /run/sshd && ${rc}exec /usr/sbin/sshd -D -e -f ${config}`],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  await waitListening(port, child, () => stderr);
  const [type, blob] = readFileSync(join(dir, 'host_ed25519.pub'), 'utf8').split(' ');
  return {
    port,
    dir,
    clientKey: join(dir, 'id_ed25519'),
    hostPublicKey: `${type} ${blob}`,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        process.kill(child.pid!, 'SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
