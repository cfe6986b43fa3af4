// Applies one Ansible role to two fresh lab hosts, with ansible-playbook on one and runbook on the other,
// from the same playbook and the same INI inventory format; then reruns both, and compares what each
// left on its host (files under the managed folders: content, mode, owner, link target).
// Usage (root, the lab up: `runbook lab up`): node test/bench/corpus/converge.mjs CORPUS ROLE [VARS.yml]
// (roles in CORPUS/roles; ANSIBLE_COLLECTIONS_PATH for the collections a role's modules come from).
// Both hosts must be fresh (`lab down` then `lab up` between roles): what a role leaves is compared.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(process.argv[2] ?? '.');
const cli = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'dist', 'main.js');
const [role, varsFile] = process.argv.slice(3);
const DIRS = '/etc /srv /var/www /usr/share/nginx /home /root/.ssh /var/spool/cron /opt /usr/local/bin /usr/local/etc';
const IGNORE = /^\/root\/\.(ansible|cache|bash_history|lesshst|viminfo)|^\/etc\/(mtab|ld\.so\.cache|machine-id)$|^\/var\/tmp/;

const sh = (cmd, args, opts = {}) => spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 << 20, ...opts });
const lab = JSON.parse(readFileSync('/var/tmp/runbook-lab/state.json', 'utf8'));
const [ansHost, rbHost] = ['lab-h2', 'lab-h3'].map((n) => lab.hosts.find((h) => h.name === n));
const key = '/var/tmp/runbook-lab/id_ed25519';
const known = '/var/tmp/runbook-lab/known_hosts';

function ssh(host, command) {
  const r = sh('ssh', ['-i', key, '-o', `UserKnownHostsFile=${known}`, '-o', 'StrictHostKeyChecking=yes', '-p', String(host.port), 'root@127.0.0.1', command]);
  if (r.status !== 0) throw new Error(`ssh ${host.name}: ${r.stderr}`);
  return r.stdout;
}

function snapshot(host) {
  const out = ssh(host, `for d in ${DIRS}; do [ -e $d ] && find $d -xdev \\( -type f -o -type l -o -type d \\) -printf '%p\\t%y\\t%m\\t%u\\t%g\\t%l\\n'; done; find ${DIRS} -xdev -type f -size -2M -exec sha256sum {} + 2>/dev/null; exit 0`);
  const files = new Map();
  for (const line of out.split('\n')) {
    const f = line.split('\t');
    if (f.length === 6) files.set(f[0], { meta: f.slice(1).join(' ') });
    const m = /^([0-9a-f]{64})  (.*)$/.exec(line);
    if (m && files.has(m[2])) files.get(m[2]).sha = m[1];
  }
  for (const p of [...files.keys()]) if (IGNORE.test(p)) files.delete(p);
  return files;
}

function changed(before, after) {
  const out = new Map();
  for (const [p, v] of after) {
    const b = before.get(p);
    if (!b || b.meta !== v.meta || b.sha !== v.sha) out.set(p, v);
  }
  for (const p of before.keys()) if (!after.has(p)) out.set(p, { meta: 'deleted' });
  return out;
}

function inventory(host) {
  return `[target]
${host.name} ansible_host=127.0.0.1 ansible_port=${host.port}

[all:vars]
ansible_user=root
ansible_ssh_private_key_file=${key}
ansible_ssh_common_args='-o UserKnownHostsFile=${known} -o StrictHostKeyChecking=yes'
ansible_python_interpreter=/usr/bin/python3
`;
}

const work = mkdtempSync(join(tmpdir(), `converge-${role}-`));
const vars = varsFile ? `  vars_files:\n    - ${varsFile}\n` : '';
writeFileSync(join(work, 'site.yml'), `- hosts: all\n${vars}  roles:\n    - ${role}\n`);
writeFileSync(join(work, 'ansible.ini'), inventory(ansHost));
writeFileSync(join(work, 'runbook.ini'), inventory(rbHost));
const env = { ...process.env, ANSIBLE_ROLES_PATH: join(root, 'roles'), RUNBOOK_ROLES_PATH: join(root, 'roles'), ANSIBLE_NOCOLOR: '1', ANSIBLE_HOST_KEY_CHECKING: 'True', NO_COLOR: '1' };

function runAnsible() {
  const r = sh('ansible-playbook', ['-i', join(work, 'ansible.ini'), join(work, 'site.yml')], { cwd: work, env });
  const recap = /: ok=(\d+)\s+changed=(\d+)\s+unreachable=(\d+)\s+failed=(\d+)\s+skipped=(\d+)/.exec(r.stdout);
  return { code: r.status, ok: recap?.[1], changed: recap?.[2], failed: recap?.[4], tail: r.stdout.slice(-1500) };
}
function runRunbook() {
  const r = sh('node', [cli, 'apply', join(work, 'site.yml'), '-i', join(work, 'runbook.ini'), '--yes', '--json'], { cwd: work, env });
  let json;
  try { json = JSON.parse(r.stdout); } catch { return { code: r.status, tail: (r.stdout + r.stderr).slice(-2500) }; }
  const h = json.hosts[rbHost.name] ?? {};
  return { code: r.status, ok: h.ok, changed: h.changed, failed: h.failed, execs: h.execs, errors: json.errors, notConverged: json.notConverged };
}

const before = [snapshot(ansHost), snapshot(rbHost)];
const a1 = runAnsible();
const r1 = runRunbook();
const after = [snapshot(ansHost), snapshot(rbHost)];
const a2 = runAnsible();
const r2 = runRunbook();
const [ca, cr] = [changed(before[0], after[0]), changed(before[1], after[1])];
const norm = (s) => s.replaceAll(ansHost.name, 'HOST').replaceAll(rbHost.name, 'HOST').replaceAll(ansHost.address, 'ADDR').replaceAll(rbHost.address, 'ADDR');
const differ = [];
for (const p of new Set([...ca.keys(), ...cr.keys()])) {
  const a = ca.get(p);
  const b = cr.get(p);
  if (!a || !b) { differ.push(`${p}: only ${a ? 'ansible' : 'runbook'} changed it (${(a ?? b).meta})`); continue; }
  if (a.meta !== b.meta) { differ.push(`${p}: ansible ${a.meta} / runbook ${b.meta}`); continue; }
  if (a.sha !== b.sha) {
    const [ta, tb] = [ssh(ansHost, `cat '${p}'`), ssh(rbHost, `cat '${p}'`)];
    if (norm(ta) !== norm(tb)) {
      writeFileSync(join(work, 'a.txt'), ta);
      writeFileSync(join(work, 'b.txt'), tb);
      differ.push(`${p}: content differs\n${sh('diff', ['-u', join(work, 'a.txt'), join(work, 'b.txt')]).stdout.slice(0, 1500)}`);
    }
  }
}
// The changed paths themselves (account files included: /etc/passwd, group, shadow and their backups are
// compared byte for byte, so the same uids, gids and shadow fields are asked of both tools).
const paths = [...new Set([...ca.keys(), ...cr.keys()])].sort();
console.log(JSON.stringify({ role, work, ansible: [a1, a2], runbook: [r1, r2], changedFiles: { ansible: ca.size, runbook: cr.size }, paths, differ }, null, 2));
