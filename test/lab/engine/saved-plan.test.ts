// Saved plans on real hosts (lab-h2, lab-h3, the engine fixture's site.yaml and its role): `plan -o` then
// `apply FILE` applies exactly what was planned, verified; drift on one host refuses the plan on every host;
// a refused plan leaves both hosts untouched; a change that does not stick is reported not converged (exit 8).
import { createHash } from 'node:crypto';
import { appendFileSync, cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeRun, labInfo, labSkipReason, readRemoteFiles, runCli, sshOk } from '../helpers/index.js';
import { engineHosts, PROJECT, resetHosts, snapshot, TOKEN, useSiteWorkspace } from './engine-fixture.js';

const lab = labInfo();
if (!lab) console.warn(`[lab] skipped: ${labSkipReason()}`);

interface SavedPlan {
  changes: number;
  hosts: Array<{ host: string; changes: number; tasks: Array<{ name: string; outcome: string }> }>;
}
interface ApplyJson {
  changes: Array<{ host: string }>;
  hosts: Record<string, { changed: number; verified: boolean }>;
  notConverged?: Array<{ host: string; task: string; location: string; diff?: string }>;
  refused?: string[];
}

describe.skipIf(!lab)('saved plans on lab hosts: plan -o, then apply FILE exactly or nothing', () => {
  const ws = useSiteWorkspace();
  const project = () => join(ws.dir, 'project');
  const run = (...args: string[]) => runCli(args, { cwd: project(), env: { CI: 'true', XDG_STATE_HOME: join(ws.dir, 'xdg') }, timeoutMs: 60_000 });
  const plan = async (runbook = 'site.yaml') => {
    const r = await run('plan', runbook, '-i', ws.inv, '-o', 'plan.json');
    expect(r.code, describeRun(r)).toBe(0);
    return JSON.parse(readFileSync(join(project(), 'plan.json'), 'utf8')) as SavedPlan;
  };
  const both = () => Object.values(engineHosts());
  /** Fresh hosts and a fresh copy of the project (the tests edit its files). */
  const fresh = async () => {
    cpSync(PROJECT, project(), { recursive: true, force: true });
    await resetHosts(both(), 'stopped');
  };

  it('applies exactly the planned changes on both hosts, verified, holding no trace of the secret; the same plan twice is refused', async () => {
    await fresh();
    const saved = await plan();
    expect(saved.hosts.map((h) => h.host)).toEqual(['lab-h2', 'lab-h3']);
    const text = readFileSync(join(project(), 'plan.json'), 'utf8');
    const sha = (s: string) => createHash('sha256').update(s).digest('hex');
    for (const trace of [TOKEN, sha(TOKEN), sha(`SITE=shop.rbtest.local\nAPI_TOKEN=${TOKEN}\n`), Buffer.from(TOKEN).toString('base64')]) expect(text).not.toContain(trace);

    const r = await run('apply', 'plan.json', '--yes', '--json');
    expect(r.code, describeRun(r)).toBe(0);
    const doc = JSON.parse(r.stdout) as ApplyJson;
    expect(doc.changes).toHaveLength(saved.changes);
    for (const h of saved.hosts) expect(doc.changes.filter((c) => c.host === h.host)).toHaveLength(h.changes);
    expect(doc.hosts['lab-h2']).toMatchObject({ verified: true });
    expect(doc.hosts['lab-h3']).toMatchObject({ verified: true });
    expect(r.output).not.toContain(TOKEN);
    for (const host of both()) {
      const files = await readRemoteFiles(host, ['/srv/rbtest/app.env', '/srv/rbtest/motd']);
      expect(files).toEqual({ '/srv/rbtest/app.env': `SITE=shop.rbtest.local\nAPI_TOKEN=${TOKEN}\n`, '/srv/rbtest/motd': `managed by runbook on ${host.name}\n` });
    }

    const again = await run('apply', 'plan.json', '--yes');
    expect(again.code, describeRun(again)).toBe(7);
    expect(again.stderr).toMatch(/plan\.json was already applied .*a plan applies once/);
  });

  it('applies nothing on any host when one host drifted, naming the host and the path', async () => {
    await fresh();
    await plan();
    const { h2, h3 } = engineHosts();
    await sshOk(h3, "echo '10.9.9.9 edited.by.hand' >> /etc/hosts");
    const before = await Promise.all([snapshot(h2), snapshot(h3)]);
    const r = await run('apply', 'plan.json', '--yes');
    expect(r.code, describeRun(r)).toBe(7);
    expect(r.output).toMatch(/lab-h3: file \/etc\/hosts changed since the plan: .*content differs/);
    expect(r.output).not.toMatch(/lab-h2: file .* since the plan/);
    expect(r.stderr).toContain('nothing was applied on any host');
    expect(await Promise.all([snapshot(h2), snapshot(h3)])).toEqual(before);
  });

  it('refuses a changed byte, an expired plan and an edited template before touching a host; the plan still applies after', async () => {
    await fresh();
    await plan();
    const { h2, h3 } = engineHosts();
    const before = await Promise.all([snapshot(h2), snapshot(h3)]);
    const file = join(project(), 'plan.json');
    const text = readFileSync(file, 'utf8');

    writeFileSync(file, text.replace('"outcome": "change"', '"outcome": "chang3"'));
    const tampered = await run('apply', 'plan.json', '--yes');
    expect(tampered.code, describeRun(tampered)).toBe(7);
    expect(tampered.stderr).toContain('the plan file is not as it was written (its MAC does not match)');
    writeFileSync(file, text);

    await new Promise((r) => setTimeout(r, 1100));
    const expired = await run('apply', 'plan.json', '--yes', '--max-age', '1s');
    expect(expired.code, describeRun(expired)).toBe(7);
    expect(expired.stderr).toMatch(/older than --max-age 1 s/);

    const template = join(project(), 'roles/web_site/templates/site.conf.njk');
    const original = readFileSync(template, 'utf8');
    appendFileSync(template, '# edited after the plan\n');
    const edited = await run('apply', 'plan.json', '--yes', '--json');
    expect(edited.code, describeRun(edited)).toBe(7);
    expect((JSON.parse(edited.stdout) as ApplyJson).refused).toEqual(['source roles/web_site/templates/site.conf.njk changed since the plan was made']);
    expect(await Promise.all([snapshot(h2), snapshot(h3)])).toEqual(before);

    writeFileSync(template, original);
    const applied = await run('apply', 'plan.json', '--yes');
    expect(applied.code, describeRun(applied)).toBe(0);
  });

  it('reports a change that does not stick on one host as not converged (exit 8); the other host is verified', async () => {
    await fresh();
    writeFileSync(
      join(project(), 'unstable.yaml'),
      [
        '- hosts: web',
        '  tasks:',
        '    - name: settings file',
        '      copy: { content: "wanted\\n", dest: /srv/rbtest/settings.conf }',
        '      notify: rewrite settings',
        '  handlers:',
        '    - name: rewrite settings',
        '      command: echo other > /srv/rbtest/settings.conf',
        '      when: inventory_hostname == "lab-h3"',
        '',
      ].join('\n'),
    );
    await Promise.all(both().map((h) => sshOk(h, 'mkdir -p /srv/rbtest')));
    await plan('unstable.yaml');
    const r = await run('apply', 'plan.json', '--yes', '--json');
    expect(r.code, describeRun(r)).toBe(8);
    const doc = JSON.parse(r.stdout) as ApplyJson;
    expect(doc.hosts['lab-h2']).toMatchObject({ changed: 1, verified: true });
    expect(doc.hosts['lab-h3']).toMatchObject({ verified: false });
    expect(doc.notConverged).toEqual([
      expect.objectContaining({ host: 'lab-h3', task: 'settings file', location: 'unstable.yaml:3', diff: expect.stringContaining('-other\n+wanted') }),
    ]);
    expect(r.stderr).toContain('applied but not converged: task "settings file" (unstable.yaml:3)');
  });

  it('applies a pamd change planned earlier: the file gets the time the plan was made, so the plan is not stale', async () => {
    await fresh();
    writeFileSync(
      join(project(), 'pam.yaml'),
      [
        '- hosts: web',
        '  tasks:',
        '    - name: unix auth is requisite',
        '      pamd: { name: demo, path: /srv/rbtest/pam.d, type: auth, control: required, module_path: pam_unix.so, new_control: requisite }',
        '',
      ].join('\n'),
    );
    await Promise.all(both().map((h) => sshOk(h, "mkdir -p /srv/rbtest/pam.d && printf 'auth required pam_unix.so\\n' > /srv/rbtest/pam.d/demo")));
    await plan('pam.yaml');
    const created = (JSON.parse(readFileSync(join(project(), 'plan.json'), 'utf8')) as { created: string }).created;
    await new Promise((r) => setTimeout(r, 1100));
    const r = await run('apply', 'plan.json', '--yes');
    expect(r.code, describeRun(r)).toBe(0);
    const stamp = new Date(created);
    const two = (n: number) => String(n).padStart(2, '0');
    const minute = `${stamp.getFullYear()}-${two(stamp.getMonth() + 1)}-${two(stamp.getDate())}T${two(stamp.getHours())}:${two(stamp.getMinutes())}:${two(stamp.getSeconds())}`;
    for (const host of both()) {
      const file = (await readRemoteFiles(host, ['/srv/rbtest/pam.d/demo']))['/srv/rbtest/pam.d/demo'];
      expect(file).toMatch(/^auth\s+requisite\s+pam_unix\.so$/m);
      expect(file).toContain(`# Updated by Ansible - ${minute}`);
    }
  });
});
