// Shared steps of the HA scenario tests: the lab's two nodes, the cloud env, probes and polls.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { labHosts, labInfo, type LabHostInfo, sshRun } from '../helpers/index.js';

export const VIP = '10.0.4.99';
export const DOMAINS = ['iam.api.marmotedu.com', 'iam.authz.marmotedu.com'] as const;

export function haHosts(): { master: LabHostInfo; backup: LabHostInfo } {
  const [master, backup] = labHosts();
  if (!master || !backup) throw new Error('the HA tests need lab-h0 and lab-h1');
  return { master, backup };
}

/** TENCENTCLOUD_* for the lab's VPC emulator, from the file `lab up` writes. */
export function cloudEnv(): Record<string, string> {
  const lab = labInfo();
  if (!lab) throw new Error('no lab');
  const env: Record<string, string> = {};
  for (const line of readFileSync(join(lab.dir, 'tencentcloud.env'), 'utf8').split('\n')) {
    const m = /^export (\w+)=(.*)$/.exec(line.trim());
    if (m) env[m[1]!] = m[2]!.replace(/^['"]|['"]$/g, '');
  }
  return env;
}

export async function run(host: LabHostInfo, command: string): Promise<string> {
  const r = await sshRun(host, command);
  if (r.code !== 0) throw new Error(`${host.name}: ${command}: exit ${r.code}: ${r.stderr}`);
  return r.stdout;
}

export async function holdsVip(host: LabHostInfo): Promise<boolean> {
  return (await run(host, 'ip -o -4 addr show dev eth0')).includes(`${VIP}/`);
}

/** Waits until exactly `holder` has the VIP (and the other node not), or throws after timeoutMs. */
export async function waitForVip(holder: LabHostInfo, other: LabHostInfo, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if ((await holdsVip(holder)) && !(await holdsVip(other))) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`VIP ${VIP} not held by ${holder.name} alone within ${timeoutMs} ms`);
}

/** Waits for a line in /var/log/keepalived.log that was not there before. */
export async function waitForNotify(host: LabHostInfo, event: string, linesBefore: number, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const lines = (await run(host, 'cat /var/log/keepalived.log 2>/dev/null || true')).split('\n').filter(Boolean);
    if (lines.slice(linesBefore).some((l) => /^\[\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\] /.test(l) && l.endsWith(`notify_${event}`))) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${host.name}: no new notify_${event} in /var/log/keepalived.log within ${timeoutMs} ms`);
}

export async function notifyLines(host: LabHostInfo): Promise<number> {
  return (await run(host, 'cat /var/log/keepalived.log 2>/dev/null || true')).split('\n').filter(Boolean).length;
}

/** curl from `from` to `address` with a Host header; returns the body. */
export async function healthz(from: LabHostInfo, address: string, domain: string): Promise<string> {
  return run(from, `curl -s -m 3 -H 'Host: ${domain}' http://${address}/healthz`);
}

/**
 * Starts a probe on `from` that hits the VIP every 100 ms (bounded: `count` requests) and prints
 * one HTTP status per request; resolves with the statuses when it ends.
 */
export function probeVip(from: LabHostInfo, count: number): Promise<string[]> {
  const loop = `i=0; while [ $i -lt ${count} ]; do curl -s -o /dev/null -m 1 -w '%{http_code}\\n' -H 'Host: ${DOMAINS[0]}' http://${VIP}/healthz; sleep 0.1; i=$((i+1)); done`;
  return sshRun(from, loop, { timeoutMs: count * 1200 + 10_000 }).then((r) => r.stdout.split('\n').filter(Boolean));
}
