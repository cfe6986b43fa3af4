// Secrets: never in any output of the fault suite (this file runs last and greps every log), redacted in diffs and in failing commands' output.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeRun, labInfo, labSkipReason, resetLabHosts, sshOk, type LabHostInfo } from '../helpers/index.js';
import { faultHosts } from './fault-hosts.js';
import { createFaultProject, parseJson, type FaultProject } from './fault-project.js';
import { ALL_SECRETS, FAULT_ENV_SECRET, FAULT_SECRET, FAULT_SHORT_SECRET, readOutputLogs, secretLeaks } from './fault-secrets.js';

const lab = labInfo();
if (!lab) console.warn(`[lab] skipped: ${labSkipReason()}`);

describe.skipIf(!lab)('secrets', () => {
  let A: LabHostInfo;
  let project: FaultProject;
  const run = (cmd: string, runbook: string, ...extra: string[]) =>
    project.run([cmd, runbook, '-i', project.inventory, '--limit', A.name, ...(cmd === 'apply' ? ['--yes'] : []), ...extra]);

  beforeAll(async () => {
    [A] = faultHosts();
    await resetLabHosts([A.name]);
    project = createFaultProject('secrets', 'zz-secrets', [A]);
  });
  afterAll(() => project?.remove());

  it('a failing command that echoes the secrets: its output is shown with <redacted>, in the log and in the JSON (exit 2)', async () => {
    const check = await run('check', 'echo-fail.yaml');
    expect(check.code, describeRun(check)).toBe(0);
    expect(check.stdout, 'the command shown in the plan').toContain("echo 'token=<redacted>'");

    const r = await run('apply', 'echo-fail.yaml', '--json');
    expect(r.code, describeRun(r)).toBe(2);
    const message = parseJson(r).errors.find((e) => e.task === 'leaky command')?.message ?? '';
    expect(message).toContain('exit 3');
    expect(message).toContain('token=<redacted>');
    expect(message).toContain('env=<redacted> short=<redacted>');
    expect(r.stderr).toContain('env=<redacted> short=<redacted>');
    expect(secretLeaks(r.output)).toEqual([]);
  });

  it('a file holding secrets: its diff shows <redacted> (plan, apply, JSON, plan -o), its backup name holds none, the host gets the real values', async () => {
    const first = await run('apply', 'secret-file.yaml', '--json');
    expect(first.code, describeRun(first)).toBe(0);
    const diff = parseJson(first).changes[0]?.diff ?? '';
    expect(diff).toContain('+password = <redacted>');
    expect(diff).toContain('+env_token = <redacted>');
    expect(diff).toContain('+vrrp_pass = <redacted>');

    const check = await run('check', 'secret-file.yaml', '-e', 'generation=2');
    expect(check.stdout).toContain('-# generation 1');
    expect(check.stdout).toContain(' password = <redacted>');
    const planFile = join(project.dir, 'plan.json');
    const plan = await run('plan', 'secret-file.yaml', '-e', 'generation=2', '-o', planFile);
    expect(plan.code, describeRun(plan)).toBe(0);
    expect(secretLeaks(readFileSync(planFile, 'utf8'))).toEqual([]);

    const second = await run('apply', 'secret-file.yaml', '-e', 'generation=2', '--json');
    expect(second.code, describeRun(second)).toBe(0);
    expect(await sshOk(A, 'cat /var/tmp/faults-credentials.conf')).toBe(
      `# generation 2\npassword = ${FAULT_SECRET}\nenv_token = ${FAULT_ENV_SECRET}\nvrrp_pass = ${FAULT_SHORT_SECRET}\n`,
    );
    const names = await sshOk(A, 'ls /var/tmp | grep faults-credentials');
    expect(names).toMatch(/faults-credentials\.conf\.\d{14}\.bak/);
    expect(secretLeaks(names)).toEqual([]);
  });

  it('`runbook inventory --host` shows the secrets masked', async () => {
    const r = await project.run(['inventory', '-i', project.inventory, '--host', A.name]);
    expect(r.code, describeRun(r)).toBe(0);
    expect(r.stdout).toContain('fault_secret');
    expect(secretLeaks(r.output)).toEqual([]);
  });

  it('no secret in any stdout, stderr or JSON of the whole fault suite', () => {
    const logs = readOutputLogs();
    expect(logs.map((l) => l.file).some((f) => f.endsWith('zz-secrets.log'))).toBe(true);
    const total = logs.reduce((n, l) => n + l.text.length, 0);
    expect(total, 'the suite produced output to search').toBeGreaterThan(1000);
    // The secrets are known to have reached the runs: the redaction marker shows up.
    expect(logs.some((l) => l.text.includes('<redacted>'))).toBe(true);
    const leaks = logs.flatMap((l) => secretLeaks(l.text).map((s) => `${l.file}: ${s}`));
    expect(leaks, `secrets (${ALL_SECRETS.length} values) leaked`).toEqual([]);
  });
});
