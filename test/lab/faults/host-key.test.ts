// Fault: a host presents a key other than the one known_hosts records (reinstalled host, or a man in the middle).
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeRun, labInfo, labSkipReason, resetLabHosts, sshRun, type LabHostInfo } from '../helpers/index.js';
import { faultHosts } from './fault-hosts.js';
import { createFaultProject, parseJson, type FaultProject } from './fault-project.js';
import { secretLeaks } from './fault-secrets.js';

const lab = labInfo();
if (!lab) console.warn(`[lab] skipped: ${labSkipReason()}`);

const MARKER = '/var/tmp/faults-hostkey-marker';
const reached = async (h: LabHostInfo) => (await sshRun(h, `cat ${MARKER}`)).code === 0;

describe.skipIf(!lab)('changed host key', () => {
  let A: LabHostInfo;
  let B: LabHostInfo;
  let project: FaultProject;
  let knownHosts = '';
  let line = 0;
  const name = () => `[127.0.0.1]:${A.port}`;

  beforeAll(async () => {
    [A, B] = faultHosts();
    await resetLabHosts([A.name, B.name]);
    project = createFaultProject('hostkey', 'host-key', [A, B]);
    // A copy of the lab's known_hosts where A's entry holds some other host's key.
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'impostor', '-f', join(project.dir, 'impostor')]);
    const impostor = readFileSync(join(project.dir, 'impostor.pub'), 'utf8').split(' ').slice(0, 2).join(' ');
    const lines = readFileSync(labInfo()!.knownHostsFile, 'utf8').split('\n');
    line = lines.findIndex((l) => l.startsWith(`${name()} `)) + 1;
    expect(line, `${name()} missing from ${labInfo()!.knownHostsFile}`).toBeGreaterThan(0);
    lines[line - 1] = `${name()} ${impostor}`;
    knownHosts = join(project.dir, 'known_hosts');
    writeFileSync(knownHosts, lines.join('\n'));
  });
  afterAll(() => project?.remove());

  it('strict: refused (exit 3) naming the known_hosts file and line and the ssh-keygen -R fix; nothing done on A, B applied', async () => {
    const inv = project.writeInventory(join(project.dir, 'strict.yaml'), { knownHostsFile: knownHosts });
    const r = await project.run(['apply', 'marker.yaml', '-i', inv, '--yes', '--json']);
    expect(r.code, describeRun(r)).toBe(3);
    const json = parseJson(r);
    expect(json.hosts[A.name]).toMatchObject({ unreachable: true, changed: 0 });
    expect(json.hosts[B.name]).toMatchObject({ unreachable: false, failed: 0, changed: 1 });
    const message = json.errors.find((e) => e.host === A.name)?.message ?? '';
    expect(message).toContain(`host key of ${name()} changed`);
    expect(message).toMatch(/presented ssh-ed25519 SHA256:[A-Za-z0-9+/]{43}/);
    expect(message).toContain(`${knownHosts}:${line} (ssh-ed25519)`);
    expect(message).toContain(`ssh-keygen -f ${knownHosts} -R '${name()}'`);
    expect(r.stderr).toContain(`ssh-keygen -f ${knownHosts} -R`);
    expect(await reached(A)).toBe(false);
    expect(await reached(B)).toBe(true);
  });

  it('accept-new does not accept a changed key either (exit 3)', async () => {
    const inv = project.writeInventory(join(project.dir, 'accept-new.yaml'), { knownHostsFile: knownHosts, vars: { host_key_checking: 'accept-new' } });
    const before = readFileSync(knownHosts, 'utf8');
    const r = await project.run(['apply', 'marker.yaml', '-i', inv, '--limit', A.name, '--yes', '--json']);
    expect(r.code, describeRun(r)).toBe(3);
    expect(parseJson(r).errors[0]?.message).toContain(`host key of ${name()} changed`);
    expect(readFileSync(knownHosts, 'utf8'), 'known_hosts untouched').toBe(before);
    expect(await reached(A)).toBe(false);
  });

  it('the suggested fix works: ssh-keygen -R, then accept-new records the real key and the apply succeeds', async () => {
    execFileSync('ssh-keygen', ['-f', knownHosts, '-R', name()], { stdio: 'ignore' });
    const inv = project.writeInventory(join(project.dir, 'accept-new.yaml'), { knownHostsFile: knownHosts, vars: { host_key_checking: 'accept-new' } });
    const r = await project.run(['apply', 'marker.yaml', '-i', inv, '--limit', A.name, '--yes', '--json']);
    expect(r.code, describeRun(r)).toBe(0);
    expect(await reached(A)).toBe(true);
    const real = readFileSync(labInfo()!.knownHostsFile, 'utf8').split('\n').find((l) => l.startsWith(`${name()} `))!;
    expect(readFileSync(knownHosts, 'utf8')).toContain(real.split(' ').slice(1).join(' '));
    for (const out of project.outputs) expect(secretLeaks(out)).toEqual([]);
  });
});
