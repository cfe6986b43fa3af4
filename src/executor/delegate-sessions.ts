// Ansible's `delegate_to`: the session a delegated task runs through, on the delegate's connection.
import type { Host, Inventory } from '../core/host.js';
import type { Transport } from '../core/transport.js';
import { createHostSession, type HostSession } from './host-session.js';

export interface Delegates {
  /**
   * The session for `from`'s task delegated to `name`: the delegate's connection (one per run,
   * shared with its own play when it has one), `from`'s registered results, and no basis of facts
   * of its own (another host's delegated task may have changed the delegate since).
   */
  sessionFor(from: HostSession, name: string): Promise<HostSession>;
  closeAll(): Promise<void>;
}

/** Ansible's implicit localhost: the controller, when the inventory does not name it. */
const LOCAL_NAMES = ['localhost', '127.0.0.1'];

export function createDelegates(sessions: Map<string, HostSession>, inventory: Inventory, createTransport: (host: Host) => Transport): Delegates {
  const opened = new Map<string, Promise<Transport>>();
  const views = new Map<string, HostSession>();
  const transportOf = (host: Host): Promise<Transport> => {
    const own = sessions.get(host.name);
    if (own) return Promise.resolve(own.transport);
    let transport = opened.get(host.name);
    if (!transport) {
      const t = createTransport(host);
      transport = t.connect().then(() => t);
      opened.set(host.name, transport);
    }
    return transport;
  };
  return {
    async sessionFor(from, name) {
      const host = inventory.hosts.find((h) => h.name === name) ?? (LOCAL_NAMES.includes(name) ? implicitLocalhost(name) : undefined);
      if (host === undefined) throw new Error(`delegate_to: no host "${name}" in the inventory (only localhost is implicit)`);
      const key = `${from.host.name}\0${host.name}`;
      let view = views.get(key);
      if (!view) {
        view = createHostSession(host, await transportOf(host), { pendingHandlersFile: from.pendingHandlersFile, lockDir: from.lockDir });
        view.registered = from.registered;
        views.set(key, view);
      }
      view.basis = undefined;
      return view;
    },
    async closeAll() {
      await Promise.all([...opened.values()].map((t) => t.then((x) => x.close()).catch(() => undefined)));
    },
  };
}

function implicitLocalhost(name: string): Host {
  return {
    name,
    address: '127.0.0.1',
    groups: ['all'],
    vars: {},
    varSources: {},
    connection: { kind: 'local', host: 'localhost', become: false, hostKeyChecking: 'strict', timeoutMs: 10_000 },
  };
}
