// The fact script and every write path on the userlands hosts really have: /bin/sh as dash, as bash, and a
// BusyBox sh with BusyBox tools first in PATH; a host lacking a command is told which, in the one exec.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeRun, labInfo, labSkipReason, sshOk, type LabHostInfo } from '../helpers/index.js';
import { ensureSystemdHost, parseReport, systemdProject } from './systemd-fixture.js';

const lab = labInfo();
if (!lab) console.warn(`[lab] skipped: ${labSkipReason()}`);

const SITE = `- name: every fact kind and write path
  hosts: sd
  tasks:
    - name: a directory
      file: { path: /srv/rbul, state: directory, mode: "0755" }
    - name: a file
      copy: { dest: /srv/rbul/motd, content: "release {{ release }}\\n", mode: "0640" }
    - name: a template
      template: { src: hello.njk, dest: /srv/rbul/hello }
    - name: a line
      line: { path: /srv/rbul/hosts, line: "127.0.0.1 rbul.local", create: true }
    - name: a package
      package: { name: nginx, state: present }
    - name: nginx running
      service: { name: nginx, state: started }
    - name: the shell commands run in
      command: readlink /proc/$$/exe > /srv/rbul/shell
      args: { creates: /srv/rbul/shell }
    - name: a guard
      command: touch /srv/rbul/guarded
      args: { unless: test -e /srv/rbul/guarded }
`;

/** The tools the engine runs, from BusyBox, first in the PATH of SSH sessions (/usr/local/bin). */
const BUSYBOX_TOOLS = 'find base64 stat sha256sum head cut readlink mktemp tr od cat mv rm cp chmod chown mkdir ln sed grep awk sort ls id env sleep timeout touch cmp wc tail dd';

describe.skipIf(!lab)('userlands: dash, bash and BusyBox as /bin/sh', () => {
  let host: LabHostInfo;
  let project: ReturnType<typeof systemdProject>;
  let release = 0;

  /** Converges from scratch, then a rerun is one exec; returns the shell commands ran in. */
  const converge = async (): Promise<string> => {
    await sshOk(host, 'rm -rf /srv/rbul');
    release += 1;
    const first = await project.apply('site.yaml', '-e', `release=${release}`);
    expect(first.code, describeRun(first)).toBe(0);
    expect(parseReport(first).changes.map((c) => c.task)).toEqual(['a directory', 'a file', 'a template', 'a line', 'the shell commands run in', 'a guard']);
    const again = await project.apply('site.yaml', '-e', `release=${release}`);
    expect(again.code, describeRun(again)).toBe(0);
    expect(parseReport(again).hosts[host.name]).toMatchObject({ changed: 0, failed: 0, execs: 1 });
    expect(await sshOk(host, 'cat /srv/rbul/motd /srv/rbul/hello; stat -c %a /srv/rbul/motd')).toBe(`release ${release}\nhello ${host.name}\n640\n`);
    return (await sshOk(host, 'cat /srv/rbul/shell')).trim();
  };
  /** /bin/sh -> target, swapped atomically (every SSH command runs /bin/sh). */
  const shIs = (target: string) => sshOk(host, `ln -sf ${target} /bin/sh.rb && mv -f /bin/sh.rb /bin/sh`);

  /** Debian's userland back: dash, no BusyBox links, base64 where it belongs. */
  const restore = async () => {
    await shIs('dash');
    await sshOk(host, `cd /usr/local/bin && for t in ${BUSYBOX_TOOLS}; do [ "$(readlink $t)" = /bin/busybox ] && rm -f $t; done; [ -e /usr/bin/base64.hidden ] && mv /usr/bin/base64.hidden /usr/bin/base64; true`);
  };

  beforeAll(async () => {
    host = (await ensureSystemdHost()).host;
    await restore();
    project = systemdProject('userland', [host], { user: 'root' });
    project.write('site.yaml', SITE);
    project.write('hello.njk', 'hello {{ inventory_hostname }}\n');
  });
  afterAll(async () => {
    project?.remove();
    if (host) await restore();
  });

  it('dash (Debian\'s /bin/sh)', async () => {
    await shIs('dash');
    expect(await converge()).toBe('/usr/bin/dash');
  });

  it('bash as /bin/sh', async () => {
    await shIs('bash');
    expect(await converge()).toBe('/usr/bin/bash');
  });

  it('BusyBox: its ash as /bin/sh and its find, stat, base64, sha256sum... (no find -printf: per-path stat)', async () => {
    await sshOk(host, `cd /usr/local/bin && for t in ${BUSYBOX_TOOLS}; do ln -sf /bin/busybox $t; done`);
    await shIs('busybox');
    expect(await sshOk(host, 'find --help 2>&1 | head -n 1')).toMatch(/^BusyBox/);
    expect(await converge()).toBe('/usr/bin/busybox');
  });

  it('a host lacking a command the fact script runs is told which, in its one exec', async () => {
    await shIs('dash');
    await sshOk(host, 'rm -f /usr/local/bin/base64; mv /usr/bin/base64 /usr/bin/base64.hidden');
    const r = await project.apply('site.yaml', '-e', `release=${release}`);
    expect(r.code, describeRun(r)).toBe(3);
    const report = parseReport(r);
    expect(report.hosts[host.name]!.execs).toBe(1);
    expect(report.errors[0]!.message).toMatch(/^lab-h4: the host lacks base64 \(commands the fact script runs; GNU coreutils or BusyBox provide them\).*; install them/);
    await sshOk(host, 'mv /usr/bin/base64.hidden /usr/bin/base64');
  });
});
