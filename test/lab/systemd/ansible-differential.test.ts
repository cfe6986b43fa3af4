// apt/systemd tasks applied by ansible-playbook and by runbook to the lab's systemd host, from the same reset
// state: the same packages and units after, the same changed/ok per task, and runbook's rerun changes nothing.
//
// Offline: the lab has no network, so the package that gets installed (amqp-tools and its library) comes from
// this machine's /var/cache/apt/archives at apt's candidate version; the package lists are not updated
// (cache_valid_time far above their age: both tools must agree that no update is due).
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeRun, labInfo, labSkipReason, sshOk, type LabHostInfo, type LabInfo } from '../helpers/index.js';
import { ensureSystemdHost, parseReport, systemdProject } from './systemd-fixture.js';

const lab = labInfo();
if (!lab) console.warn(`[lab] skipped: ${labSkipReason()}`);

const PACKAGES = ['amqp-tools', 'librabbitmq4', 'bible-kjv-text', 'coreutils', 'dpkg'];
const UNITS = ['nginx', 'keepalived'];

/** An Ansible playbook, as written for Ansible: runbook runs it unchanged. */
const PLAYBOOK = `- name: packages and services
  hosts: sd
  gather_facts: false
  tasks:
    - name: base packages present, lists fresh enough
      apt: { name: [coreutils, dpkg], state: present, update_cache: true, cache_valid_time: 315360000 }
    - name: amqp-tools installed
      apt: { name: amqp-tools, install_recommends: false }
    - name: bible-kjv-text absent
      ansible.builtin.apt: { pkg: bible-kjv-text, state: absent, purge: true }
    - name: coreutils latest
      apt: { name: coreutils, state: latest }
    - name: nginx started and enabled
      systemd: { name: nginx, state: started, enabled: true }
    - name: keepalived masked
      systemd_service: { name: keepalived, masked: true }
    - name: keepalived stopped
      service: { name: keepalived, state: stopped }
`;

/** The state the play starts from: amqp-tools removed, nginx stopped and disabled, keepalived unmasked and stopped. */
const RESET = [
  'DEBIAN_FRONTEND=noninteractive apt-get remove -y -q amqp-tools librabbitmq4 >/dev/null',
  'systemctl unmask keepalived >/dev/null 2>&1',
  'systemctl stop nginx keepalived',
  'systemctl disable nginx >/dev/null 2>&1',
  'true',
].join('; ');

/** What the play decides, read by neither tool: dpkg's status of each package, and each unit's state. */
async function hostState(host: LabHostInfo): Promise<string> {
  const dpkg = `dpkg-query -W -f='\${Package} \${Status} \${Version}\\n' ${PACKAGES.join(' ')} 2>/dev/null | sort`;
  const units = `systemctl show -p Id,LoadState,ActiveState,UnitFileState -- ${UNITS.join(' ')}`;
  return sshOk(host, `${dpkg}; ${units}`);
}

function run(file: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    const timer = setTimeout(() => child.kill('SIGKILL'), 150_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** ansible-playbook on the host, over SSH with the lab's key: the changed flag of each task, in order. */
async function ansibleChanged(dir: string, l: LabInfo, host: LabHostInfo): Promise<Record<string, boolean>> {
  const inventory = {
    sd: {
      hosts: { [host.name]: { ansible_host: '127.0.0.1', ansible_port: host.port } },
      vars: {
        ansible_user: 'root',
        ansible_ssh_private_key_file: l.keyFile,
        ansible_ssh_common_args: `-o UserKnownHostsFile=${l.knownHostsFile} -o StrictHostKeyChecking=yes`,
        ansible_python_interpreter: '/usr/bin/python3',
      },
    },
  };
  writeFileSync(join(dir, 'ansible-inventory.json'), JSON.stringify(inventory));
  // Tuned as test/bench/ansible/ansible.cfg (pipelining, one persistent SSH connection), its socket gone soon after.
  const env = {
    ...process.env,
    ANSIBLE_NOCOLOR: '1',
    ANSIBLE_PIPELINING: 'True',
    ANSIBLE_LOCAL_TEMP: join(dir, 'ansible-tmp'),
    ANSIBLE_SSH_CONTROL_PATH_DIR: join(dir, 'cp'),
    ANSIBLE_SSH_ARGS: '-o ControlMaster=auto -o ControlPersist=5s',
  };
  const r = await run('ansible-playbook', ['-i', 'ansible-inventory.json', 'play.yaml'], dir, env);
  if (r.code !== 0) throw new Error(`ansible-playbook failed (exit ${r.code}):\n${r.stdout.slice(-4000)}\n${r.stderr.slice(-2000)}`);
  // The default callback (ansible-core has no json one): `TASK [name] ***` then `ok: [host]` or `changed: [host]`.
  const sections = r.stdout.split(/^TASK \[/m).slice(1);
  return Object.fromEntries(
    sections.map((s) => {
      const status = new RegExp(`^(ok|changed): \\[${host.name}\\]`, 'm').exec(s)?.[1];
      if (status === undefined) throw new Error(`no ok/changed line for ${host.name} in:\n${s}`);
      return [s.slice(0, s.indexOf(']')), status === 'changed'];
    }),
  );
}

describe.skipIf(!lab)('apt and systemd tasks: runbook against ansible-playbook', () => {
  let host: LabHostInfo;
  let project: ReturnType<typeof systemdProject>;
  const tasks = [...PLAYBOOK.matchAll(/- name: (.+)\n\s+(?:ansible\.builtin\.)?(?:apt|systemd|systemd_service|service):/g)].map((m) => m[1]!);

  beforeAll(async () => {
    host = (await ensureSystemdHost()).host;
    project = systemdProject('ansible-differential', [host]);
    project.write('play.yaml', PLAYBOOK);
  });
  afterAll(async () => {
    if (host) await sshOk(host, RESET);
    project?.remove();
  });

  // ansible-playbook alone takes about a minute here (its python over SSH per task), so the rerun is runbook's only.
  it('leave the same package and unit state, with the same changed tasks; a rerun changes nothing', { timeout: 240_000 }, async () => {
    await sshOk(host, RESET);
    const before = await hostState(host);
    expect(before).not.toContain('amqp-tools install ok installed');

    let began = Date.now();
    const ansible = await ansibleChanged(project.dir, lab!, host);
    const ansibleMs = Date.now() - began;
    const afterAnsible = await hostState(host);

    await sshOk(host, RESET);
    expect(await hostState(host)).toBe(before);
    began = Date.now();
    const first = await project.apply('play.yaml');
    console.log(`[differential] ansible-playbook ${ansibleMs} ms, runbook ${Date.now() - began} ms (the same 7 tasks, 3 changed)`);
    expect(first.code, describeRun(first)).toBe(0);
    const afterRunbook = await hostState(host);
    const changed = new Set(parseReport(first).changes.filter((c) => c.host === host.name).map((c) => c.task));
    const runbook = Object.fromEntries(tasks.map((t) => [t, changed.has(t)]));

    expect(afterRunbook).toBe(afterAnsible);
    expect(afterRunbook).toContain('amqp-tools install ok installed');
    expect(afterRunbook).toMatch(/Id=keepalived\.service\nLoadState=masked|LoadState=masked[\s\S]*Id=keepalived/);
    expect(runbook).toEqual(ansible);
    expect(Object.entries(ansible).filter(([, c]) => c).map(([t]) => t)).toEqual(['amqp-tools installed', 'nginx started and enabled', 'keepalived masked']);

    const again = parseReport(await project.apply('play.yaml'));
    expect(again.hosts[host.name]).toMatchObject({ changed: 0, execs: 1 });
  });
});
