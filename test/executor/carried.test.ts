// Bookkeeping carried in a change's own exec (real /bin/sh on temp files): runs only after the change succeeded, never fails it.
import { createRedactor } from '../../src/core/redactor.js';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CommandChange } from '../../src/core/change.js';
import type { ModuleDefinition } from '../../src/core/module.js';
import { type ApplyContext, applyChange, canCarry, type Carried } from '../../src/executor/apply-change.js';
import { LocalShellTransport } from '../facts/local-shell-transport.js';

let dir: string;
let ctx: ApplyContext;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'runbook-carried-'));
  ctx = {
    transport: new LocalShellTransport(),
    module: {} as ModuleDefinition,
    controller: { env: {}, redact: createRedactor(), log: () => undefined },
    evaluate: () => false,
  };
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const mark = (): Carried => ({ script: `echo recorded > ${join(dir, 'mark')}`, when: 'changed' });
const marked = () => existsSync(join(dir, 'mark'));
const command = (text: string, extra: Partial<CommandChange> = {}): CommandChange => ({ kind: 'command', command: text, reason: 'test', ...extra });
const absent = (path: string) => ({ path, exists: false as const, type: null, size: 0, sha256: null, mode: null, owner: null, group: null });

describe('carried bookkeeping', () => {
  it('rides on a file write, after the rename, in the same exec', async () => {
    const path = join(dir, 'site.conf');
    const outcome = await applyChange({ kind: 'write', path, before: absent(path), content: Buffer.from('new\n'), reason: 'test' }, ctx, mark());
    expect(outcome).toMatchObject({ status: 'applied', changed: true });
    expect(readFileSync(path, 'utf8')).toBe('new\n');
    expect(marked()).toBe(true);
    expect((ctx.transport as LocalShellTransport).stats.execs).toBe(1);
  });

  it('does not run when the change fails (a drifted file is left alone, nothing recorded)', async () => {
    const path = join(dir, 'site.conf');
    const before = { ...absent(path), exists: true as const, type: 'file' as const, sha256: 'f'.repeat(64) };
    const outcome = await applyChange({ kind: 'remove', path, before, reason: 'test' }, ctx, mark());
    expect(outcome.status).toBe('drift');
    expect(marked()).toBe(false);
  });

  it('after a command: only when it exits 0 (its own `exit 0` included), keeping its exit code and output', async () => {
    const failed = await applyChange(command('echo out; exit 3'), ctx, mark());
    expect(failed).toMatchObject({ status: 'failed', result: { rc: 3, stdout: 'out\n' } });
    expect(marked()).toBe(false);

    const ok = await applyChange(command('echo out; exit 0'), ctx, mark());
    expect(ok).toMatchObject({ status: 'applied', result: { rc: 0, stdout: 'out\n' } });
    expect(marked()).toBe(true);
  });

  it('a failing bookkeeping script never fails the change', async () => {
    const outcome = await applyChange(command('true'), ctx, { script: 'echo nope >&2; exit 9', when: 'succeeded' });
    expect(outcome).toMatchObject({ status: 'applied', result: { rc: 0, stdout: '', stderr: '' } });
  });

  it('is not carried where the host cannot tell success or change: failed_when, changed_when (for marks), api calls', () => {
    expect(canCarry(command('x', { failedWhen: 'rc > 1' }), mark())).toBe(false);
    expect(canCarry(command('x', { changedWhen: 'false' }), mark())).toBe(false);
    expect(canCarry(command('x', { changedWhen: 'false' }), { script: 'true', when: 'succeeded' })).toBe(true);
    expect(canCarry({ kind: 'api', module: 'm', action: 'A', resource: 'r', before: null, after: null, payload: null, reason: '' }, mark())).toBe(false);
  });

  it('with startOf: rides only on the command that starts that daemon anew, after it succeeded', async () => {
    const clear: Carried = { script: `echo cleared > ${join(dir, 'mark')}`, when: 'succeeded', startOf: 'nginx' };
    expect(canCarry(command('start nginx', { starts: 'nginx' }), clear)).toBe(true);
    expect(canCarry(command('start keepalived', { starts: 'keepalived' }), clear)).toBe(false);
    expect(canCarry(command('reload nginx'), clear)).toBe(false);
    expect(canCarry(command('start nginx', { starts: 'nginx', failedWhen: 'rc > 1' }), clear)).toBe(false);
    expect(canCarry({ kind: 'write', path: join(dir, 'f'), before: absent(join(dir, 'f')), content: Buffer.from(''), reason: 'test' }, clear)).toBe(false);

    expect(await applyChange(command('exit 1', { starts: 'nginx' }), ctx, clear)).toMatchObject({ status: 'failed' });
    expect(marked()).toBe(false);
    expect(await applyChange(command('true', { starts: 'nginx' }), ctx, clear)).toMatchObject({ status: 'applied' });
    expect(marked()).toBe(true);
  });
});
