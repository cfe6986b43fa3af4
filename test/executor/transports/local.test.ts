// The local transport runs scripts through zx on this machine with the same ExecResult shape as ssh.
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ConnectionSpec } from '../../../src/core/host.js';
import { createTransport } from '../../../src/executor/transports/create-transport.js';
import { LocalTransport } from '../../../src/executor/transports/local.js';

const dir = mkdtempSync(join(tmpdir(), 'runbook-local-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const spec: ConnectionSpec = { kind: 'local', host: 'localhost', become: false, hostKeyChecking: 'strict', timeoutMs: 5000 };

describe('LocalTransport', () => {
  it('is what createTransport picks for connection: local (it runs on this machine)', async () => {
    const t = createTransport('ctl', spec);
    const r = await t.exec('cat /proc/sys/kernel/hostname');
    expect(r.stdout.trim()).toBe(hostname());
    expect(t.stats.execs).toBe(1);
    await t.close();
  });

  it('runs a POSIX sh script and returns stdout, stderr and any exit code without throwing', async () => {
    const t = createTransport('ctl', spec);
    await t.connect();
    const r = await t.exec(`x='it'"'"'s $HOME'\nprintf '%s\\n' "$x"\necho oops >&2\nreadlink /proc/$$/exe >&2\nexit 3`);
    expect(r).toEqual({ stdout: "it's $HOME\n", stderr: 'oops\n/usr/bin/dash\n', exitCode: 3 });
    expect(await t.exec('true')).toEqual({ stdout: '', stderr: '', exitCode: 0 });
    expect(t.stats.execs).toBe(2);
    await t.close();
  });

  it('keeps large multi-byte output intact across pipe chunks', async () => {
    const t = createTransport('ctl', spec);
    const r = await t.exec("yes 'aü' | head -n 100000 | tr -d '\\n'");
    expect(r.stdout).toBe('aü'.repeat(100_000));
  });

  it('feeds input on stdin byte-exact', async () => {
    const t = createTransport('ctl', spec);
    const input = Buffer.from("a 'b' $c `d`\nü✓\n");
    const r = await t.exec('od -An -v -tx1 | tr -d " \\n"', { input });
    expect(r.stdout).toBe(input.toString('hex'));
  });

  it('runs through sudo -n when become', async () => {
    const t = createTransport('ctl', { ...spec, become: true });
    expect(await t.exec('id -un')).toEqual({ stdout: 'root\n', stderr: '', exitCode: 0 });
  });

  it('rejects with TIMEOUT when a command outlives its timeout', async () => {
    const t = createTransport('ctl', spec);
    await expect(t.exec('sleep 5', { timeoutMs: 200 })).rejects.toMatchObject({ code: 'TIMEOUT' });
  });

  it('uploads exact bytes with the mode', async () => {
    const t = createTransport('ctl', spec);
    const data = Buffer.from([0, 1, 2, 255, 10]);
    const path = join(dir, 'f.bin');
    await t.upload(path, data, '0640');
    expect(readFileSync(path).equals(data)).toBe(true);
    expect((statSync(path).mode & 0o7777).toString(8)).toBe('640');
    expect(t.stats).toMatchObject({ uploads: 1, bytesUp: 5 });
    await expect(t.upload(join(dir, 'nope', 'x'), data)).rejects.toMatchObject({ code: 'CHANNEL' });
  });
});
