// Fault: a host goes silent (a real partition: no RST, no FIN) mid-upload or mid-command, never answers the SSH banner, or runs a command that never ends.
import { createHash, randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeRun, hostProcesses, inHost, inHostOk, labInfo, labSkipReason, repairLab, resetLabHosts, type LabHostInfo } from '../helpers/index.js';
import { faultHosts } from './fault-hosts.js';
import { targetFiles } from './target-files.js';
import { createFaultProject, parseJson, type FaultProject } from './fault-project.js';
import { secretLeaks } from './fault-secrets.js';

const lab = labInfo();
if (!lab) console.warn(`[lab] skipped: ${labSkipReason()}`);

const DIR = '/srv/faults-dead';
const BIG = ['big1.bin', 'big2.bin', 'big3.bin'];
const BIG_BYTES = 20_000_000;
/** keepalive_interval 1 s x (keepalive_count_max 3 + 1): a silent host is declared unreachable after ~4 s. */
const KEEPALIVE = { keepalive_interval: '1', keepalive_count_max: '3', timeout: '5' };
/** Generous: the machine is shared; what matters is that the run ends, not how fast. */
const BOUND_MS = 60_000;
const sha = (b: Buffer | string): string => createHash('sha256').update(b).digest('hex');

/**
 * The partition: A's forwarder (the one process relaying 127.0.0.1:22NN into A) is stopped with
 * SIGSTOP. Its sockets stay open and say nothing: the controller's TCP connection stays established,
 * no RST, no FIN, no byte back — as when a link or a hypervisor dies. New connections are accepted
 * by the kernel into the listen backlog and never answered (an sshd that never sends its banner).
 */
const stopForwarder = (pid: number) => `kill -STOP ${pid}`;
const resume = (pid: number) => {
  if (pid <= 0) return; // never 0: that would signal this process's own group
  try {
    process.kill(pid, 'SIGCONT');
  } catch {
    // gone: repairLab restarts it
  }
};

