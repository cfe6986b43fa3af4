// A non-root login with sudo (Ansible's most common setup) on the systemd host: `user: deploy`, `become: true`,
// sudo NOPASSWD and with a password (`become_password: !secret`); files, a validated config, a line, a
// service and its handler, a command -- and the fact script -- all through sudo, no-change = one exec.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeRun, labInfo, labSkipReason, sshOk, type LabHostInfo } from '../helpers/index.js';
import { ensureSystemdHost, parseReport, systemdProject } from './systemd-fixture.js';

const lab = labInfo();
if (!lab) console.warn(`[lab] skipped: ${labSkipReason()}`);

const PASSWORD = 'Sudo-pw-for-the-lab-4b7e';

const DEPLOY = `- name: as deploy through sudo
  hosts: sd
  handlers:
    - name: reload nginx
      service: { name: nginx, state: reloaded }
  tasks:
    - name: a directory
      file: { path: /srv/rbdeploy, state: directory, owner: root, mode: "0755" }
    - name: a root-only file
      copy: { dest: /srv/rbdeploy/motd, content: "release {{ release }}\\n", owner: root, mode: "0640" }
    - name: a site
      copy:
        dest: /etc/nginx/conf.d/rbdeploy.conf
        content: "server { listen 8089; location / { return 200 'rbdeploy {{ release }}'; } }\\n"
        validate: nginx -t
      notify: reload nginx
    - name: a line in /etc/hosts
      line: { path: /etc/hosts, line: "127.0.0.1 rbdeploy.local" }
    - name: nginx running
      service: { name: nginx, state: started, enabled: true }
    - name: who runs commands
      command: sh -c 'id -un > /srv/rbdeploy/who'
      args: { creates: /srv/rbdeploy/who }
`;

describe.skipIf(!lab)('a deploy user with sudo (become) on a systemd host', () => {
  let host: LabHostInfo;

  /** deploy logs in with the lab's key; sudoers lets it run anything, with or without its password. */
  const sudoers = (line: string) => sshOk(host, `echo '${line}' > /etc/sudoers.d/deploy && chmod 0440 /etc/sudoers.d/deploy && visudo -cf /etc/sudoers.d/deploy`);

  beforeAll(async () => {
    host = (await ensureSystemdHost()).host;
    await sshOk(
      host,
      [
        'id deploy >/dev/null 2>&1 || useradd -m -s /bin/bash deploy',
        // With UsePAM no, sshd refuses a locked account ("!" in shadow): a password, set below, unlocks it.
        `echo 'deploy:${PASSWORD}' | chpasswd`,
        'install -d -m 0700 -o deploy -g deploy ~deploy/.ssh',
        'install -m 0600 -o deploy -g deploy /root/.ssh/authorized_keys ~deploy/.ssh/authorized_keys',
        'rm -rf /srv/rbdeploy /etc/nginx/conf.d/rbdeploy.conf',
        "sed -i '/rbdeploy.local/d' /etc/hosts",
        // Its plays expect nginx started and enabled, as a fresh host has it (another test may leave it disabled).
        'systemctl enable --quiet nginx',
        'systemctl start nginx',
      ].join(' && '),
    );
  });
  afterAll(async () => {
    if (host) await sshOk(host, 'rm -f /etc/sudoers.d/deploy /etc/nginx/conf.d/rbdeploy.conf; systemctl reload nginx || true');
  });

  const project = (vars: Record<string, string>) => {
    const p = systemdProject('sudo-user', [host], { user: 'deploy', become: 'true', ...vars });
    p.write('deploy.yaml', DEPLOY);
    return p;
  };

  it('NOPASSWD: every write path and the fact script work through sudo; a rerun is one exec', async () => {
    await sudoers('deploy ALL=(ALL:ALL) NOPASSWD: ALL');
    const p = project({});
    try {
      const first = await p.apply('deploy.yaml', '-e', 'release=1');
      expect(first.code, describeRun(first)).toBe(0);
      expect(parseReport(first).changes.map((c) => c.task)).toEqual(['a directory', 'a root-only file', 'a site', 'a line in /etc/hosts', 'who runs commands', 'reload nginx']);
      expect(await sshOk(host, 'stat -c "%U %a" /srv/rbdeploy/motd; cat /srv/rbdeploy/who; curl -s 127.0.0.1:8089')).toBe('root 640\nroot\nrbdeploy 1');
      const again = parseReport(await p.apply('deploy.yaml', '-e', 'release=1'));
      expect(again.hosts[host.name]).toMatchObject({ changed: 0, failed: 0, execs: 1 });
    } finally {
      p.remove();
    }
  });

  it('with a password: become_password (a !secret) goes to sudo on stdin; without it sudo refuses, clearly', async () => {
    await sudoers('deploy ALL=(ALL:ALL) ALL');
    const none = project({});
    const wrong = project({ become_password: '!secret "not-the-password"' });
    const right = project({ become_password: `!secret "${PASSWORD}"` });
    try {
      const refused = await none.apply('deploy.yaml', '-e', 'release=2');
      expect(refused.code, describeRun(refused)).toBe(3);
      expect(parseReport(refused).errors[0]!.message).toMatch(/sudo: a password is required.*sudo refused \(become\).*become_password/s);

      const bad = await wrong.apply('deploy.yaml', '-e', 'release=2');
      expect(bad.code, describeRun(bad)).toBe(3);
      expect(parseReport(bad).errors[0]!.message).toMatch(/incorrect password attempt/);
      expect(bad.output).not.toContain('not-the-password');

      const ok = await right.apply('deploy.yaml', '-e', 'release=2');
      expect(ok.code, describeRun(ok)).toBe(0);
      expect(parseReport(ok).changes.map((c) => c.task)).toEqual(['a root-only file', 'a site', 'reload nginx']);
      expect(await sshOk(host, 'curl -s 127.0.0.1:8089')).toBe('rbdeploy 2');
      const again = await right.apply('deploy.yaml', '-e', 'release=2');
      expect(parseReport(again).hosts[host.name]).toMatchObject({ changed: 0, failed: 0, execs: 1 });
      for (const r of [ok, again]) expect(r.output).not.toContain(PASSWORD);
    } finally {
      for (const p of [none, wrong, right]) p.remove();
    }
  });
});
