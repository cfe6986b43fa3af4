// `runbook lab up|down|status`: the embedded lab of isolated hosts (src/lab).
import { formatLabStatus, labDown, labStatus, labUp } from '../lab/index.js';
import type { HostInitChoice } from '../lab/host-init-choice.js';
import type { CliIO } from './cli-io.js';

export async function runLab(action: 'up' | 'down' | 'status', flags: { hosts: number; init?: HostInitChoice; light?: boolean }, io: CliIO): Promise<number> {
  const log = (line: string) => void io.stderr.write(`lab: ${line}\n`);
  const dir = io.env.RUNBOOK_LAB_DIR;
  switch (action) {
    case 'up': {
      await labUp({ hosts: flags.hosts, ...(flags.init ? { init: flags.init } : {}), ...(flags.light ? { light: true } : {}), dir, log });
      io.stdout.write(`${formatLabStatus(await labStatus({ dir }))}\n`);
      return 0;
    }
    case 'down': {
      const result = await labDown({ dir, log });
      io.stdout.write(`lab down: ${result.stopped} processes stopped, ${result.namespaces.length} namespaces removed\n`);
      return 0;
    }
    case 'status':
      io.stdout.write(`${formatLabStatus(await labStatus({ dir }))}\n`);
      return 0;
  }
}
