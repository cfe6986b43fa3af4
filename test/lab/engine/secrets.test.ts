// A secret reaches its file on the host and no output: check, apply, --json, plan -o, drift diffs, a failing command that echoes it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeRun, labInfo, labSkipReason, runCli, sshOk, type CliResult } from '../helpers/index.js';
import { engineHosts, FIXTURES, parseJson, PROJECT, resetHosts, TOKEN, useSiteWorkspace, writeSiteInventory } from './engine-fixture.js';

const lab = labInfo();
if (!lab) console.warn(`[lab] skipped: ${labSkipReason()}`);

/** A second secret, given through the environment (`!env`). */
const ENV_TOKEN = 'envtok-Kp42-rbtest-secret';

describe.skipIf(!lab)('engine end to end: secrets', () => {
  const ws = useSiteWorkspace();
  const runs: Array<{ what: string; r: CliResult }> = [];
  const run = async (what: string, args: string[], opts: { cwd?: string; env?: Record<string, string> } = {}) => {
    const r = await runCli(args, { cwd: opts.cwd ?? PROJECT, env: opts.env, timeoutMs: 60_000 });
    runs.push({ what, r });
    return r;
  };

  it('renders the secret into the file on the host, shows <redacted> in diffs, and prints it nowhere', async () => {
    const { h2, h3 } = engineHosts();
    await resetHosts([h2, h3], 'stopped');

    const check = await run('check', ['check', 'site.yaml', '-i', ws.inv, '-v']);
    expect(check.code, describeRun(check)).toBe(0);
    expect(check.stdout).toContain('+API_TOKEN=<redacted>');

    const checkJson = await run('check --json', ['check', 'site.yaml', '-i', ws.inv, '--json']);
    expect(checkJson.code, describeRun(checkJson)).toBe(0);
    const envDiff = parseJson(checkJson).changes.find((c) => c.host === 'lab-h2' && c.path === '/srv/rbtest/app.env')?.diff;
    expect(envDiff).toContain('+API_TOKEN=<redacted>');

    const planFile = join(ws.dir, 'plan.json');
    const plan = await run('plan -o', ['plan', 'site.yaml', '-i', ws.inv, '-o', planFile]);
    expect(plan.code, describeRun(plan)).toBe(0);
    const planText = readFileSync(planFile, 'utf8');
    expect(planText).toContain('API_TOKEN=<redacted>');
    expect(planText).not.toContain(TOKEN);

    const apply = await run('apply --json', ['apply', 'site.yaml', '-i', ws.inv, '--yes', '--json']);
    expect(apply.code, describeRun(apply)).toBe(0);
    for (const h of [h2, h3]) expect(await sshOk(h, 'grep ^API_TOKEN= /srv/rbtest/app.env')).toBe(`API_TOKEN=${TOKEN}\n`);

    // Drift on the secret's line: both sides of the diff are shown, the secret in neither.
    await sshOk(h2, `sed -i 's/^API_TOKEN=.*/API_TOKEN=${TOKEN}-old/' /srv/rbtest/app.env`);
    const repair = await run('apply (drift)', ['apply', 'site.yaml', '-i', ws.inv, '--yes']);
    expect(repair.code, describeRun(repair)).toBe(0);
    // The removed line is masked whole from the secret on: an old value is as secret as the new one.
    expect(repair.stdout).toMatch(/^\s*-API_TOKEN=<redacted>$/m);
    expect(repair.stdout).toContain('+API_TOKEN=<redacted>');
    expect(await sshOk(h2, 'grep ^API_TOKEN= /srv/rbtest/app.env')).toBe(`API_TOKEN=${TOKEN}\n`);
  });

  it('redacts the secret from a failing command that prints it on stdout and stderr (exit 2)', async () => {
    for (const json of [true, false]) {
      const r = await run(`secret-fail${json ? ' --json' : ''}`, ['apply', 'secret-fail.yaml', '-i', ws.inv, '--yes', ...(json ? ['--json'] : [])], { cwd: FIXTURES });
      expect(r.code, describeRun(r)).toBe(2);
      expect(r.output).toContain('out-token=<redacted>');
      expect(r.output).toContain('err-token=<redacted>');
      if (json) {
        const doc = parseJson(r);
        for (const host of ['lab-h2', 'lab-h3']) {
          const message = doc.errors.find((e) => e.host === host)?.message ?? '';
          expect(message).toContain('out-token=<redacted>');
          expect(message).toContain('err-token=<redacted>');
        }
      }
    }
  });

  it('no output of any run above holds a secret', () => {
    expect(runs.length).toBeGreaterThanOrEqual(7);
    const leaks = runs.filter(({ r }) => r.output.includes(TOKEN)).map(({ what }) => what);
    expect(leaks).toEqual([]);
  });

  it('rotating the secret (now from !env) shows the change without printing the old or the new value', async () => {
    const { h2, h3 } = engineHosts();
    // The hosts hold TOKEN (applied above); the new inventory gives ENV_TOKEN through the environment.
    for (const h of [h2, h3]) expect(await sshOk(h, 'grep ^API_TOKEN= /srv/rbtest/app.env')).toBe(`API_TOKEN=${TOKEN}\n`);
    const envInv = writeSiteInventory(join(ws.dir, 'env-token.yaml'), { token: 'env' });
    const env = { RBTEST_API_TOKEN: ENV_TOKEN };

    const inventory = await runCli(['inventory', '-i', envInv, '--host', 'lab-h2'], { cwd: PROJECT, env, timeoutMs: 30_000 });
    expect(inventory.code, describeRun(inventory)).toBe(0);
    expect(inventory.stdout).toContain('api_token: "<redacted>"');
    expect(inventory.output).not.toContain(ENV_TOKEN);

    const check = await runCli(['check', 'site.yaml', '-i', envInv, '--json'], { cwd: PROJECT, env, timeoutMs: 60_000 });
    expect(check.code, describeRun(check)).toBe(0);
    const diff = parseJson(check).changes.find((c) => c.host === 'lab-h3' && c.path === '/srv/rbtest/app.env')?.diff ?? '';
    expect(diff).toContain('+API_TOKEN=<redacted>');
    expect(check.output, 'the new value is printed').not.toContain(ENV_TOKEN);
    // The old value was a secret too: it is in the host's file, and must not reach a CI log through the diff's "-" line.
    expect(check.output, 'the old value is printed').not.toContain(TOKEN);
  });
});
