// File safety: backups keep mode and owner, symlinked targets are written through, binary and large files are summarized, not dumped.
import { createHash, randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeRun, labInfo, labSkipReason, resetLabHosts, sha256Of, sshOk, type LabHostInfo } from '../helpers/index.js';
import { faultHosts } from './fault-hosts.js';
import { createFaultProject, parseJson, quote, type FaultProject } from './fault-project.js';
import { FAULT_ENV_SECRET, FAULT_SECRET, secretLeaks } from './fault-secrets.js';

const lab = labInfo();
if (!lab) console.warn(`[lab] skipped: ${labSkipReason()}`);

const DIR = '/srv/faults-safety';
const short = (b: Buffer | string) => createHash('sha256').update(b).digest('hex').slice(0, 12);

describe.skipIf(!lab)('file safety', () => {
  let A: LabHostInfo;
  let project: FaultProject;
  const run = (cmd: 'apply' | 'check', runbook: string, ...extra: string[]) =>
    project.run([cmd, runbook, '-i', project.inventory, '--limit', A.name, ...(cmd === 'apply' ? ['--yes'] : []), ...extra]);

  beforeAll(async () => {
    [A] = faultHosts();
    await resetLabHosts([A.name]);
    project = createFaultProject('safety', 'file-safety', [A]);
    await sshOk(A, `mkdir -p ${DIR}`);
  });
  afterAll(() => project?.remove());

  it('backup: true keeps the old file with its mode and owner (600, nobody); the new file keeps them too; names and output hold no secret', async () => {
    const old = `generation=1\npassword=${FAULT_SECRET}\nenv_token=${FAULT_ENV_SECRET}\n`;
    await sshOk(A, `printf '%s' ${quote(old)} > ${DIR}/secret.conf && chmod 600 ${DIR}/secret.conf && chown nobody:nogroup ${DIR}/secret.conf`);

    const check = await run('check', 'backup.yaml');
    expect(check.code, describeRun(check)).toBe(0);
    expect(check.stdout).toContain('-generation=1');
    expect(check.stdout).toContain('+generation=2');
    expect(check.stdout, 'an unchanged secret line shows redacted').toContain(' password=<redacted>');
    expect(check.stdout).toContain(' env_token=<redacted>');

    const r = await run('apply', 'backup.yaml', '--json');
    expect(r.code, describeRun(r)).toBe(0);
    expect(parseJson(r).changes[0]?.diff).toContain('password=<redacted>');
    const listing = (await sshOk(A, `cd ${DIR} && stat -c '%n %a %U:%G' secret.conf secret.conf.*.bak`)).trim().split('\n');
    expect(listing.length, listing.join('\n')).toBe(2);
    expect(listing[0]).toBe('secret.conf 600 nobody:nogroup');
    expect(listing[1]).toMatch(/^secret\.conf\.\d{14}\.bak 600 nobody:nogroup$/);
    const backupName = listing[1]!.split(' ')[0]!;
    expect(await sshOk(A, `cat ${DIR}/${backupName}`)).toBe(old);
    expect(await sshOk(A, `cat ${DIR}/secret.conf`)).toBe(`generation=2\npassword=${FAULT_SECRET}\nenv_token=${FAULT_ENV_SECRET}\n`);
    expect(secretLeaks(backupName)).toEqual([]);
    expect(secretLeaks(check.output + r.output)).toEqual([]);
  });

  it('a symlinked target: the link is followed, its target replaced, the link kept; the diff is against the target', async () => {
    await sshOk(A, `mkdir -p ${DIR}/releases && printf 'old target\\n' > ${DIR}/releases/v1.conf && chmod 640 ${DIR}/releases/v1.conf && ln -sfn releases/v1.conf ${DIR}/current.conf`);
    const check = await run('check', 'symlink.yaml');
    expect(check.code, describeRun(check)).toBe(0);
    expect(check.stdout).toContain('-old target');
    expect(check.stdout).toContain('+through the link');

    const r = await run('apply', 'symlink.yaml', '--json');
    expect(r.code, describeRun(r)).toBe(0);
    expect(await sshOk(A, `stat -c '%F' ${DIR}/current.conf; readlink ${DIR}/current.conf`)).toBe('symbolic link\nreleases/v1.conf\n');
    expect(await sshOk(A, `cat ${DIR}/releases/v1.conf`)).toBe('through the link\n');
    expect(await sshOk(A, `stat -c '%a %F' ${DIR}/releases/v1.conf`)).toBe('640 regular file\n');
    expect(await sshOk(A, `ls -a ${DIR} ${DIR}/releases | grep -c runbook || true`)).toBe('0\n');

    const again = await run('apply', 'symlink.yaml', '--json');
    expect(parseJson(again).hosts[A.name]?.changed, 'converged through the link').toBe(0);
  });

  it('binary and >1 MB files: the plan shows size and hash, never their bytes', async () => {
    const blob = Buffer.concat([Buffer.from('BLOBHEAD\0'), randomBytes(4096)]);
    const line = (i: number, tag: string) => `${tag} line ${String(i).padStart(7, '0')} of a large text file\n`;
    const bigText = (tag: string) => Buffer.from(Array.from({ length: 40_000 }, (_, i) => line(i, tag)).join(''));
    const newLarge = bigText('fresh');
    const changedOld = bigText('before');
    const changedNew = bigText('after');
    expect(newLarge.length).toBeGreaterThan(1024 * 1024);
    writeFileSync(join(project.dir, 'blob.bin'), blob);
    writeFileSync(join(project.dir, 'new-large.txt'), newLarge);
    writeFileSync(join(project.dir, 'changed-large.txt'), changedNew);
    // The same lines as bigText('before'), generated on the host (too large for a command line).
    await sshOk(A, `awk 'BEGIN { for (i = 0; i < 40000; i++) printf "before line %07d of a large text file\\n", i }' > ${DIR}/changed-large.txt && printf 'OLDBLOB\\0' > ${DIR}/blob.bin && head -c 2048 /dev/urandom >> ${DIR}/blob.bin`);
    expect(await sha256Of(A, `${DIR}/changed-large.txt`)).toBe(createHash('sha256').update(changedOld).digest('hex'));
    const oldBlobSha = (await sha256Of(A, `${DIR}/blob.bin`)).slice(0, 12);

    const check = await run('check', 'blobs.yaml');
    expect(check.code, describeRun(check)).toBe(0);
    expect(check.stdout).toContain(`Binary or large file ${DIR}/blob.bin: 2056 bytes sha256:${oldBlobSha} -> ${blob.length} bytes sha256:${short(blob)}`);
    expect(check.stdout).toContain(`Binary or large file ${DIR}/new-large.txt: absent -> ${newLarge.length} bytes sha256:${short(newLarge)}`);
    expect(check.stdout).toMatch(new RegExp(`(Large|Binary or large) file ${DIR}/changed-large.txt: ${changedOld.length} bytes sha256:${short(changedOld)} -> ${changedNew.length} bytes sha256:${short(changedNew)}`));
    expect(check.stdout).not.toContain('line 0000001 of a large text file');
    expect(check.stdout).not.toContain('BLOBHEAD');
    expect(check.stdout.length, 'the plan stays short').toBeLessThan(20_000);

    const r = await run('apply', 'blobs.yaml', '--json');
    expect(r.code, describeRun(r)).toBe(0);
    expect(r.stdout.length, 'the JSON document does not carry the bytes either').toBeLessThan(20_000);
    expect(await sha256Of(A, `${DIR}/new-large.txt`)).toBe(createHash('sha256').update(newLarge).digest('hex'));
  });
});
