// The plays prepared for every host they match, then one session per host: no host is contacted before
// the whole runbook has prepared, so a broken runbook (exit 4) reaches none (test/lab/engine/load-errors).
//
// Opening the connections while preparing was measured (30 hosts: within the noise of a loaded
// machine) and given up for that promise. The preparation still hands the event loop back after
// each host (preparePlaysYielding), which costs nothing and keeps timers served.
import type { Host } from '../core/host.js';
import type { ControllerContext } from '../core/module.js';
import type { Runbook } from '../core/runbook.js';
import type { Transport } from '../core/transport.js';
import { type PreparedPlay, type PreparePlaysOptions, preparePlaysYielding } from '../planner/prepare-plays.js';
import { enginePaths } from './engine-paths.js';
import { createHostSession, type HostSession } from './host-session.js';
import { withPlayConnection } from './play-connection.js';

export interface PrepareRunOptions extends PreparePlaysOptions {
  runbook: Runbook;
  controller: ControllerContext;
  createTransport(host: Host): Transport;
}

export interface PreparedRun {
  plays: PreparedPlay[];
  hosts: Host[];
  sessions: Map<string, HostSession>;
}

export async function prepareRun(options: PrepareRunOptions): Promise<PreparedRun> {
  const plays = await preparePlaysYielding(options.runbook, options);
  const hosts = uniqueHosts(plays.flatMap((p) => p.hosts));
  const sessions = new Map(hosts.map((h) => [h.name, createHostSession(h, options.createTransport(withPlayConnection(h, plays)), enginePaths(h, options.controller.env))]));
  return { plays, hosts, sessions };
}

function uniqueHosts(hosts: Host[]): Host[] {
  return [...new Map(hosts.map((h) => [h.name, h])).values()];
}
