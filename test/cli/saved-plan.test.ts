// Saved plans end to end through the CLI over the local connection: `plan -o FILE`, then `apply FILE`
// exactly, or nothing (exit 7) when a host, a source, the file, its age or its single use say no;
// and every apply verified (exit 8 when a change does not stick).
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { describeRun, runCli } from './run-cli.js';

const SECRET = 'pl4n-s3cret-value';

function project() {
  const dir = mkdtempSync(join(tmpdir(), 'runbook-saved-plan-'));
  for (const d of ['d1', 'd2']) mkdirSync(join(dir, d));
  const env = { CI: 'true', RUNBOOK_STATE_DIR: join(dir, 'state'), XDG_STATE_HOME: join(dir, 'xdg'), PLAN_TOKEN: SECRET };
  const write = (file: string, lines: string[]) => writeFileSync(join(dir, file), `${lines.join('\n')}\n`);
  const hosts = (names: string[]) => ['all:', '  vars:', '    token: !env PLAN_TOKEN', '  hosts:', ...names.map((n, i) => `    ${n}: { connection: local, root: ${join(dir, `d${i + 1}`)} }`)];
  write('one.yaml', hosts(['h1']));
  write('two.yaml', hosts(['h1', 'h2']));
  write('a.conf.j2', ['name={{ inventory_hostname }}', 'token={{ token }}']);
  write('site.yaml', [
    '- hosts: all',
    '  tasks:',
    '    - name: write a',
    '      template: { src: a.conf.j2, dest: "{{ root }}/a.conf", mode: "0644" }',
    '    - name: write b',
    '      copy: { content: "hello\\n", dest: "{{ root }}/b.txt" }',
  ]);
  const run = (...args: string[]) => runCli(args, { cwd: dir, env });
  return { dir, env, write, run, read: (file: string) => readFileSync(join(dir, file), 'utf8'), exists: (file: string) => existsSync(join(dir, file)) };
}

let current: ReturnType<typeof project> | undefined;
afterEach(() => {
  if (current) rmSync(current.dir, { recursive: true, force: true });
  current = undefined;
});
function start() {
  current = project();
  return current;
}

