// One run of each tool on the bench hosts: runbook (`apply --yes --json`) and tuned ansible-playbook, with what each reports.
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { runTimed } from './run-timed.mjs';

/**
 * runbook: wall time, peak RSS, the JSON recap (hosts.*.execs, changed) and, from the plain
 * progress lines on stderr, the engine's own run time and each task's apply time.
 */
export async function runRunbook(ctx, inventoryFile, env = process.env) {
  const args = [ctx.mainJs, 'apply', ctx.runbookFile, '-i', inventoryFile, '--yes', '--json'];
  const r = await runTimed('node', args, { cwd: ctx.root, tmpDir: ctx.tmpDir, env: { ...env, NO_COLOR: '1' } });
  let json;
  try {
    json = JSON.parse(r.stdout);
  } catch {
    throw new Error(`runbook printed no JSON (exit ${r.code}):\n${r.stderr.slice(-3000)}`);
  }
  if (r.code !== 0 || !json.ok) throw new Error(`runbook failed (exit ${r.code}): ${JSON.stringify(json.errors)}\n${r.stderr.slice(-3000)}`);
  const engineLine = r.stderr.trim().split('\n').reverse().find((l) => /^\d+\.\d+ s$/.test(l.trim()));
  const tasks = {};
  for (const m of r.stderr.matchAll(/^(\S+): (?:changed|ok): ((?:handler: )?.*) \((\d+) ms\)$/gm)) {
    tasks[m[2]] = Math.max(tasks[m[2]] ?? 0, Number(m[3]));
  }
  const hosts = json.hosts;
  return {
    ms: r.ms,
    rssKb: r.rssKb,
    cpuMs: r.cpuMs,
    busyMs: r.busyMs,
    engineMs: engineLine ? Number.parseFloat(engineLine) * 1000 : undefined,
    changed: Object.values(hosts).reduce((n, h) => n + h.changed, 0),
    execs: Object.fromEntries(Object.entries(hosts).map(([name, h]) => [name, h.execs])),
    tasks,
  };
}

/** The environment that makes ansible-playbook read test/bench/ansible/ansible.cfg and keep its sockets in `dir`. */
export function ansibleEnv(ctx, dir) {
  mkdirSync(join(dir, 'cp'), { recursive: true });
  mkdirSync(join(dir, 'local'), { recursive: true });
  return {
    ...process.env,
    ANSIBLE_CONFIG: join(ctx.ansibleDir, 'ansible.cfg'),
    ANSIBLE_SSH_CONTROL_PATH_DIR: join(dir, 'cp'),
    ANSIBLE_LOCAL_TEMP: join(dir, 'local'),
    ANSIBLE_NOCOLOR: '1',
    ANSIBLE_FORCE_COLOR: '0',
  };
}

/** ansible-playbook: wall time, peak RSS (its largest process), and PLAY RECAP's changed count. */
export async function runAnsible(ctx, inventoryFile, env) {
  const args = ['-i', inventoryFile, join(ctx.ansibleDir, 'bench.yml')];
  const r = await runTimed('ansible-playbook', args, { cwd: ctx.ansibleDir, tmpDir: ctx.tmpDir, env });
  const recap = [...r.stdout.matchAll(/^(\S+)\s+: ok=(\d+)\s+changed=(\d+)\s+unreachable=(\d+)\s+failed=(\d+)/gm)];
  if (r.code !== 0 || recap.length === 0) throw new Error(`ansible-playbook failed (exit ${r.code}):\n${r.stdout.slice(-3000)}${r.stderr.slice(-2000)}`);
  return { ms: r.ms, rssKb: r.rssKb, changed: recap.reduce((n, m) => n + Number(m[3]), 0) };
}

/** Ends the ControlPersist masters ansible left in `dir` (they would linger 60 s) and removes it. */
export function closeAnsibleSockets(dir) {
  const cp = join(dir, 'cp');
  let sockets = [];
  try {
    sockets = readdirSync(cp);
  } catch {
    // nothing was opened
  }
  for (const s of sockets) spawnSync('ssh', ['-o', `ControlPath=${join(cp, s)}`, '-O', 'exit', 'bench'], { stdio: 'ignore' });
  rmSync(dir, { recursive: true, force: true });
}

/** Installs what the bench needs from Debian's packages when it is missing: ansible-core, GNU time. */
export function ensureTools() {
  const missing = [
    ['ansible-playbook', 'ansible-core'],
    ['/usr/bin/time', 'time'],
  ].filter(([bin]) => spawnSync('sh', ['-c', `command -v ${bin}`]).status !== 0).map(([, pkg]) => pkg);
  if (missing.length === 0) return;
  console.log(`installing ${missing.join(', ')} (apt-get)`);
  const r = spawnSync('apt-get', ['install', '-y', '--no-install-recommends', ...missing], {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  if (r.status !== 0) throw new Error(`apt-get install ${missing.join(' ')} failed: install them and run the bench again`);
}
