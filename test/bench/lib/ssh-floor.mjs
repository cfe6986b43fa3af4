#!/usr/bin/env node
// The floor under any ssh2-based tool on these hosts: start Node, load ssh2, connect to every host
// in parallel, run `true` on each, exit. What runbook adds above it is runbook's own cost; the
// floor itself is the machine's (the lab hosts' sshd share its cores). With --reads, each host runs
// instead the reads any tool must make to tell the workload is in place (host-files.mjs READS_SCRIPT).
//   node ssh-floor.mjs [--reads] KEY_FILE KNOWN_HOSTS_FILE PORT... (hosts at 127.0.0.1, user root)
import { readFileSync } from 'node:fs';
import ssh2 from 'ssh2';
import { READS_SCRIPT } from './host-files.mjs';

const reads = process.argv[2] === '--reads';
const [keyFile, knownHostsFile, ...ports] = process.argv.slice(reads ? 3 : 2);
const command = reads ? READS_SCRIPT : 'true';
const key = readFileSync(keyFile);
const knownHosts = readFileSync(knownHostsFile, 'utf8');

/** The lab's known_hosts names hosts `[127.0.0.1]:PORT`; a key is trusted when its line is there. */
const trusted = (port, hostKey) => knownHosts.split('\n').some((line) => {
  const [name, , b64] = line.trim().split(/\s+/);
  return name === `[127.0.0.1]:${port}` && b64 === hostKey.toString('base64');
});

function connectAndRun(port) {
  return new Promise((resolve, reject) => {
    const client = new ssh2.Client();
    client
      .on('ready', () =>
        client.exec(command, (err, channel) => {
          if (err) return reject(err);
          channel.on('close', (code) => (client.end(), code === 0 ? resolve() : reject(new Error(`port ${port}: true exited ${code}`)))).resume();
        }),
      )
      .on('error', reject)
      .connect({ host: '127.0.0.1', port: Number(port), username: 'root', privateKey: key, hostVerifier: (k) => trusted(port, k) });
  });
}

await Promise.all(ports.map(connectAndRun));
