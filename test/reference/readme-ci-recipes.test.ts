// README's CI recipes ("CI: plan on the pull request, apply the same plan on merge") work as written: each is valid
// YAML for its service, passes every secret the inventory reads, and its `runbook` commands, run word for word, plan in
// one checkout and apply that plan in another (a fresh state folder, the same RUNBOOK_PLAN_KEY) over the local connection.
// The services' own steps (artifacts, comments, their APIs) are stood in for: plan.json copied, or zipped for GitLab.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { CLI_MAIN } from '../cli/run-cli.js';

const ROOT = resolve(import.meta.dirname, '../..');
const SECRETS = { DB_PASSWORD: 'ci-db-pass-1234', KEEPALIVED_AUTH_PASS: 'ci-vrrp1', TENCENTCLOUD_SECRET_ID: 'AKIDci', TENCENTCLOUD_SECRET_KEY: 'ci-cloud-key' };

interface Recipe {
  name: 'github' | 'gitlab';
  doc: Record<string, any>;
  /** Shell lines of the plan job, then of the apply job, in order (before_script first). */
  plan: string[];
  apply: string[];
}

function recipes(): Recipe[] {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const start = readme.indexOf('### CI: plan on the pull request, apply the same plan on merge');
  expect(start, 'README has the CI section').toBeGreaterThan(0);
  const section = readme.slice(start, readme.indexOf('\n## ', start));
  const blocks = [...section.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]!);
  expect(blocks).toHaveLength(2);
  const docs = blocks.map((text) => {
    const doc = parseDocument(text);
    expect(doc.errors.map((e) => e.message)).toEqual([]);
    return doc.toJS() as Record<string, any>;
  });
  const [github, gitlab] = docs as [Record<string, any>, Record<string, any>];
  const runs = (job: string) => (github.jobs[job].steps as Array<{ run?: string }>).flatMap((s) => (s.run ? [s.run] : []));
  const scripts = (job: string) => [...(gitlab.default?.before_script ?? []), ...gitlab[job].script] as string[];
  return [
    { name: 'github', doc: github, plan: runs('plan'), apply: runs('apply') },
    { name: 'gitlab', doc: gitlab, plan: scripts('plan'), apply: scripts('apply') },
  ];
}

/** The lines we can run here: ours and plain shell; npm ci, gh and curl talk to services and are left out. */
const runnable = (lines: string[]) => lines.filter((l) => /runbook|~\/\.ssh/.test(l) && !/^(npm ci|gh |curl |MR=)/.test(l.trim()));

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

/** A checkout: runbooks/ha.yaml and inventory/hosts.yaml as the recipes name them, over the local connection. */
function checkout(at: string, target: string): void {
  mkdirSync(join(at, 'runbooks'), { recursive: true });
  mkdirSync(join(at, 'inventory'));
  const envs = Object.keys(SECRETS).map((name) => `    ${name.toLowerCase()}: !env ${name}`);
  writeFileSync(join(at, 'inventory/hosts.yaml'), ['all:', '  vars:', ...envs, '  hosts:', `    h1: { connection: local, root: ${target} }`, ''].join('\n'));
  writeFileSync(
    join(at, 'runbooks/ha.yaml'),
    ['- hosts: all', '  tasks:', '    - name: app config', '      copy: { content: "pw={{ db_password }}\\n", dest: "{{ root }}/app.conf", mode: "0600" }', ''].join('\n'),
  );
}

function sh(line: string, cwd: string, env: Record<string, string>) {
  return spawnSync('bash', ['-eo', 'pipefail', '-c', line], { cwd, env: { ...process.env, ...env }, encoding: 'utf8', timeout: 60_000 });
}

describe('README CI recipes', () => {
  it('pass every secret the repository inventory reads, and name only stages that exist', () => {
    const [github, gitlab] = recipes();
    const inventory = readFileSync(join(ROOT, 'inventory/hosts.yaml'), 'utf8');
    const needed = [...inventory.matchAll(/!env (\w+)/g)].map((m) => m[1]!).concat('TENCENTCLOUD_SECRET_ID', 'TENCENTCLOUD_SECRET_KEY', 'RUNBOOK_PLAN_KEY');
    expect(Object.keys(github!.doc.env)).toEqual(expect.arrayContaining(needed));
    for (const job of ['plan', 'apply']) expect(gitlab!.doc.stages).toContain(gitlab!.doc[job].stage);
  });

  it.each(['github', 'gitlab'] as const)('%s: the plan job\'s commands save a plan that the apply job\'s commands apply in another checkout', (name) => {
    const recipe = recipes().find((r) => r.name === name)!;
    dir = mkdtempSync(join(tmpdir(), `runbook-ci-${name}-`));
    const bin = join(dir, 'bin');
    mkdirSync(bin);
    // `npx runbook` as in a checkout of this repository after `npm ci`: the built CLI.
    writeFileSync(join(bin, 'npx'), `#!/bin/sh\n[ "$1" = runbook ] || exit 127\nshift\nexec "${process.execPath}" "${CLI_MAIN}" "$@"\n`);
    chmodSync(join(bin, 'npx'), 0o755);
    const target = join(dir, 'host');
    mkdirSync(target);
    const job = (what: 'plan' | 'apply') => {
      const at = join(dir!, what);
      checkout(at, target);
      const home = join(dir!, `home-${what}`);
      mkdirSync(home);
      const env = {
        ...SECRETS, CI: 'true', HOME: home, PATH: `${bin}:${process.env.PATH}`, RUNBOOK_PLAN_KEY: key,
        XDG_STATE_HOME: join(home, 'state'), RUNBOOK_STATE_DIR: join(home, 'runbook'), SSH_KEY: 'not-a-real-key', SSH_KNOWN_HOSTS: 'h1 ssh-ed25519 AAAA',
      };
      return { at, home, env };
    };
    const key = randomBytes(32).toString('hex');

    const plan = job('plan');
    for (const line of runnable(recipe.plan)) {
      const r = sh(line, plan.at, plan.env);
      expect(r.status, `${line}\n${r.stdout}\n${r.stderr}`).toBe(0);
    }
    expect(statSync(join(plan.home, '.ssh/id_ed25519')).mode & 0o777).toBe(0o600);
    expect(readFileSync(join(plan.at, 'plan.txt'), 'utf8')).toContain('Saved plan plan.json: 1 change on 1 host(s)');
    expect(existsSync(join(target, 'app.conf'))).toBe(false);

    const apply = job('apply');
    // The artifact as each service hands it over: the file itself, or GitLab's zip of the job's paths.
    if (name === 'github') cpSync(join(plan.at, 'plan.json'), join(apply.at, 'plan.json'));
    else expect(spawnSync('zip', ['-j', join(apply.at, 'plan.zip'), join(plan.at, 'plan.json')]).status).toBe(0);
    for (const line of runnable(recipe.apply)) {
      const r = sh(line, apply.at, apply.env);
      expect(r.status, `${line}\n${r.stdout}\n${r.stderr}`).toBe(0);
    }
    expect(readFileSync(join(target, 'app.conf'), 'utf8')).toBe(`pw=${SECRETS.DB_PASSWORD}\n`);
  });
});
