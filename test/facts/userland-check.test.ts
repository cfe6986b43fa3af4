// A host lacking a command the fact script runs is told precisely which, in the same single exec.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { buildFactScript } from '../../src/facts/gather-facts.js';

const bin = mkdtempSync(join(tmpdir(), 'runbook-userland-'));
afterAll(() => rmSync(bin, { recursive: true, force: true }));

/** Runs a fact script with only `tools` on its PATH (sh builtins still work). */
function runWith(tools: string[], script: string): string {
  for (const t of tools) symlinkSync(spawnSync('sh', ['-c', `command -v ${t}`]).stdout.toString().trim(), join(bin, t));
  return spawnSync('/bin/sh', ['-c', script], { env: { PATH: bin } }).stdout.toString('utf8');
}

it('names every missing command, and asks nothing else of the host', () => {
  const built = buildFactScript([{ kind: 'file', path: '/etc/hostname' }, { kind: 'command', command: 'true' }]);
  const stdout = runWith(['cut', 'readlink', 'head', 'mktemp'], built.script);
  expect(() => built.parse(stdout)).toThrow('the host lacks base64, sha256sum, stat, timeout (commands the fact script runs; GNU coreutils or BusyBox provide them)');
});

it('adds nothing when no probe needs a command (package facts only)', () => {
  expect(buildFactScript([{ kind: 'package', name: 'nginx' }]).script).not.toContain('rb_missing');
});
