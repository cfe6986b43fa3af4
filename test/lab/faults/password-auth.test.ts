// Password and keyboard-interactive authentication against a lab host's real sshd (a `!secret` password; no key accepted there).
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeRun, inHost, inHostOk, labInfo, labSkipReason, resetLabHosts, type LabHostInfo } from '../helpers/index.js';
import { faultHosts } from './fault-hosts.js';
import { createFaultProject, parseJson, type FaultProject } from './fault-project.js';

const lab = labInfo();
if (!lab) console.warn(`[lab] skipped: ${labSkipReason()}`);

const MARKER = '/var/tmp/faults-password-marker';
const PASSWORD = 'Pw-for-the-lab-7f3a9c';

describe.skipIf(!lab)('password authentication', () => {
  let A: LabHostInfo;
  let project: FaultProject;
  let release = 0;

  /** Restarts A's sshd with `settings` ahead of its stock config (sshd takes a keyword's first value). */
  const sshdWith = (settings: string[]) =>
    inHostOk(
      A.name,
      `[ -f /etc/ssh/sshd_config.stock ] || cp /etc/ssh/sshd_config /etc/ssh/sshd_config.stock; ` +
        `{ printf '%s\\n' ${settings.map((l) => `'${l}'`).join(' ')}; cat /etc/ssh/sshd_config.stock; } > /etc/ssh/sshd_config && ` +
        `/usr/sbin/sshd -t -f /etc/ssh/sshd_config && kill $(cat /run/sshd.pid) && sleep 0.5 && /usr/sbin/sshd -f /etc/ssh/sshd_config`,
      { namespaces: 'all' },
    );
  const apply = (password: string) => {
    const inv = project.writeInventory(join(project.dir, 'inventory.yaml'), { vars: { identity_file: 'null', password: `!secret "${password}"` } });
    return project.run(['apply', 'marker.yaml', '-i', inv, '--yes', '--json', '-e', `release=${++release}`], { env: { SSH_AUTH_SOCK: '' } });
  };

  beforeAll(async () => {
    [A] = faultHosts();
    await resetLabHosts([A.name]);
    project = createFaultProject('password', 'password-auth', [A]);
    // Only a password gets in: root's password set on A (its own /etc/shadow), its authorized_keys gone.
    await inHostOk(A.name, `echo 'root:${PASSWORD}' | chpasswd && rm -f /root/.ssh/authorized_keys`, { namespaces: 'all' });
  });
  afterAll(async () => {
    project?.remove();
    if (A) await resetLabHosts([A.name]);
  });

  it('password: logs in with the !secret password (exit 0); a wrong one fails with AUTH (exit 3); the password is printed nowhere', async () => {
    await sshdWith(['PasswordAuthentication yes', 'PermitRootLogin yes']);
    const r = await apply(PASSWORD);
    expect(r.code, describeRun(r)).toBe(0);
    expect(await inHostOk(A.name, `cat ${MARKER}`)).toBe(`reached ${A.name} ${release}\n`);
    const wrong = await apply('not-the-password');
    expect(wrong.code, describeRun(wrong)).toBe(3);
    expect(parseJson(wrong).errors.find((e) => e.host === A.name)?.message).toMatch(/ssh auth failed for root@127\.0\.0\.1:\d+ \(offered password/);
    for (const out of project.outputs) expect(out).not.toContain(PASSWORD);
    expect(wrong.output).not.toContain('not-the-password');
  });

  it('keyboard-interactive (PAM only, PasswordAuthentication no): the password answers the prompt (exit 0)', async () => {
    await sshdWith(['PasswordAuthentication no', 'KbdInteractiveAuthentication yes', 'UsePAM yes', 'PermitRootLogin yes']);
    const r = await apply(PASSWORD);
    expect(r.code, describeRun(r)).toBe(0);
    expect(await inHostOk(A.name, `cat ${MARKER}`)).toBe(`reached ${A.name} ${release}\n`);
    // No key and no password method would have worked: the refusal of a wrong one proves the route.
    const wrong = await apply('not-the-password');
    expect(wrong.code, describeRun(wrong)).toBe(3);
    expect((await inHost(A.name, 'true')).code).toBe(0);
  });
});
