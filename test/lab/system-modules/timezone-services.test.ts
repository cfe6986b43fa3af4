// timezone and service_facts against Ansible 2.14 on the lab's two kinds of host: SysV (Debian's files) and systemd (timedatectl).
// timezone: the same zone files and the same changed/ok per task; service_facts: the very services Ansible's gives, read on the same host.
import { describe, expect, it } from 'vitest';
import { inHostOk, labInfo, labSkipReason, sshOk, type LabHostInfo } from '../helpers/index.js';
import { ensureSystemdHost } from '../systemd/systemd-fixture.js';
import { diffPair, type Tasks } from './ansible-diff.js';

const lab = labInfo();
if (!lab) console.warn(`[lab] skipped: ${labSkipReason()}`);

// community.general's timezone comes with Ansible's collections, installed beside this machine's ansible-core.
process.env.ANSIBLE_COLLECTIONS_PATH ??= '/tmp/s3-ansible/root/usr/lib/python3/dist-packages';

const zone = (name: string): Tasks => [[`zone ${name}`, `community.general.timezone: { name: ${name} }`]];

/** Both tools' services, dumped as JSON on the host by the same two tasks. */
const dumpServices = (tool: string): Tasks => [
  ['Populate service facts.', 'service_facts:'],
  ['dump', `copy: { content: "{{ services | to_json }}", dest: /root/rb-services-${tool}.json }`],
];

async function servicesOf(host: LabHostInfo, tool: string): Promise<Record<string, Record<string, string>>> {
  return JSON.parse(await sshOk(host, `cat /root/rb-services-${tool}.json; rm -f /root/rb-services-${tool}.json`)) as Record<string, Record<string, string>>;
}

describe.skipIf(!lab)('timezone and service_facts: the same as ansible-playbook', () => {
  const pair = diffPair();

  it('SysV: /etc/timezone and the /etc/localtime link as Ansible leaves them; a rerun changes nothing in one exec', async () => {
    const state = (host: LabHostInfo) => inHostOk(host.name, 'cat /etc/timezone; readlink /etc/localtime');
    expect(await pair.ws.ansible(pair.ansibleHost, zone('Europe/Berlin'))).toEqual({ 'zone Europe/Berlin': 'changed' });
    expect((await pair.ws.runbook(pair.runbookHost, zone('Europe/Berlin'))).outcomes).toEqual({ 'zone Europe/Berlin': 'changed' });
    expect(await state(pair.runbookHost)).toBe(await state(pair.ansibleHost));
    expect(await state(pair.runbookHost)).toBe('Europe/Berlin\n/usr/share/zoneinfo/Europe/Berlin\n');
    expect(await pair.ws.runbook(pair.runbookHost, zone('Europe/Berlin'))).toEqual({ outcomes: { 'zone Europe/Berlin': 'ok' }, execs: 1 });
    expect(await pair.ws.ansible(pair.ansibleHost, zone('Europe/Berlin'))).toEqual({ 'zone Europe/Berlin': 'ok' });
  }, 120_000);

  it('SysV: service_facts gives what Ansible gives on the same host', async () => {
    await pair.ws.ansible(pair.runbookHost, dumpServices('ansible'));
    await pair.ws.runbook(pair.runbookHost, dumpServices('runbook'));
    const [ansible, runbook] = [await servicesOf(pair.runbookHost, 'ansible'), await servicesOf(pair.runbookHost, 'runbook')];
    expect(Object.keys(ansible).length).toBeGreaterThan(3);
    expect(runbook).toEqual(ansible);
  }, 120_000);

  it('SysV: services read after a service task changed one are read then, not at the plan', async () => {
    const read = (file: string): Tasks => [
      [`services for ${file}`, 'service_facts:'],
      [`nginx state to ${file}`, `copy: { content: "{{ services.nginx.state }}", dest: /root/rb-nginx-${file} }`],
    ];
    // Each run's plan reads nginx as it was; the apply reads it again once the service task changed it.
    await pair.ws.runbook(pair.runbookHost, [['nginx stopped', 'service: { name: nginx, state: stopped }'], ...read('stopped')]);
    await pair.ws.runbook(pair.runbookHost, [['nginx started', 'service: { name: nginx, state: started }'], ...read('started')]);
    expect(await sshOk(pair.runbookHost, 'cat /root/rb-nginx-stopped; echo; cat /root/rb-nginx-started; rm -f /root/rb-nginx-*')).toBe('stopped\nrunning');
  }, 120_000);

  it('systemd: timedatectl set-timezone as Ansible, and service_facts as Ansible on the same host', async () => {
    const { host } = await ensureSystemdHost();
    const timedatectl = async () => /Time zone: (\S+)/.exec(await sshOk(host, 'timedatectl'))?.[1];
    try {
      expect(await pair.ws.ansible(host, zone('Europe/Berlin'))).toEqual({ 'zone Europe/Berlin': 'changed' });
      expect(await pair.ws.runbook(host, zone('Europe/Berlin'))).toEqual({ outcomes: { 'zone Europe/Berlin': 'ok' }, execs: 1 });
      expect((await pair.ws.runbook(host, zone('America/Chicago'))).outcomes).toEqual({ 'zone America/Chicago': 'changed' });
      expect(await timedatectl()).toBe('America/Chicago');
      expect(await pair.ws.ansible(host, zone('America/Chicago'))).toEqual({ 'zone America/Chicago': 'ok' });

      await pair.ws.ansible(host, dumpServices('ansible'));
      await pair.ws.runbook(host, dumpServices('runbook'));
      const [ansible, runbook] = [await servicesOf(host, 'ansible'), await servicesOf(host, 'runbook')];
      expect(ansible['ssh.service']).toMatchObject({ state: 'running', status: 'enabled', source: 'systemd' });
      expect(runbook).toEqual(ansible);
    } finally {
      await sshOk(host, 'timedatectl set-timezone Etc/UTC');
    }
  }, 180_000);
});
