// Builds one lab host from nothing, or repairs the daemons of a live one; returns what it recorded.
import { mkdirSync } from 'node:fs';
import { InternalError } from '../core/errors.js';
import { STAND_INS, startForwarder, startSshd, startStandIn } from './host-daemons.js';
import { checkHost } from './host-health.js';
import { createHostNetwork } from './lab-network.js';
import type { LabHostLayout, LabLayout } from './lab-layout.js';
import type { LabHostState } from './lab-state.js';
import type { LabProcess } from './proc-table.js';
import { provisionHost } from './provision-host.js';
import { startHost } from './start-host.js';
import { teardownHost } from './teardown-host.js';

export interface HostBuildContext {
  layout: LabLayout;
  host: LabHostLayout;
  authorizedKey: string;
  log: (line: string) => void;
  /** Called as soon as processes exist, so a run killed midway leaves them on record. */
  record: (state: LabHostState) => void;
}

export type HostOutcome = 'unchanged' | 'repaired' | 'built';

function hostState(host: LabHostLayout, initPid: number, processes: LabProcess[]): LabHostState {
  return {
    name: host.name,
    index: host.index,
    address: host.address,
    port: host.port,
    netns: host.netns,
    initPid,
    processes,
    hostKeyFile: host.hostKeyFile,
  };
}

async function startRole(ctx: HostBuildContext, initPid: number, role: string): Promise<LabProcess> {
  if (role === 'sshd') return startSshd(ctx.host, initPid);
  if (role === 'forwarder') return startForwarder(ctx.host);
  const standIn = STAND_INS.find((s) => s.name === role);
  if (!standIn) throw new InternalError(`unknown lab role ${role}`);
  return startStandIn(ctx.host, initPid, standIn.name, standIn.port);
}

export async function buildHost(ctx: HostBuildContext, previous: LabHostState | undefined): Promise<{ state: LabHostState; outcome: HostOutcome }> {
  const { host } = ctx;
  if (previous) {
    const health = checkHost(previous, host.netnsPath);
    if (health.alive && health.missing.length === 0) return { state: previous, outcome: 'unchanged' };
    if (health.alive) {
      ctx.log(`${host.name}: restarting ${health.missing.join(', ')}`);
      const kept = previous.processes.filter((p) => !health.missing.includes(p.role));
      const restarted = await Promise.all(health.missing.map((role) => startRole(ctx, previous.initPid, role)));
      const state = hostState(host, previous.initPid, [...kept, ...restarted]);
      ctx.record(state);
      return { state, outcome: 'repaired' };
    }
  }
  const killed = await teardownHost(host, previous);
  if (killed > 0 || previous) ctx.log(`${host.name}: was half-alive (${killed} stray processes); rebuilding`);
  mkdirSync(host.dir, { recursive: true, mode: 0o700 });
  await createHostNetwork(host);
  const started = await startHost(ctx.layout, host);
  ctx.record(hostState(host, started.initPid, started.processes));
  provisionHost(started.initPid, { hostKeyFile: host.hostKeyFile, authorizedKey: ctx.authorizedKey });
  const results = await Promise.allSettled(['sshd', ...STAND_INS.map((s) => s.name), 'forwarder'].map((role) => startRole(ctx, started.initPid, role)));
  const daemons = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
  const state = hostState(host, started.initPid, [...started.processes, ...daemons]);
  // Recorded even when one failed: every process this run started must be findable by `lab down`.
  ctx.record(state);
  const failure = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failure) throw failure.reason;
  return { state, outcome: 'built' };
}
