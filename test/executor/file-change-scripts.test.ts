// The file-change scripts run for real under /bin/sh (dash) on temp files: CAS, validate, backup, rename.
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FileFact } from '../../src/core/facts.js';
import { removeScript, SCRIPT_EXIT, writeFileScript } from '../../src/executor/file-change-scripts.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'runbook-fcs-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const sha = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');

function factOf(path: string): FileFact {
  if (!existsSync(path)) return { path, exists: false, type: null, size: 0, sha256: null, mode: null, owner: null, group: null };
  const content = readFileSync(path);
  return { path, exists: true, type: 'file', size: content.length, sha256: sha(content), mode: '0644', owner: 'root', group: 'root', content };
}

function run(script: string, input = '') {
  return spawnSync('/bin/sh', ['-c', `set -e\n${script}`], { input, encoding: 'utf8' });
}

describe('writeFileScript', () => {
  it('writes a new file atomically with the given mode and leaves no temp file', () => {
    const path = join(dir, 'new file.conf');
    const result = run(writeFileScript({ kind: 'write', path, before: factOf(path), content: Buffer.from('hello\n'), mode: '0600', reason: 'absent' }), 'hello\n');
    expect(result.status).toBe(0);
    expect(readFileSync(path, 'utf8')).toBe('hello\n');
    expect((statSync(path).mode & 0o777).toString(8)).toBe('600');
    expect(readdirSync(dir)).toEqual(['new file.conf']);
  });

  it('keeps the old mode when none is given', () => {
    const path = join(dir, 'a');
    writeFileSync(path, 'old\n', { mode: 0o640 });
    const result = run(writeFileScript({ kind: 'write', path, before: factOf(path), content: Buffer.from('new\n'), reason: 'differs' }), 'new\n');
    expect(result.status).toBe(0);
    expect((statSync(path).mode & 0o777).toString(8)).toBe('640');
  });

  it('gives a new file 0644 when no mode is given, whatever the umask', () => {
    const path = join(dir, 'fresh');
    const result = run(`umask 077\n${writeFileScript({ kind: 'write', path, before: factOf(path), content: Buffer.from('x\n'), reason: 'absent' })}`, 'x\n');
    expect(result.status, result.stderr).toBe(0);
    expect((statSync(path).mode & 0o777).toString(8)).toBe('644');
  });

  it.skipIf(process.getuid?.() !== 0)('keeps the old owner and group when only a mode is given, and the old mode when only an owner is', () => {
    const path = join(dir, 'owned');
    writeFileSync(path, 'old\n', { mode: 0o600 });
    chownSync(path, 1234, 5678);
    const withMode = run(writeFileScript({ kind: 'write', path, before: factOf(path), content: Buffer.from('new\n'), mode: '0640', reason: 'differs' }), 'new\n');
    expect(withMode.status, withMode.stderr).toBe(0);
    expect([statSync(path).uid, statSync(path).gid, (statSync(path).mode & 0o777).toString(8)]).toEqual([1234, 5678, '640']);
    const withOwner = run(writeFileScript({ kind: 'write', path, before: factOf(path), content: Buffer.from('newer\n'), owner: '0', reason: 'differs' }), 'newer\n');
    expect(withOwner.status, withOwner.stderr).toBe(0);
    expect([statSync(path).uid, statSync(path).gid, (statSync(path).mode & 0o777).toString(8)]).toEqual([0, 5678, '640']);
  });

  it('refuses to overwrite a file that changed since the plan (compare-and-swap)', () => {
    const path = join(dir, 'a');
    writeFileSync(path, 'planned against this\n');
    const before = factOf(path);
    writeFileSync(path, 'someone edited it\n');
    const result = run(writeFileScript({ kind: 'write', path, before, content: Buffer.from('new\n'), reason: 'differs' }), 'new\n');
    expect(result.status).toBe(SCRIPT_EXIT.drift);
    expect(readFileSync(path, 'utf8')).toBe('someone edited it\n');
    expect(readdirSync(dir)).toEqual(['a']);
  });

  it('validates the temp file with %s and keeps the old file when it fails', () => {
    const path = join(dir, 'a');
    writeFileSync(path, 'good\n');
    const validate = 'grep -q good %s';
    const bad = run(writeFileScript({ kind: 'write', path, before: factOf(path), content: Buffer.from('bad\n'), validate, reason: 'x' }), 'bad\n');
    expect(bad.status).toBe(SCRIPT_EXIT.validateFailed);
    expect(readFileSync(path, 'utf8')).toBe('good\n');
    expect(readdirSync(dir)).toEqual(['a']);
    const ok = run(writeFileScript({ kind: 'write', path, before: factOf(path), content: Buffer.from('good too\n'), validate, reason: 'x' }), 'good too\n');
    expect(ok.status).toBe(0);
    expect(readFileSync(path, 'utf8')).toBe('good too\n');
  });

  it('validates the whole configuration in place without %s and puts the old file back on failure', () => {
    const path = join(dir, 'site.conf');
    writeFileSync(path, 'listen 80\n');
    // The "whole configuration" check reads the file at its real path, as `nginx -t` would.
    const validate = `grep -q 'listen' ${path} && ! grep -q broken ${path}`;
    const bad = run(writeFileScript({ kind: 'write', path, before: factOf(path), content: Buffer.from('listen broken\n'), validate, reason: 'x' }), 'listen broken\n');
    expect(bad.status).toBe(SCRIPT_EXIT.validateFailed);
    expect(readFileSync(path, 'utf8')).toBe('listen 80\n');
    expect(readdirSync(dir)).toEqual(['site.conf']);
    const fresh = join(dir, 'fresh.conf');
    const badNew = run(writeFileScript({ kind: 'write', path: fresh, before: factOf(fresh), content: Buffer.from('broken\n'), validate: `! grep -q broken ${fresh}`, reason: 'x' }), 'broken\n');
    expect(badNew.status).toBe(SCRIPT_EXIT.validateFailed);
    expect(existsSync(fresh)).toBe(false);
  });

  it('keeps a backup with the old content and mode', () => {
    const path = join(dir, 'a');
    writeFileSync(path, 'old\n', { mode: 0o600 });
    const result = run(writeFileScript({ kind: 'write', path, before: factOf(path), content: Buffer.from('new\n'), backup: true, reason: 'x' }), 'new\n');
    expect(result.status).toBe(0);
    const backups = readdirSync(dir).filter((n) => n.endsWith('.bak'));
    expect(backups).toHaveLength(1);
    expect(readFileSync(join(dir, backups[0]!), 'utf8')).toBe('old\n');
    expect((statSync(join(dir, backups[0]!)).mode & 0o777).toString(8)).toBe('600');
  });

  it('follows a symlink: the link stays, its target gets the content', () => {
    const target = join(dir, 'real');
    const link = join(dir, 'link');
    writeFileSync(target, 'old\n');
    symlinkSync(target, link);
    const result = run(writeFileScript({ kind: 'write', path: link, before: { ...factOf(target), path: link }, content: Buffer.from('new\n'), reason: 'x' }), 'new\n');
    expect(result.status).toBe(0);
    expect(readFileSync(target, 'utf8')).toBe('new\n');
    expect(execFileSync('readlink', [link], { encoding: 'utf8' }).trim()).toBe(target);
  });

  it('quotes paths with quotes, spaces and $ safely', () => {
    const path = join(dir, `it's a "$HOME" file`);
    const result = run(writeFileScript({ kind: 'write', path, before: factOf(path), content: Buffer.from('x'), reason: 'x' }), 'x');
    expect(result.status).toBe(0);
    expect(readFileSync(path, 'utf8')).toBe('x');
  });
});

describe('removeScript', () => {
  it('removes a file only when it still has the planned content', () => {
    const path = join(dir, 'a');
    writeFileSync(path, 'x');
    const before = factOf(path);
    writeFileSync(path, 'changed');
    expect(run(removeScript({ kind: 'remove', path, before, reason: 'x' })).status).toBe(SCRIPT_EXIT.drift);
    expect(existsSync(path)).toBe(true);
    expect(run(removeScript({ kind: 'remove', path, before: factOf(path), reason: 'x' })).status).toBe(0);
    expect(existsSync(path)).toBe(false);
  });
});

describe('leftovers', () => {
  it('removes temp files a killed earlier run left beside the target', () => {
    const path = join(dir, 'a.conf');
    writeFileSync(join(dir, '.a.conf.runbook-1234.tmp'), 'half');
    const result = run(writeFileScript({ kind: 'write', path, before: factOf(path), content: Buffer.from('x'), reason: 'x' }), 'x');
    expect(result.status).toBe(0);
    expect(readdirSync(dir)).toEqual(['a.conf']);
  });
});
