// A throwaway MariaDB server for tests: its own datadir, unix socket only (no TCP), stopped by its PID.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface MariaDbServer {
  dir: string;
  socket: string;
  pid: number;
  /** Runs SQL as root over the socket (test setup and checks only). */
  sql(statements: string): { status: number | null; stdout: string; stderr: string };
  stop(): Promise<void>;
}

const SERVER = ['/usr/sbin/mariadbd', '/usr/sbin/mysqld'].find((p) => existsSync(p));

export function mariadbAvailable(): boolean {
  return SERVER !== undefined && spawnSync('sh', ['-c', 'command -v mariadb-install-db']).status === 0 && process.getuid?.() === 0;
}

/** `extraArgs`: more server options (`--log-bin=...` for a primary). */
export async function startMariaDb(extraArgs: string[] = []): Promise<MariaDbServer> {
  const dir = mkdtempSync(join(tmpdir(), 'rb-mariadb-'));
  const datadir = join(dir, 'data');
  const socket = join(dir, 'sock');
  const install = spawnSync(
    'mariadb-install-db',
    ['--no-defaults', `--datadir=${datadir}`, '--auth-root-authentication-method=socket', '--user=root'],
    { encoding: 'utf8' },
  );
  if (install.status !== 0) throw new Error(`mariadb-install-db failed: ${install.stderr}`);
  const child = spawn(
    SERVER!,
    ['--no-defaults', `--datadir=${datadir}`, `--socket=${socket}`, '--skip-networking', '--user=root', `--pid-file=${join(dir, 'pid')}`, `--log-error=${join(dir, 'error.log')}`, ...extraArgs.map((a) => a.replaceAll('$DIR', dir))],
    { detached: true, stdio: 'ignore' },
  );
  child.unref();
  const pid = child.pid!;
  const sql = (statements: string) => {
    const r = spawnSync('mysql', [`--socket=${socket}`, '-N', '-B', '-e', statements], { encoding: 'utf8' });
    return { status: r.status, stdout: r.stdout, stderr: r.stderr };
  };
  const deadline = Date.now() + 30_000;
  while (sql('SELECT 1').status !== 0) {
    if (Date.now() > deadline || child.exitCode !== null) throw new Error(`mariadbd did not come up; see ${join(dir, 'error.log')}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    dir,
    socket,
    pid,
    sql,
    async stop() {
      const alive = () => {
        try {
          process.kill(pid, 0);
          return true;
        } catch {
          return false;
        }
      };
      if (alive()) process.kill(pid, 'SIGTERM');
      const until = Date.now() + 30_000;
      while (alive() && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
      if (alive()) process.kill(pid, 'SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
