// Starts a lab host's pid 1 in fresh namespaces and waits until its copy-on-write root is ready.
import { spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync } from 'node:fs';
import { READY_FILE } from './host-init-script.js';
import { LabError } from './lab-error.js';
import type { LabHostLayout, LabLayout } from './lab-layout.js';
import { describeProcess, processStartTime, waitFor, type LabProcess } from './proc-table.js';

/** A plain environment for everything started in a host: nothing of the caller's leaks in. */
export const HOST_ENV = {
  PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
  HOME: '/root',
  LANG: 'C.UTF-8',
};

export interface StartedHost {
  initPid: number;
  processes: LabProcess[];
}

function childOf(pid: number): number | undefined {
  try {
    const first = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/)[0];
    return first ? Number(first) : undefined;
  } catch {
    return undefined;
  }
}

function tail(file: string): string {
  try {
    return readFileSync(file, 'utf8').trim().split('\n').slice(-5).join(' / ');
  } catch {
    return '(no log)';
  }
}

/**
 * `nsenter --net` puts it in the host's network namespace, `unshare` gives it its own mount, uts,
 * ipc and pid namespaces; `--kill-child` ties the host's life to unshare's as well. Detached
 * (own session, stdio to a log) so it outlives the command that started it.
 */
export async function startHost(layout: LabLayout, host: LabHostLayout): Promise<StartedHost> {
  const log = openSync(host.initLog, 'w');
  const child = spawn(
    'nsenter',
    [`--net=${host.netnsPath}`, '--', 'unshare', '--mount', '--uts', '--ipc', '--pid', '--fork', '--kill-child',
      '--propagation', 'private', '/bin/sh', layout.initScript, host.name, layout.mountPoint, READY_FILE],
    { detached: true, stdio: ['ignore', log, log], env: HOST_ENV },
  );
  closeSync(log);
  child.on('error', () => undefined);
  child.unref();
  const unsharePid = child.pid;
  if (unsharePid === undefined) throw new LabError(`could not start ${host.name}: nsenter did not run`, 'check that util-linux is installed');
  let initPid: number | undefined;
  const ready = await waitFor(() => {
    initPid ??= childOf(unsharePid);
    if (initPid !== undefined && existsSync(`/proc/${initPid}/root/run/${READY_FILE}`)) return true;
    return processStartTime(unsharePid) === undefined; // gave up: stop waiting
  }, 10_000);
  const init = initPid === undefined ? undefined : describeProcess('init', initPid);
  const unshare = describeProcess('unshare', unsharePid);
  if (!ready || !init || !unshare || !existsSync(`/proc/${init.pid}/root/run/${READY_FILE}`)) {
    throw new LabError(`${host.name} did not come up: ${tail(host.initLog)}`, `see ${host.initLog}`);
  }
  return { initPid: init.pid, processes: [unshare, init] };
}
