// Public Ansible roles (a corpus kept outside the repository: geerlingguy.nginx, geerlingguy.firewall) applied
// by runbook to a bench host each, then applied again: the rerun must change nothing in ONE exec per host.
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runTimed } from './run-timed.mjs';

export const CORPUS_ROLES = ['geerlingguy.nginx', 'geerlingguy.firewall'];

/** The corpus folder: `--corpus DIR`, else RUNBOOK_CORPUS, else /tmp/corpus; undefined (with why) when it lacks the roles. */
export function corpusDir(option) {
  const dir = option ?? process.env.RUNBOOK_CORPUS ?? '/tmp/corpus';
  const missing = CORPUS_ROLES.filter((role) => !existsSync(join(dir, 'roles', role)) || !existsSync(join(dir, `site-${role}.yml`)));
  return missing.length === 0 ? { dir } : { skipped: `no corpus at ${dir} (${missing.join(', ')} missing: roles/ROLE and site-ROLE.yml); --corpus DIR or RUNBOOK_CORPUS names one` };
}

const ini = (host, lab) => `[target]
${host.name} ansible_host=127.0.0.1 ansible_port=${host.port}

[all:vars]
ansible_user=root
ansible_ssh_private_key_file=${lab.keyFile}
ansible_ssh_common_args='-o UserKnownHostsFile=${lab.knownHostsFile} -o StrictHostKeyChecking=yes'
`;

async function apply(ctx, site, inventory, rolesPath) {
  const args = [ctx.mainJs, 'apply', site, '-i', inventory, '--yes', '--json'];
  const r = await runTimed('node', args, { cwd: ctx.tmpDir, tmpDir: ctx.tmpDir, env: { ...process.env, RUNBOOK_ROLES_PATH: rolesPath, NO_COLOR: '1' } });
  let json;
  try {
    json = JSON.parse(r.stdout);
  } catch {
    return { ms: r.ms, failed: `exit ${r.code}, no JSON: ${r.stderr.slice(-500)}` };
  }
  const hosts = Object.values(json.hosts);
  const failed = r.code !== 0 ? `exit ${r.code}: ${JSON.stringify(json.errors).slice(0, 500)}` : undefined;
  return { ms: r.ms, failed, changed: hosts.reduce((n, h) => n + h.changed, 0), execs: Math.max(...hosts.map((h) => h.execs)) };
}

/** Each role on its own host (`hosts[i]`, fresh): the first apply, then the rerun's changes and execs. */
export async function measureCorpus(ctx, dir, lab, hosts) {
  const results = [];
  for (const [i, role] of CORPUS_ROLES.entries()) {
    const inventory = join(ctx.tmpDir, `corpus-${role}.ini`);
    writeFileSync(inventory, ini(hosts[i], lab));
    const site = join(dir, `site-${role}.yml`);
    const first = await apply(ctx, site, inventory, join(dir, 'roles'));
    const rerun = first.failed ? undefined : await apply(ctx, site, inventory, join(dir, 'roles'));
    results.push({ role, host: hosts[i].name, first, rerun });
  }
  return results;
}
