// fetch's plan from the host's file fact and the controller's copy: Ansible's layout and words, no host contacted.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FactSet, FileFact } from '../../../src/core/facts.js';
import type { ScriptContext } from '../../../src/core/module.js';
import { fetchArgsSchema } from '../../../src/modules/fetch/schema.js';
import { planFetch } from '../../../src/modules/fetch/plan.js';
import { toFact } from '../fixture-facts.js';

const SRC = '/etc/app.conf';
// sha1 of "a=1\n", as `printf 'a=1\n' | sha1sum` gives it (Ansible's checksum).
const SHA1_A1 = '9dc9cfd3b38b77561ec22b49a723432e26181003';
const factsOf = (data: Record<string, unknown>): FactSet => ({ get: () => toFact({ kind: 'file', path: SRC }, data) as FileFact }) as FactSet;
const ctx = { host: { name: 'web1' } } as unknown as ScriptContext;
const args = (extra: Record<string, unknown>) => fetchArgsSchema.parse({ src: SRC, ...extra });

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'runbook-fetch-plan-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('fetch plan', () => {
  it('a missing src fails in Ansible words; with fail_on_missing false it is ok', async () => {
    await expect(planFetch(args({ dest: dir }), factsOf({ exists: false }), ctx)).rejects.toThrow('the remote file does not exist, not transferring, ignored');
    const plan = await planFetch(args({ dest: dir, fail_on_missing: false }), factsOf({ exists: false }), ctx);
    expect(plan).toMatchObject({ status: 'unchanged', registered: { changed: false, file: SRC } });
  });

  it('a folder src fails', async () => {
    await expect(planFetch(args({ dest: dir }), factsOf({ type: 'directory' }), ctx)).rejects.toThrow('remote file is a directory, fetch cannot work on directories');
  });

  it('plans dest/HOST/SRC as a change with its diff, and unchanged once the copy matches', async () => {
    const local = join(dir, 'web1', SRC);
    const plan = await planFetch(args({ dest: dir }), factsOf({ content: 'a=1\n' }), ctx);
    expect(plan).toMatchObject({ status: 'change', changes: [{ kind: 'script', summary: `fetch web1:${SRC} -> ${local}`, reason: `${local} absent`, files: [{ path: local, before: null, after: 'a=1\n' }] }] });
    mkdirSync(join(dir, 'web1', 'etc'), { recursive: true });
    writeFileSync(local, 'a=1\n');
    expect(await planFetch(args({ dest: dir }), factsOf({ content: 'a=1\n' }), ctx)).toMatchObject({ status: 'unchanged', registered: { dest: local, checksum: SHA1_A1 } });
  });

  it('a file over 1 MiB is compared by its hash and planned without a diff', async () => {
    const plan = await planFetch(args({ dest: `${dir}/big`, flat: true }), factsOf({ size: 2_000_000, sha256: '0'.repeat(64) }), ctx);
    expect(plan).toMatchObject({ status: 'change', changes: [{ summary: `fetch web1:${SRC} -> ${dir}/big` }] });
    expect((plan as { changes: Array<{ files?: unknown }> }).changes[0]!.files).toBeUndefined();
  });

  it('flat onto an existing folder without a trailing slash fails, as Ansible', async () => {
    await expect(planFetch(args({ dest: dir, flat: true }), factsOf({ content: 'x' }), ctx)).rejects.toThrow('dest is an existing directory, use a trailing slash');
  });

  it('a relative dest is refused at load', () => {
    expect(fetchArgsSchema.safeParse({ src: SRC, dest: 'fetched' }).success).toBe(false);
  });
});
