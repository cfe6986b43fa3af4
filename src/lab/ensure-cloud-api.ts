// Starts the lab's "cloud" (the Tencent Cloud VPC API emulator on 127.0.0.1:9400), or keeps the one that runs.
import { spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { cloudApiHealth, isLabEmulator } from './cloud-api-health.js';
import { cloudApiFiles, cloudEmulatorArgs, cloudEmulatorScript, CLOUD_API_MARKER, CLOUD_API_PORT, CLOUD_API_ROLE, CLOUD_API_URL } from './cloud-api-layout.js';
import { LabError } from './lab-error.js';
import type { LabCredentials } from './lab-credentials.js';
import { loopbackListener } from './loopback-listener.js';
import { describeProcess, isRunning, killAndWait, processStartTime, waitFor, type LabProcess } from './proc-table.js';
import { HOST_ENV } from './start-host.js';

export type CloudApiOutcome = 'unchanged' | 'adopted' | 'started';

export interface CloudApiContext {
  dir: string;
  credentials: LabCredentials;
  /** What state.json recorded. */
  previous: LabProcess | undefined;
  log: (line: string) => void;
  /** Called as soon as the process exists, so a run killed midway leaves its pid on record. */
  record: (proc: LabProcess) => void;
}

function tail(file: string): string {
  try {
    return readFileSync(file, 'utf8').trim().split('\n').slice(-3).join(' / ');
  } catch {
    return '(no log)';
  }
}

async function stop(pid: number): Promise<void> {
  const left = await killAndWait([pid]);
  if (left.length > 0) throw new LabError(`the old cloud API emulator (pid ${pid}) survived SIGKILL`, 'check it with ps');
}

/** A lab emulator of this dir with the current key already listening (another `lab up` may have just started it). */
function adoptable(ctx: CloudApiContext): LabProcess | undefined {
  const pid = loopbackListener(CLOUD_API_PORT)?.pid;
  return pid !== undefined && isLabEmulator(pid, ctx.dir, ctx.credentials) ? describeProcess(CLOUD_API_ROLE, pid) : undefined;
}

/**
 * Detached (own session, stdio to cloud-api.log) so it outlives `lab up`; its state is in memory
 * only, so `lab down` (SIGKILL by recorded pid) leaves nothing of it.
 */
function spawnEmulator(ctx: CloudApiContext, script: string): LabProcess {
  const { log: logFile } = cloudApiFiles(ctx.dir);
  const log = openSync(logFile, 'a');
  const child = spawn(process.execPath, cloudEmulatorArgs(script), {
    detached: true,
    stdio: ['ignore', log, log],
    env: {
      ...HOST_ENV,
      TENCENTCLOUD_SECRET_ID: ctx.credentials.secretId,
      TENCENTCLOUD_SECRET_KEY: ctx.credentials.secretKey,
      [CLOUD_API_MARKER]: ctx.dir,
    },
  });
  closeSync(log);
  child.on('error', () => undefined);
  child.unref();
  const proc = child.pid === undefined ? undefined : describeProcess(CLOUD_API_ROLE, child.pid);
  if (!proc) throw new LabError(`the cloud API emulator did not start: ${tail(logFile)}`, `see ${logFile}`);
  return proc;
}

export async function ensureCloudApi(ctx: CloudApiContext): Promise<{ proc: LabProcess; outcome: CloudApiOutcome }> {
  const { previous } = ctx;
  if (previous && cloudApiHealth(previous, ctx.credentials).up) return { proc: previous, outcome: 'unchanged' };
  // Recorded but deaf, or holding an old key: replace it (identified by pid and start time).
  if (previous && isRunning(previous)) {
    ctx.log(`cloud api: restarting pid ${previous.pid} (not listening on ${CLOUD_API_URL} or holding an old key)`);
    await stop(previous.pid);
  }
  const holder = loopbackListener(CLOUD_API_PORT);
  if (holder) {
    const adopted = adoptable(ctx);
    if (adopted) {
      ctx.log(`cloud api: keeping the unrecorded lab emulator pid ${adopted.pid}`);
      ctx.record(adopted);
      return { proc: adopted, outcome: 'adopted' };
    }
    if (holder.pid !== undefined && isLabEmulator(holder.pid, ctx.dir)) {
      ctx.log(`cloud api: restarting pid ${holder.pid} (holds an old key)`);
      await stop(holder.pid);
    } else {
      throw new LabError(
        `cannot start the cloud API emulator: 127.0.0.1:${CLOUD_API_PORT} is taken${holder.pid ? ` by pid ${holder.pid}` : ''}`,
        `find what holds it with \`ss -ltnp 'sport = :${CLOUD_API_PORT}'\` and stop it`,
      );
    }
  }
  const script = cloudEmulatorScript();
  const proc = spawnEmulator(ctx, script);
  ctx.record(proc);
  const listening = () => cloudApiHealth(proc, ctx.credentials).listening;
  await waitFor(() => listening() || processStartTime(proc.pid) === undefined, 10_000);
  if (listening()) {
    ctx.log(`cloud api: started on ${CLOUD_API_URL} (pid ${proc.pid})`);
    return { proc, outcome: 'started' };
  }
  // Lost a race with a concurrent `lab up`: its emulator is as good as ours.
  const winner = adoptable(ctx);
  // Ours, checked by start time, so a reused pid is left alone.
  if (isRunning(proc)) await stop(proc.pid);
  if (winner) {
    ctx.record(winner);
    return { proc: winner, outcome: 'adopted' };
  }
  const { log } = cloudApiFiles(ctx.dir);
  throw new LabError(`the cloud API emulator did not listen on ${CLOUD_API_URL}: ${tail(log)}`, `see ${log}`);
}