describe('runbook plan -o FILE, then runbook apply FILE', { timeout: 90_000 }, () => {
  it('applies exactly the planned changes, verified, and keeps the key 0600 in the state dir', async () => {
    const p = start();
    const planned = await p.run('plan', 'site.yaml', '-i', 'one.yaml', '-o', 'plan.json');
    expect(planned.code, describeRun(planned)).toBe(0);
    expect(planned.stdout).toContain('Saved plan plan.json: 2 changes');
    expect(planned.stdout).toMatch(/--max-age, 24 h by default/);
    const plan = JSON.parse(p.read('plan.json'));
    expect(plan.format).toBe('runbook-plan/1');
    expect(plan.hosts[0].tasks.map((t: { name: string }) => t.name)).toEqual(['write a', 'write b']);
    expect(plan.sources.map((s: { path: string }) => s.path)).toEqual(['a.conf.j2', 'one.yaml', 'site.yaml']);
    expect(plan.secrets).toEqual([{ origin: expect.stringContaining('PLAN_TOKEN'), digest: expect.stringMatching(/^hmac-sha256:/) }]);
    expect(p.exists('d1/a.conf')).toBe(false);

    const applied = await p.run('apply', 'plan.json', '--yes', '--json');
    expect(applied.code, describeRun(applied)).toBe(0);
    const doc = JSON.parse(applied.stdout);
    expect(doc.changes).toHaveLength(plan.changes);
    expect(doc.hosts.h1).toMatchObject({ changed: 2, verified: true });
    expect(p.read('d1/a.conf')).toBe(`name=h1\ntoken=${SECRET}\n`);
    expect(applied.stderr).toContain('verified: planned again after the apply, nothing left to change');
    const keyFile = join(p.env.XDG_STATE_HOME, 'runbook', 'plan.key');
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
  });

  it('refuses the same plan twice', async () => {
    const p = start();
    await p.run('plan', 'site.yaml', '-i', 'one.yaml', '-o', 'plan.json');
    expect((await p.run('apply', 'plan.json', '--yes')).code).toBe(0);
    const again = await p.run('apply', 'plan.json', '--yes');
    expect(again.code, describeRun(again)).toBe(7);
    expect(again.stderr).toMatch(/plan\.json was already applied .*a plan applies once/);
  });

  it('applies nothing on any host when one host drifted, naming the host, the path and what changed', async () => {
    const p = start();
    await p.run('plan', 'site.yaml', '-i', 'two.yaml', '-o', 'plan.json');
    p.write('d2/b.txt', ['edited by hand']);
    chmodSync(join(p.dir, 'd2'), 0o700);
    const applied = await p.run('apply', 'plan.json', '--yes');
    expect(applied.code, describeRun(applied)).toBe(7);
    expect(applied.output).toContain(`h2: file ${join(p.dir, 'd2/b.txt')} was created (file) since the plan`);
    expect(applied.output).toContain(`h2: file ${join(p.dir, 'd2')} changed since the plan: mode 0755 -> 0700`);
    expect(applied.output).toContain('nothing was applied on any host');
    expect(p.exists('d1/a.conf') || p.exists('d1/b.txt')).toBe(false);
    expect(p.read('d2/b.txt')).toBe('edited by hand\n');
  });

  it('refuses a plan whose template was edited since, naming it, before contacting any host', async () => {
    const p = start();
    await p.run('plan', 'site.yaml', '-i', 'one.yaml', '-o', 'plan.json');
    p.write('a.conf.j2', ['name={{ inventory_hostname }}', 'edited']);
    const applied = await p.run('apply', 'plan.json', '--yes', '--json');
    expect(applied.code, describeRun(applied)).toBe(7);
    expect(JSON.parse(applied.stdout).refused).toEqual(['source a.conf.j2 changed since the plan was made']);
    expect(p.exists('d1/a.conf')).toBe(false);
  });

  it('refuses a plan file with one byte changed', async () => {
    const p = start();
    await p.run('plan', 'site.yaml', '-i', 'one.yaml', '-o', 'plan.json');
    const text = p.read('plan.json');
    writeFileSync(join(p.dir, 'plan.json'), text.replace('"outcome": "change"', '"outcome": "chang3"'));
    const applied = await p.run('apply', 'plan.json', '--yes');
    expect(applied.code, describeRun(applied)).toBe(7);
    expect(applied.stderr).toContain('the plan file is not as it was written (its MAC does not match)');
    expect(p.exists('d1/a.conf')).toBe(false);
  });

  it('refuses a plan older than --max-age', async () => {
    const p = start();
    await p.run('plan', 'site.yaml', '-i', 'one.yaml', '-o', 'plan.json');
    await new Promise((r) => setTimeout(r, 1100));
    const applied = await p.run('apply', 'plan.json', '--yes', '--max-age', '1s');
    expect(applied.code, describeRun(applied)).toBe(7);
    expect(applied.stderr).toMatch(/older than --max-age 1 s/);
    expect(p.exists('d1/a.conf')).toBe(false);
  });

  it('holds no trace of a secret: not its value, nor an unkeyed hash of it or of a file rendered with it', async () => {
    const p = start();
    await p.run('plan', 'site.yaml', '-i', 'one.yaml', '-o', 'plan.json');
    const text = p.read('plan.json');
    const sha = (s: string) => createHash('sha256').update(s).digest('hex');
    for (const trace of [SECRET, sha(SECRET), sha(`name=h1\ntoken=${SECRET}\n`), Buffer.from(SECRET).toString('base64')]) expect(text).not.toContain(trace);
    expect(text).toContain('<redacted>');
    // The secret is a reference, read again at apply: another value refuses the plan.
    const rotated = await runCli(['apply', 'plan.json', '--yes'], { cwd: p.dir, env: { ...p.env, PLAN_TOKEN: 'another-value' } });
    expect(rotated.code, describeRun(rotated)).toBe(7);
    expect(rotated.stderr).toMatch(/secret .*PLAN_TOKEN has another value than when the plan was made/);
  });

  it('refuses options the plan fixed', async () => {
    const p = start();
    await p.run('plan', 'site.yaml', '-i', 'one.yaml', '-o', 'plan.json');
    const applied = await p.run('apply', 'plan.json', '--yes', '--limit', 'h1');
    expect(applied.code).toBe(5);
  });
});

describe('every apply is verified', { timeout: 90_000 }, () => {
  it('reports a change that does not stick (a handler rewrites the file) as not converged, exit 8', async () => {
    const p = start();
    p.write('nc.yaml', [
      '- hosts: all',
      '  tasks:',
      '    - name: write c',
      '      copy: { content: "wanted\\n", dest: "{{ root }}/c.txt" }',
      '      notify: rewrite c',
      '  handlers:',
      '    - name: rewrite c',
      '      command: "echo other > {{ root }}/c.txt"',
    ]);
    const applied = await p.run('apply', 'nc.yaml', '-i', 'one.yaml', '--yes', '--json');
    expect(applied.code, describeRun(applied)).toBe(8);
    const doc = JSON.parse(applied.stdout);
    expect(doc.hosts.h1.verified).toBe(false);
    expect(doc.notConverged).toEqual([expect.objectContaining({ host: 'h1', task: 'write c', location: 'nc.yaml:3', diff: expect.stringContaining('-other\n+wanted') })]);
    expect(applied.stderr).toContain('applied but not converged: task "write c" (nc.yaml:3)');
    const unverified = await p.run('apply', 'nc.yaml', '-i', 'one.yaml', '--yes', '--json', '--no-verify');
    expect(unverified.code, describeRun(unverified)).toBe(0);
    expect(JSON.parse(unverified.stdout).hosts.h1.verified).toBe(false);
  });

  it('costs no exec on a no-change run, and one per changed host otherwise', async () => {
    const p = start();
    const first = await p.run('apply', 'site.yaml', '-i', 'one.yaml', '--yes', '--stats');
    const again = await p.run('apply', 'site.yaml', '-i', 'one.yaml', '--yes', '--json');
    expect(first.code, describeRun(first)).toBe(0);
    expect(again.code, describeRun(again)).toBe(0);
    expect(JSON.parse(again.stdout).hosts.h1).toMatchObject({ changed: 0, execs: 1, verified: true });
    expect(again.stderr).not.toContain('verified: planned again');
  });
});
