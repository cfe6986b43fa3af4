// Runs a shell command on a lab host with the system ssh client, the lab's key and strict host key checking.
import { labInfo, type LabHostInfo } from './lab-info.js';
import { runProcess } from './run-process.js';

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

export async function sshRun(host: LabHostInfo, command: string, opts: { timeoutMs?: number } = {}): Promise<SshResult> {
  const r = await runProcess('ssh', sshArgs(host, command), opts.timeoutMs ?? 60_000);
  return { ...r, code: r.code ?? -1 };
}

/** sshRun that insists on exit 0 and returns stdout. */
export async function sshOk(host: LabHostInfo, command: string): Promise<string> {
  const r = await sshRun(host, command);
  if (r.code !== 0) throw new Error(`${host.name}: \`${command}\` exited ${r.code}: ${r.stderr.trim()}`);
  return r.stdout;
}
