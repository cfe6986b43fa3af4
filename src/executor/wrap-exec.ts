// A transport that is another one with its exec wrapped (a task's environment, a task's timeout).
import type { Transport } from '../core/transport.js';

export function wrapExec(transport: Transport, exec: Transport['exec']): Transport {
  return {
    hostName: transport.hostName,
    get stats() {
      return transport.stats;
    },
    connect: () => transport.connect(),
    close: () => transport.close(),
    upload: (path, data, mode) => transport.upload(path, data, mode),
    exec,
  };
}
