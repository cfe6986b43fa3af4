// After authentication sshd announces its host keys; runbook acknowledges them without asking the
// server to prove them (a round trip and a signature per host key fewer). Against a real sshd.
import { readFileSync } from 'node:fs';
import { Client } from 'ssh2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { skipHostKeysProof } from '../../../src/executor/transports/skip-host-keys-proof.js';
import { startSshd, type Sshd } from './sshd-fixture.js';

let sshd: Sshd;
beforeAll(async () => {
  sshd = await startSshd();
}, 30_000);
afterAll(async () => sshd?.stop());

/** Connects (with or without the skip), runs `true`, and returns ssh2's debug lines of the session. */
async function sessionLog(skip: boolean): Promise<string[]> {
  const log: string[] = [];
  const client = new Client();
  await new Promise<void>((resolve, reject) => {
    client.on('ready', resolve).on('error', reject);
    client.connect({ host: '127.0.0.1', port: sshd.port, username: 'root', privateKey: readFileSync(sshd.clientKey), debug: (line) => log.push(line) });
    if (skip) skipHostKeysProof(client);
  });
  // The announcement follows the authentication; one exec round trip later it has been answered.
  await new Promise<void>((resolve, reject) =>
    client.exec('true', (err, channel) => (err ? reject(err) : channel.on('close', () => resolve()).resume())),
  );
  client.end();
  return log;
}

describe('skipHostKeysProof', () => {
  it('answers the host keys announcement without asking for their proof; ssh2 alone asks', async () => {
    const plain = await sessionLog(false);
    expect(plain.some((l) => l.includes('GLOBAL_REQUEST (hostkeys-00@openssh.com)'))).toBe(true);
    expect(plain.some((l) => l.includes('Sending GLOBAL_REQUEST (hostkeys-prove-00@openssh.com)'))).toBe(true);
    const skipped = await sessionLog(true);
    expect(skipped.some((l) => l.includes('GLOBAL_REQUEST (hostkeys-00@openssh.com)'))).toBe(true);
    expect(skipped.some((l) => l.includes('hostkeys-prove'))).toBe(false);
  });
});
