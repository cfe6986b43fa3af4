// Lab lifecycle: a killed lab is rebuilt by labUp, and labDown leaves nothing behind (then the lab comes back for later files).
import { portOpen } from './helpers/port-open.js';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { labDown, labUp, type LabState } from '../../src/lab/index.js';
import { labHosts, labInfo, labSkipReason, sshOk } from './helpers/index.js';

const lab = labInfo();
if (!lab) console.warn(`[lab] skipped: ${labSkipReason()}`);

function alive(pid: number, startTime: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return rest[0] !== 'Z' && Number(rest[19]) === startTime;
  } catch {
    return false;
  }
}

const readState = (): LabState => JSON.parse(readFileSync(lab!.stateFile, 'utf8')) as LabState;

describe.skipIf(!lab)('lab lifecycle', () => {
  // Whatever order files run in, later ones find the lab up again.
  afterAll(async () => {
    if (lab) await labUp({ hosts: 3, dir: lab.dir });
  });

  it('rebuilds a lab whose processes were killed (namespaces left, state.json stale)', async () => {
    const state = readState();
    for (const h of state.hosts) for (const p of h.processes) if (p.role === 'init' || p.role === 'forwarder') process.kill(p.pid, 'SIGKILL');
    expect(existsSync('/run/netns/runbook-lab-h1')).toBe(true);
    const rebuilt = await labUp({ hosts: 3, dir: lab!.dir });
    const before = new Set(state.hosts.map((h) => h.initPid));
    expect(rebuilt.hosts.every((h) => !before.has(h.initPid))).toBe(true);
    for (const host of labHosts()) expect((await sshOk(host, 'hostname')).trim()).toBe(host.name);
  });

  it('labDown ends every lab process and removes namespaces, mounts and forwards', async () => {
    const state = readState();
    const processes = [...state.hosts.flatMap((h) => h.processes), ...(state.cloudApi ? [state.cloudApi] : [])];
    expect(state.cloudApi, 'the cloud API emulator is recorded').toBeDefined();
    expect(processes.length).toBeGreaterThanOrEqual(state.hosts.length * 6);
    expect(processes.every((p) => alive(p.pid, p.startTime))).toBe(true);

    const result = await labDown({ dir: lab!.dir });
    expect(result.namespaces).toEqual(expect.arrayContaining(['runbook-lab', 'runbook-lab-h0', 'runbook-lab-h1', 'runbook-lab-h2']));

    expect(processes.filter((p) => alive(p.pid, p.startTime))).toEqual([]);
    const netns = existsSync('/run/netns') ? readdirSync('/run/netns') : [];
    expect(netns.filter((n) => n.startsWith('runbook-lab'))).toEqual([]);
    const mounts = readFileSync('/proc/self/mountinfo', 'utf8');
    expect(mounts).not.toMatch(/runbook-lab/);
    for (const h of state.hosts) expect(await portOpen(h.port), `127.0.0.1:${h.port} still open`).toBe(false);
    expect(await portOpen(9400), '127.0.0.1:9400 (cloud API) still open').toBe(false);
    expect(existsSync(lab!.stateFile)).toBe(false);

    // Idempotent.
    expect(await labDown({ dir: lab!.dir })).toEqual({ stopped: 0, namespaces: [] });
  });
});
