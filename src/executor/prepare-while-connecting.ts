// Opens the hosts' connections, then prepares the plays while their handshakes go on.
//
// Why: preparing renders every task for every host (at 30 hosts ~0.3 s of CPU in a no-change run,
// at 100 ~1 s), and it needs nothing from the hosts; done first, every handshake and every host's
// sshd waited for it. The preparation hands the event loop back after each host, so the handshakes
// progress (and their timeouts are served) while it goes on.
import type { Host } from '../core/host.js';
import type { ControllerContext } from '../core/module.js';
import type { Runbook } from '../core/runbook.js';
import type { Transport } from '../core/transport.js';
import { type PreparedPlay, type PreparePlaysOptions, preparePlaysYielding, selectPlayHosts } from '../planner/prepare-plays.js';
import { enginePaths } from './engine-paths.js';
import { createHostSession, type HostSession } from './host-session.js';
import { withPlayConnection } from './play-connection.js';

export interface ConnectingOptions extends PreparePlaysOptions {
  runbook: Runbook;
  forks: number;
  controller: ControllerContext;
  createTransport(host: Host): Transport;
}

export interface PreparedRun {
  plays: PreparedPlay[];
  hosts: Host[];
  sessions: Map<string, HostSession>;
  /** The connections opened before preparing, by host: awaited instead of connecting again. */
  connecting: Map<string, Promise<void>>;
}

export async function prepareWhileConnecting(options: ConnectingOptions): Promise<PreparedRun> {
  const selected = selectPlayHosts(options.runbook, options).plays;
  const hosts = uniqueHosts(selected.flatMap((p) => p.hosts));
  const sessions = new Map(hosts.map((h) => [h.name, createHostSession(h, options.createTransport(withPlayConnection(h, selected)), enginePaths(h, options.controller.env))]));
  // As many as the run connects at once (--forks), the same first ones; a failure is the planning's
  // to report (it awaits this promise), so none goes unhandled meanwhile.
  const connecting = new Map(
    [...sessions.values()].slice(0, Math.max(1, options.forks)).map((s) => {
      const opened = s.transport.connect();
      opened.catch(() => undefined);
      return [s.host.name, opened] as const;
    }),
  );
  try {
    return { plays: await preparePlaysYielding(options.runbook, options), hosts, sessions, connecting };
  } catch (error) {
    await Promise.all([...sessions.values()].map((s) => s.transport.close().catch(() => undefined)));
    throw error;
  }
}

function uniqueHosts(hosts: Host[]): Host[] {
  return [...new Map(hosts.map((h) => [h.name, h])).values()];
}
