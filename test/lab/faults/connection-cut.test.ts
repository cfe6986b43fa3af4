// Fault: the connection to host A is cut while it receives a large file (its forwarder killed, or its sshd session killed).
import { createHash, randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeRun, hostProcesses, inHost, inHostOk, labInfo, labSkipReason, repairLab, resetLabHosts, type LabHostInfo } from '../helpers/index.js';
import { faultHosts } from './fault-hosts.js';
import { targetFiles } from './target-files.js';
import { createFaultProject, parseJson, type FaultProject } from './fault-project.js';
import { FAULT_SECRET, secretLeaks } from './fault-secrets.js';

const lab = labInfo();
if (!lab) console.warn(`[lab] skipped: ${labSkipReason()}`);

const DIR = '/srv/faults-cut';
const BIG = ['big1.bin', 'big2.bin', 'big3.bin'];
const BIG_BYTES = 20_000_000;
const sha = (b: Buffer | string): string => createHash('sha256').update(b).digest('hex');

/** What each target holds for a release: name -> sha256. */
type Release = Record<string, string>;

describe.skipIf(!lab)('connection cut mid-apply', () => {
  let A: LabHostInfo;
  let B: LabHostInfo;
  let project: FaultProject;
  let release = 0;

  /** New big files beside the runbook, and the sha256 every target will have for this release. */
  const newRelease = (): Release => {
    release++;
    const out: Release = {
      'app.env': sha(`release=${release}\ntoken=${FAULT_SECRET}\n`),
      'release.txt': sha(`release ${release}\n`),
    };
    for (const name of BIG) {
      const bytes = randomBytes(BIG_BYTES);
      writeFileSync(join(project.dir, name), bytes);
      out[name] = sha(bytes);
    }
    return out;
  };
  const apply = (extra: string[] = []) =>
    project.run(['apply', 'files.yaml', '-i', project.inventory, '--yes', '--json', '-e', `release=${release}`, ...extra], { timeoutMs: 120_000 });

  /** name -> sha256 (or "absent") of every target, and every temp file left in the directory, read without ssh. */
  const targetsOf = (host: LabHostInfo) => targetFiles(host, DIR, ['app.env', 'release.txt', ...BIG]);

  beforeAll(async () => {
    [A, B] = faultHosts();
    await resetLabHosts([A.name, B.name]);
    project = createFaultProject('cut', 'connection-cut', [A, B]);
  });
  afterAll(async () => {
    project?.remove();
    // Whatever happened, leave the lab whole for the next file.
    await repairLab();
  });

  /**
   * Starts the apply of a new release, cuts A with `cutScript()` (a shell snippet run inside A's mount
   * namespace, or all its namespaces) as soon as a temp file of more than 1 MB exists there, and
   * checks the aftermath: A failed or unreachable, B done, no target on A half-written.
   */
  async function cutMidWrite(cutScript: () => string, namespaces: 'mount' | 'all'): Promise<void> {
    // An earlier test that failed midway may have left A cut off.
    await repairLab();
    const cut = cutScript();
    const old = newRelease();
    const first = await apply();
    expect(first.code, describeRun(first)).toBe(0);
    const fresh = newRelease();

    // Busy-waits inside A: the cut lands while `cat > tmp` is still receiving the file.
    const watcher = inHost(
      A.name,
      `i=0; while [ $i -lt 2000000 ]; do i=$((i+1)); for f in ${DIR}/.*.runbook-*.tmp; do if [ -f "$f" ]; then s=$(stat -c %s "$f" 2>/dev/null || echo 0); if [ "$s" -gt 1000000 ] && [ "$s" -lt ${BIG_BYTES} ]; then ${cut}; echo "cut at $f $s"; exit 0; fi; fi; done; done; echo never; exit 1`,
      { namespaces, timeoutMs: 110_000 },
    );
    const r = await apply();
    const w = await watcher;
    expect(w.stdout, `the cut never happened (${w.stderr})\n${describeRun(r)}`).toMatch(/^cut at /);

    expect([2, 3], describeRun(r)).toContain(r.code);
    const json = parseJson(r);
    expect(json.ok).toBe(false);
    const a = json.hosts[A.name]!;
    expect(a.unreachable || a.failed > 0, JSON.stringify(json.hosts)).toBe(true);
    expect(json.errors.some((e) => e.host === A.name), JSON.stringify(json.errors)).toBe(true);
    expect(json.hosts[B.name], 'B must finish').toMatchObject({ failed: 0, unreachable: false, changed: 5 });
    expect((await targetsOf(B)).shas).toEqual(fresh);

    // No target on A half-written: each holds the old release or the new one, byte for byte.
    const after = await targetsOf(A);
    for (const [name, shaNow] of Object.entries(after.shas)) {
      expect([old[name], fresh[name]], `${A.name}:${DIR}/${name} is neither the old nor the new content (half-written?): ${shaNow}\n${describeRun(r)}`).toContain(shaNow);
    }
    // A connection cut is not a SIGKILL: the script's traps remove its temp file at once.
    expect(after.temps, 'temp files left right after the cut').toEqual([]);
    expect(secretLeaks(r.output)).toEqual([]);

    // Restored, a rerun converges and leaves no temp file; the one after changes nothing.
    await repairLab();
    const again = await apply();
    expect(again.code, describeRun(again)).toBe(0);
    const converged = await targetsOf(A);
    expect(converged.shas).toEqual(fresh);
    expect(converged.temps).toEqual([]);
    const idle = await apply();
    expect(idle.code, describeRun(idle)).toBe(0);
    expect(Object.values(parseJson(idle).hosts).map((h) => h.changed)).toEqual([0, 0]);
  }

  it('forwarder killed (the network path is gone): A unreachable, exit 3, no target half-written, B done; rerun converges', async () => {
    await cutMidWrite(() => `kill -9 ${hostProcesses(A.name).forwarderPid}`, 'mount');
  });

  it("A's sshd session killed (server crash): A fails, no target half-written, B done; rerun converges", async () => {
    // In A's pid namespace: only A's per-connection sshd (the listener, "sshd -f", stays).
    await cutMidWrite(() => `kill -9 $(pgrep -f '^sshd: root@')`, 'all');
  });
});
