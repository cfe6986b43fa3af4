// Writes a lab host's SSH setup into its own root (through /proc/PID/root): host key, sshd_config, root's authorized key.
import { chmodSync, copyFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** sshd for a lab host: root by key only, no PAM (no login session machinery in a namespace), SFTP in-process. */
export const LAB_SSHD_CONFIG = `# Written by runbook lab up: this host's sshd.
Port 22
ListenAddress 0.0.0.0
HostKey /etc/ssh/ssh_host_ed25519_key
PermitRootLogin prohibit-password
PubkeyAuthentication yes
AuthorizedKeysFile .ssh/authorized_keys
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
UseDNS no
PrintMotd no
AcceptEnv LANG LC_*
MaxStartups 64:30:128
Subsystem sftp internal-sftp
PidFile /run/sshd.pid
`;

export interface HostSshSetup {
  /** The host's private key on the machine (`hosts/lab-hN/ssh_host_ed25519_key`). */
  hostKeyFile: string;
  /** The lab's client public key line. */
  authorizedKey: string;
}

export function provisionHost(initPid: number, setup: HostSshSetup): void {
  provisionRoot(`/proc/${initPid}/root`, setup);
}

/** The same files under any root: a running host's (/proc/PID/root) or a systemd host's staging dir. */
export function provisionRoot(root: string, setup: HostSshSetup): void {
  const sshDir = join(root, 'etc/ssh');
  mkdirSync(sshDir, { recursive: true, mode: 0o755 });
  copyFileSync(setup.hostKeyFile, join(sshDir, 'ssh_host_ed25519_key'));
  chmodSync(join(sshDir, 'ssh_host_ed25519_key'), 0o600);
  copyFileSync(`${setup.hostKeyFile}.pub`, join(sshDir, 'ssh_host_ed25519_key.pub'));
  chmodSync(join(sshDir, 'ssh_host_ed25519_key.pub'), 0o644);
  writeFileSync(join(sshDir, 'sshd_config'), LAB_SSHD_CONFIG, { mode: 0o644 });
  const rootSsh = join(root, 'root/.ssh');
  mkdirSync(rootSsh, { recursive: true, mode: 0o700 });
  chmodSync(rootSsh, 0o700);
  writeFileSync(join(rootSsh, 'authorized_keys'), `${setup.authorizedKey}\n`, { mode: 0o600 });
  chmodSync(join(rootSsh, 'authorized_keys'), 0o600);
  // root's dotfiles as on a fresh Debian host, not the controller's: bash sources ~/.bashrc for
  // every SSH command, and a developer's (pyenv, cargo...) cost ~0.5 s per command here.
  for (const [from, to] of [['dot.bashrc', '.bashrc'], ['dot.profile', '.profile']]) {
    const source = `/usr/share/base-files/${from}`;
    if (existsSync(source)) copyFileSync(source, join(root, 'root', to));
  }
}
