// Tells whether the lab's cloud API emulator runs, listens on 127.0.0.1:9400 and holds the lab's current key.
import { CLOUD_API_MARKER, CLOUD_API_PORT } from './cloud-api-layout.js';
import type { LabCredentials } from './lab-credentials.js';
import { loopbackListener, processEnvironment } from './loopback-listener.js';
import { isRunning, type LabProcess } from './proc-table.js';

export interface CloudApiHealth {
  /** The recorded process still runs (same pid and start time). */
  running: boolean;
  /** It is the one listening on 127.0.0.1:9400. */
  listening: boolean;
  /** It was started with the key of tencentcloud.env (true when there is no key to compare with). */
  credentialsMatch: boolean;
  up: boolean;
}

/** Whether `pid` is an emulator `lab up` started for the lab in `dir`, with `credentials` when given. */
export function isLabEmulator(pid: number, dir: string, credentials?: LabCredentials): boolean {
  const env = processEnvironment(pid);
  if (env.get(CLOUD_API_MARKER) !== dir) return false;
  return credentialsMatch(env, credentials);
}

function credentialsMatch(env: Map<string, string>, credentials: LabCredentials | undefined): boolean {
  return !credentials || (env.get('TENCENTCLOUD_SECRET_ID') === credentials.secretId && env.get('TENCENTCLOUD_SECRET_KEY') === credentials.secretKey);
}

export function cloudApiHealth(proc: LabProcess | undefined, credentials?: LabCredentials): CloudApiHealth {
  const running = proc !== undefined && isRunning(proc);
  const listening = running && loopbackListener(CLOUD_API_PORT, [proc.pid])?.pid === proc.pid;
  const matches = running && credentialsMatch(processEnvironment(proc.pid), credentials);
  return { running, listening, credentialsMatch: matches, up: running && listening && matches };
}

/** The pid of a lab emulator (of `dir`) listening on 9400 that state.json may not know, if any. */
export function findLabEmulator(dir: string): number | undefined {
  const pid = loopbackListener(CLOUD_API_PORT)?.pid;
  return pid !== undefined && isLabEmulator(pid, dir) ? pid : undefined;
}
