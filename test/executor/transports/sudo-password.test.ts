// become_password: the password rides on stdin ahead of the script and never reaches the script, argv or output.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import type { ConnectionSpec } from '../../../src/core/host.js';
import { Secret } from '../../../src/core/secret.js';
import { execCommand } from '../../../src/executor/transports/exec-command.js';
import { LocalTransport } from '../../../src/executor/transports/local.js';
import { withSudoPassword } from '../../../src/executor/transports/sudo-password.js';

const PASSWORD = 'pw-line-9f2c';

/** Runs `sh -c body` with stdin, as sudo -S would hand over after reading (or not reading) the password line. */
function sh(body: string, input: Buffer | string): string {
  return spawnSync('/bin/sh', ['-c', body], { input }).stdout.toString('utf8');
}

describe('withSudoPassword', () => {
  const sent = withSudoPassword('eval "$(cat)"', 'echo script ran; cat -', new Secret(PASSWORD));

  it('when sudo read the password: the script skips the marker and gets the rest of stdin', () => {
    const afterSudo = sent.input.subarray(sent.input.indexOf('\n') + 1);
    expect(sh(sent.body, afterSudo)).toBe('script ran\n');
  });

  it('when sudo asked for nothing (NOPASSWD, a cached ticket): the password line is skipped, never run', () => {
    const r = spawnSync('/bin/sh', ['-c', sent.body], { input: sent.input });
    expect(r.stdout.toString()).toBe('script ran\n');
    expect(`${r.stdout}${r.stderr}`).not.toContain(PASSWORD);
  });

  it('keeps an upload\'s bytes intact after the preamble, and the command line free of the password', () => {
    const withInput = withSudoPassword('cat', Buffer.from([0, 1, 2, 10, 255]), new Secret(PASSWORD));
    expect(spawnSync('/bin/sh', ['-c', withInput.body], { input: withInput.input }).stdout).toEqual(Buffer.from([0, 1, 2, 10, 255]));
    const command = execCommand(withInput.body, true, 'root', undefined, true);
    expect(command).toMatch(/^sudo -S -p '' -u root -- /);
    expect(command).not.toContain(PASSWORD);
    expect(execCommand('true', true)).toMatch(/^sudo -n -u /);
  });
});

const root = process.getuid?.() === 0 && spawnSync('sudo', ['-n', 'true']).status === 0;

describe.runIf(root)('local transport with become_password (root: sudo does not ask)', () => {
  it('runs the script through sudo -S and shows no password', async () => {
    const spec: ConnectionSpec = { kind: 'local', host: 'localhost', become: true, becomePassword: new Secret(PASSWORD), hostKeyChecking: 'strict', timeoutMs: 5000 };
    const t = new LocalTransport('ctl', spec);
    const r = await t.exec('id -u; echo done');
    expect(r).toEqual({ stdout: '0\ndone\n', stderr: '', exitCode: 0 });
    const up = await t.exec('cat', { input: 'bytes\n' });
    expect(up.stdout).toBe('bytes\n');
  });
});
