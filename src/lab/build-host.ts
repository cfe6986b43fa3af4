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
import { awaitSystemdSshd, restartSystemdSshd, startSystemdHost, type HostInit } from './systemd-host.js';
import { teardownHost } from './teardown-host.js';

export interface HostBuildContext {
  layout: LabLayout;
  host: LabHostLayout;
  authorizedKey: string;
  log: (line: string) => void;
  /** Called as soon as processes exist, so a run killed midway leaves them on record. */
  record: (state: LabHostState) => void;
  /** What the host runs as pid 1 (systemd-host.ts); a host built with another one is rebuilt. */
  init: HostInit;
  /** sshd only, no IAM stand-ins (`lab up --light`); a full host asked to be light is left full. */
  light: boolean;
}

export type HostOutcome = 'unchanged' | 'repaired' | 'built';

function hostState(host: LabHostLayout, initPid: number, processes: LabProcess[], init: HostInit, light: boolean): LabHostState {
  return {
    ...(init === 'systemd' ? { init } : {}),
    ...(light ? { light } : {}),
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

async function startRole(ctx: HostBuildContext, initPid: number, role: string, firstStart: boolean): Promise<LabProcess> {
  if (role === 'sshd' && ctx.init === 'systemd') return firstStart ? awaitSystemdSshd(ctx.host, initPid) : restartSystemdSshd(ctx.host, initPid);
  if (role === 'sshd') return startSshd(ctx.host, initPid);
  if (role === 'forwarder') return startForwarder(ctx.host);
  const standIn = STAND_INS.find((s) => s.name === role);
  if (!standIn) throw new InternalError(`unknown lab role ${role}`);
  return startStandIn(ctx.host, initPid, standIn.name, standIn.port);
}

export async function buildHost(ctx: HostBuildContext, previous: LabHostState | undefined): Promise<{ state: LabHostState; outcome: HostOutcome }> {
  const { host } = ctx;
  if (previous && (previous.init ?? 'sysv') === ctx.init) {
    const health = checkHost({ ...previous, ...(ctx.light ? {} : { light: undefined }) }, host.netnsPath);
    if (health.alive && health.missing.length === 0) return { state: previous, outcome: 'unchanged' };
    if (health.alive) {
      ctx.log(`${host.name}: restarting ${health.missing.join(', ')}`);
      const kept = previous.processes.filter((p) => !health.missing.includes(p.role));
      const restarted = await Promise.all(health.missing.map((role) => startRole(ctx, previous.initPid, role, false)));
      const state = hostState(host, previous.initPid, [...kept, ...restarted], ctx.init, ctx.light);
      ctx.record(state);
      return { state, outcome: 'repaired' };
    }
  }
  const killed = await teardownHost(host, previous);
  if (killed > 0 || previous) ctx.log(`${host.name}: was half-alive (${killed} stray processes); rebuilding`);
  mkdirSync(host.dir, { recursive: true, mode: 0o700 });
  await createHostNetwork(host);
  const ssh = { hostKeyFile: host.hostKeyFile, authorizedKey: ctx.authorizedKey };
  // A systemd host gets its SSH files before it boots (ssh.service starts with them).
  const started = ctx.init === 'systemd' ? await startSystemdHost(ctx.layout, host, ssh, ctx.log) : await startHost(ctx.layout, host);
  ctx.record(hostState(host, started.initPid, started.processes, ctx.init, ctx.light));
  if (ctx.init === 'sysv') provisionHost(started.initPid, ssh);
  const results = await Promise.allSettled(['sshd', ...(ctx.light ? [] : STAND_INS.map((s) => s.name)), 'forwarder'].map((role) => startRole(ctx, started.initPid, role, true)));
  const daemons = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
  const state = hostState(host, started.initPid, [...started.processes, ...daemons], ctx.init, ctx.light);
  // Recorded even when one failed: every process this run started must be findable by `lab down`.
  ctx.record(state);
  const failure = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failure) throw failure.reason;
  return { state, outcome: 'built' };
}
