// The engine tests' shared ground: the fixture project, the two hosts they own (lab-h2, lab-h3), resetting and inspecting them.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll } from 'vitest';
import {
  describeRun,
  labHosts,
  snapshotPaths,
  sshOk,
  sshRun,
  writeLabInventory,
  type CliResult,
  type InventoryHost,
  type LabHostInfo,
} from '../helpers/index.js';

const here = dirname(fileURLToPath(import.meta.url));
export const FIXTURES = join(here, 'fixtures');
/** The project an outsider would write: site.yaml + roles/web_site. Commands run from inside it. */
export const PROJECT = join(FIXTURES, 'project');
/** The inventory's `!secret` value: it must reach the host and appear in no output. */
export const TOKEN = 'tok-Zq81-rbtest-secret';
export const SITE_PORT = 8081;
/** Everything site.yaml writes on a host. */
export const MANAGED = ['/srv/rbtest', '/etc/nginx/conf.d', '/etc/hosts'];

export interface EngineHosts {
  h2: LabHostInfo;
  h3: LabHostInfo;
}

/** lab-h0/h1 belong to the HA scenario: these tests touch lab-h2 and lab-h3 only. */
export function engineHosts(): EngineHosts {
  const byName = new Map(labHosts().map((h) => [h.name, h]));
  const h2 = byName.get('lab-h2');
  const h3 = byName.get('lab-h3');
  if (!h2 || !h3) throw new Error(`the engine tests need lab-h2 and lab-h3; the lab has ${[...byName.keys()].join(', ')} (global-setup brings up 4 hosts)`);
  return { h2, h3 };
}

export function makeWorkDir(): string {
  return mkdtempSync(join(tmpdir(), 'rbtest-engine-'));
}

/**
 * For a test file's describe: a work dir holding the site inventory, made before its tests; after
 * them the dir is removed and both hosts are put back (nginx stopped).
 */
export function useSiteWorkspace(): { readonly dir: string; readonly inv: string } {
  const ws = { dir: '', inv: '' };
  beforeAll(() => {
    ws.dir = makeWorkDir();
    ws.inv = writeSiteInventory(join(ws.dir, 'inventory.yaml'));
  });
  afterAll(async () => {
    if (ws.dir) rmSync(ws.dir, { recursive: true, force: true });
    await resetHosts(Object.values(engineHosts()), 'stopped');
  });
  return ws;
}

export interface SiteInventoryOptions {
  extraHosts?: InventoryHost[];
  knownHostsFile?: string;
  /** How api_token is given: `!secret "..."` (default) or `!env RBTEST_API_TOKEN`. */
  token?: 'secret' | 'env';
}

/** The inventory site.yaml runs against: group `web` = lab-h2, lab-h3 (+ extras), api_token a secret. */
export function writeSiteInventory(file: string, opts: SiteInventoryOptions = {}): string {
  const { h2, h3 } = engineHosts();
  return writeLabInventory(file, {
    group: 'web',
    hosts: [h2, h3, ...(opts.extraHosts ?? [])],
    vars: { api_token: opts.token === 'env' ? '!env RBTEST_API_TOKEN' : `!secret "${TOKEN}"` },
    knownHostsFile: opts.knownHostsFile,
  });
}

const NGINX_MASTER = `ps -eo pid,args | awk '/[n]ginx: master/ {print $1}'`;

/**
 * Puts hosts back to before site.yaml: no /srv/rbtest, no server block, no hosts line, and
 * nginx stopped, or running on its stock config (so only a reload can make it serve 8081).
 */
export async function resetHosts(hosts: LabHostInfo[], nginx: 'stopped' | 'running'): Promise<void> {
  const script = [
    'rm -rf /srv/rbtest',
    'rm -f /etc/nginx/conf.d/*rbtest* /etc/nginx/conf.d/.*rbtest*',
    'if grep -q shop.rbtest.local /etc/hosts; then grep -v shop.rbtest.local /etc/hosts > /tmp/rbtest-hosts; cat /tmp/rbtest-hosts > /etc/hosts; rm -f /tmp/rbtest-hosts; fi',
    // nginx -s stop is immediate; the init script's stop sleeps a second.
    `if [ -n "$(${NGINX_MASTER})" ]; then nginx -s stop; fi`,
    `i=0; while [ -n "$(${NGINX_MASTER})" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i+1)); done`,
    `[ -z "$(${NGINX_MASTER})" ] || { echo 'nginx would not stop' >&2; exit 1; }`,
    ...(nginx === 'running'
      ? [
          'setsid /etc/init.d/nginx start </dev/null >/dev/null 2>&1',
          `i=0; while [ -z "$(${NGINX_MASTER})" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i+1)); done`,
          `[ -n "$(${NGINX_MASTER})" ] || { echo 'nginx would not start' >&2; exit 1; }`,
        ]
      : []),
  ].join('\n');
  await Promise.all(hosts.map((h) => sshOk(h, script)));
}

/** nginx's master pid on the host, or undefined when it is not running. */
export async function nginxMaster(host: LabHostInfo): Promise<string | undefined> {
  const pid = (await sshOk(host, NGINX_MASTER)).trim();
  return pid === '' ? undefined : pid;
}

/** The managed paths (with times) and whether nginx runs: equal snapshots = host untouched. */
export async function snapshot(host: LabHostInfo, opts: { times?: boolean } = {}): Promise<string> {
  return snapshotPaths(host, MANAGED, { ...opts, also: `echo "nginx master: $(${NGINX_MASTER})"` });
}

/** GET http://127.0.0.1:PORT/ from inside the host (the site is not reachable from the machine). */
export async function curlSite(host: LabHostInfo, port = SITE_PORT): Promise<{ status: string; body: string }> {
  const r = await sshRun(host, `curl -s --max-time 5 -w '\\n%{http_code}' http://127.0.0.1:${port}/`);
  const lines = r.stdout.split('\n');
  const status = lines.pop() ?? '';
  return { status: status || '000', body: lines.join('\n') };
}

/** The document `--json` prints (DESIGN.md). */
export interface RunJson {
  ok: boolean;
  check: boolean;
  hosts: Record<string, { ok: number; changed: number; failed: number; skipped: number; unreachable: boolean; execs?: number; uploads?: number }>;
  changes: Array<{ host: string; task: string; path?: string; diff?: string }>;
  errors: Array<{ host?: string; task?: string; message: string }>;
}

export function parseJson(r: CliResult): RunJson {
  try {
    return JSON.parse(r.stdout) as RunJson;
  } catch (error) {
    throw new Error(`stdout is not one JSON document (${(error as Error).message}):\n${describeRun(r)}`);
  }
}

/** What roles/web_site/templates/index.html.njk renders for `self` in group web = `members`. */
export function expectedIndex(self: string, members: Array<{ name: string; address: string }>): string {
  const items = members.map((m) => `<li>${m.name} ${m.address}${m.name === self ? ' (this host)' : ''}</li>\n`).join('');
  return `<h1>shop.rbtest.local on ${self}</h1>\n<ul>\n${items}</ul>\n`;
}

export const EXPECTED_SITE_CONF = `# Managed by runbook (test/lab/engine fixture).
server {
    listen 8081;
    server_name shop.rbtest.local;
    root /srv/rbtest/www;
    index index.html;
}
`;
