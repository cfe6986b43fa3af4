// Runs a shell command on a lab host with the system ssh client, the lab's key and strict host key checking.
import { spawn } from 'node:child_process';
import { labInfo, type LabHostInfo } from './lab-info.js';

export interface SshResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** ssh arguments to reach `host` as root through its loopback forward. */
export function sshArgs(host: LabHostInfo, command: string): string[] {
  const lab = labInfo();
  if (!lab) throw new Error('no lab is running');
  return [
    '-i', lab.keyFile,
    '-o', `UserKnownHostsFile=${lab.knownHostsFile}`,
    '-o', 'StrictHostKeyChecking=yes',
    '-o', 'BatchMode=yes',
    '-o', 'ConnectTimeout=10',
    '-o', 'LogLevel=ERROR',
    '-p', String(host.port),
    'root@127.0.0.1',
    command,
  ];
}

export function sshRun(host: LabHostInfo, command: string, opts: { timeoutMs?: number } = {}): Promise<SshResult> {
  return new Promise((resolve, reject) => {
    const child = spawn('ssh', sshArgs(host, command), { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 60_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? -1, stdout, stderr });
    });
  });
}

/** sshRun that insists on exit 0 and returns stdout. */
export async function sshOk(host: LabHostInfo, command: string): Promise<string> {
  const r = await sshRun(host, command);
  if (r.code !== 0) throw new Error(`${host.name}: \`${command}\` exited ${r.code}: ${r.stderr.trim()}`);
  return r.stdout;
}