describe.skipIf(!lab)('dead peers: silent partition, silent sshd, endless command', () => {
  let A: LabHostInfo;
  let B: LabHostInfo;
  let project: FaultProject;
  let release = 0;
  let forwarder = 0;

  const run = (runbook: string, extra: string[] = []) =>
    project.run(['apply', runbook, '-i', project.inventory, '--yes', '--json', '-e', `release=${release}`, '-e', `victim=${A.name}`, ...extra], { timeoutMs: 150_000 });

  const newRelease = (): Record<string, string> => {
    release++;
    const out: Record<string, string> = { 'release.txt': sha(`release ${release}\n`) };
    for (const name of BIG) {
      const bytes = randomBytes(BIG_BYTES);
      writeFileSync(join(project.dir, name), bytes);
      out[name] = sha(bytes);
    }
    return out;
  };

  /** name -> sha256 (or "absent") of the big files and the marker, and every temp file left, read without ssh. */
  const targetsOf = (host: LabHostInfo) => targetFiles(host, DIR, ['release.txt', ...BIG]);

  /** Starts a watcher inside A that stops A's forwarder once `condition` (sh) holds; resolves with the cut's epoch ms. */
  const partitionWhen = (condition: string) =>
    inHost(
      A.name,
      `i=0; while [ $i -lt 2000000 ]; do i=$((i+1)); if ${condition}; then ${stopForwarder(forwarder)}; echo "cut at $(date +%s%3N)"; exit 0; fi; done; echo never; exit 1`,
      { namespaces: 'mount', timeoutMs: 140_000 },
    );
  const cutTime = (stdout: string) => Number(/cut at (\d+)/.exec(stdout)?.[1]);

  beforeAll(async () => {
    [A, B] = faultHosts();
    await resetLabHosts([A.name, B.name]);
    project = createFaultProject('dead', 'dead-peer', [A, B]);
    project.writeInventory(project.inventory, { vars: KEEPALIVE });
  });
  afterAll(async () => {
    if (forwarder) resume(forwarder);
    project?.remove();
    await repairLab();
  });

  /** Heals the partition (SIGCONT) and makes sure the lab is whole before the next step. */
  const heal = async () => {
    resume(forwarder);
    await repairLab();
    forwarder = hostProcesses(A.name).forwarderPid;
  };

  it('silent partition mid-upload: A unreachable (exit 3) within the keepalive bound, B done, nothing half-written; healed, a rerun converges', async () => {
    await heal();
    const old = newRelease();
    const first = await run('files.yaml');
    expect(first.code, describeRun(first)).toBe(0);
    const fresh = newRelease();

    // The partition lands while `cat > tmp` is still receiving a big file.
    const watcher = partitionWhen(`s=$(stat -c %s ${DIR}/.*.runbook-*.tmp 2>/dev/null | sort -n | tail -1); [ "\${s:-0}" -gt 1000000 ] && [ "$s" -lt ${BIG_BYTES} ]`);
    const r = await run('files.yaml');
    const ended = Date.now();
    const w = await watcher;
    expect(w.stdout, `the partition never happened (${w.stderr})\n${describeRun(r)}`).toMatch(/^cut at /);
    console.log(`[dead-peer] mid-upload: run ended ${ended - cutTime(w.stdout)} ms after the partition (run ${r.ms} ms)`);

    expect(r.timedOut, describeRun(r)).toBe(false);
    expect(ended - cutTime(w.stdout), 'ended within a generous bound after the partition').toBeLessThan(BOUND_MS);
    expect(r.code, describeRun(r)).toBe(3);
    const json = parseJson(r);
    expect(json.hosts[A.name]).toMatchObject({ unreachable: true, failed: 0 });
    const message = json.errors.find((e) => e.host === A.name)?.message ?? '';
    expect(message, JSON.stringify(json.errors)).toContain(`no answer from root@127.0.0.1:${A.port} for 4s (3 keepalives unanswered)`);
    // What was in flight: the task the error belongs to.
    expect(json.errors.find((e) => e.host === A.name)?.task, JSON.stringify(json.errors)).toMatch(/^big (one|two|three)$/);
    expect(json.hosts[B.name], 'B must finish').toMatchObject({ failed: 0, unreachable: false, changed: 5 });
    expect((await targetsOf(B)).shas).toEqual(fresh);
    // No target on A half-written: each holds the old release or the new one, byte for byte.
    const after = await targetsOf(A);
    for (const [name, shaNow] of Object.entries(after.shas)) {
      expect([old[name], fresh[name]], `${A.name}:${DIR}/${name} is neither the old nor the new content (half-written?)`).toContain(shaNow);
    }
    expect(secretLeaks(r.output)).toEqual([]);

    // Healed, a rerun converges and removes the temp file the partitioned upload left; the next changes nothing.
    await heal();
    const again = await run('files.yaml');
    expect(again.code, describeRun(again)).toBe(0);
    const converged = await targetsOf(A);
    expect(converged.shas).toEqual(fresh);
    expect(converged.temps).toEqual([]);
    const idle = await run('files.yaml');
    expect(idle.code, describeRun(idle)).toBe(0);
    expect(Object.values(parseJson(idle).hosts).map((h) => h.changed)).toEqual([0, 0]);
  });

  it('silent partition mid-command: A unreachable (exit 3) long before its command would end, B done; healed, a rerun converges', async () => {
    await heal();
    release++;
    await inHost(A.name, `rm -f ${DIR}/started`);
    const watcher = partitionWhen(`[ -f ${DIR}/started ]`);
    // The command sleeps 120 s: a run that waited for it would outlive BOUND_MS.
    const r = await run('command.yaml', ['-e', 'sleep_seconds=120']);
    const ended = Date.now();
    const w = await watcher;
    expect(w.stdout, `the partition never happened (${w.stderr})\n${describeRun(r)}`).toMatch(/^cut at /);
    console.log(`[dead-peer] mid-command: run ended ${ended - cutTime(w.stdout)} ms after the partition (run ${r.ms} ms)`);
    expect(r.timedOut, describeRun(r)).toBe(false);
    expect(ended - cutTime(w.stdout)).toBeLessThan(BOUND_MS);
    expect(r.code, describeRun(r)).toBe(3);
    const json = parseJson(r);
    expect(json.hosts[A.name]).toMatchObject({ unreachable: true, failed: 0 });
    const error = json.errors.find((e) => e.host === A.name);
    expect(error?.task, JSON.stringify(json.errors)).toBe('long command');
    expect(error?.message).toContain(`no answer from root@127.0.0.1:${A.port}`);
    expect(json.hosts[B.name]).toMatchObject({ failed: 0, unreachable: false });
    expect(await inHostOk(B.name, `cat ${DIR}/after.txt`)).toBe(`after ${release}\n`);

    await heal();
    const again = await run('command.yaml', ['-e', 'sleep_seconds=0']);
    expect(again.code, describeRun(again)).toBe(0);
    expect(await inHostOk(A.name, `cat ${DIR}/after.txt`)).toBe(`after ${release}\n`);
  });

  it('an sshd that accepts TCP but never sends its banner: the connect timeout applies (exit 3), B done', async () => {
    await heal();
    release++;
    // Stopped before the run: A's port accepts (kernel backlog) and never says a word.
    await inHostOk(A.name, stopForwarder(forwarder));
    const r = await run('command.yaml', ['-e', 'sleep_seconds=0']);
    console.log(`[dead-peer] silent banner: run took ${r.ms} ms (connect timeout 5 s)`);
    expect(r.timedOut, describeRun(r)).toBe(false);
    expect(r.ms).toBeLessThan(BOUND_MS);
    expect(r.code, describeRun(r)).toBe(3);
    const json = parseJson(r);
    expect(json.hosts[A.name]).toMatchObject({ unreachable: true, changed: 0 });
    expect(json.errors.find((e) => e.host === A.name)?.message).toContain(`ssh connect timed out after 5s to root@127.0.0.1:${A.port}`);
    expect(json.hosts[B.name]).toMatchObject({ failed: 0, unreachable: false });
    expect(await inHostOk(B.name, `cat ${DIR}/after.txt`)).toBe(`after ${release}\n`);
  });

  it("a command that never ends: the task's timeout: kills it and fails the task (exit 2), A stays reachable, B done", async () => {
    await heal();
    release++;
    const r = await run('timeout.yaml');
    console.log(`[dead-peer] task timeout 3 s: run took ${r.ms} ms`);
    expect(r.timedOut, describeRun(r)).toBe(false);
    expect(r.ms).toBeLessThan(BOUND_MS);
    expect(r.code, describeRun(r)).toBe(2);
    const json = parseJson(r);
    expect(json.hosts[A.name]).toMatchObject({ failed: 1, unreachable: false });
    expect(json.errors).toEqual([expect.objectContaining({ host: A.name, task: 'never ends', message: expect.stringContaining("timed out after 3 s (the task's timeout:)") })]);
    expect(json.hosts[B.name]).toMatchObject({ failed: 0, unreachable: false });
    expect(await inHostOk(B.name, `cat ${DIR}/after-timeout.txt`)).toBe(`after ${release}\n`);
    // Killed on the host, not just abandoned: no `sleep 1237` left in A's pid namespace.
    const left = await inHost(A.name, "pgrep -fx 'sleep 1237' || true", { namespaces: 'all' });
    expect(left.stdout.trim(), 'the command still runs on the host').toBe('');
  });
});
