// `zx:` tasks end to end over the local connection: inline code and a src file, --check, register, secrets, located failures, timeout.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { describeRun } from './run-cli.js';
import { createLocalProject } from './local-project.js';

const project = createLocalProject('zx');
const { dir } = project;
afterAll(() => project.remove());
writeFileSync(join(dir, 'inv.yaml'), 'all:\n  vars:\n    token: !secret "tok-9f8e7d6c"\n  hosts:\n    me: { connection: local }\n');
mkdirSync(join(dir, 'drills'));
writeFileSync(
  join(dir, 'drills', 'flag.mjs'),
  [
    '// @ts-check',
    '/** @param {import("runbook/zx").ZxContext<{ file: string }>} ctx */',
    'export async function check({ $, args, changed }) {',
    '  if ((await $`cat ${args.file}`.nothrow()).stdout !== "on\\n") changed(`switch ${args.file} on`);',
    '}',
    '/** @param {import("runbook/zx").ZxContext<{ file: string }>} ctx */',
    'export default async function ({ $, args, changed, host }) {',
    '  await $`echo on > ${args.file}`;',
    '  changed(`switched ${args.file} on`);',
    '  return { token: host.vars.token, address: host.address };',
    '}',
    '',
  ].join('\n'),
);
project.writeRunbook('site.yaml', [
  '- name: zx tasks',
  '  hosts: me',
  '  tasks:',
  '    - name: inline',
  '      zx:',
  '        code: |',
  `          await $\`touch ${dir}/inline-ran\`;`,
  '          log("token is", host.vars.token);',
  '          changed("touched");',
  '          return (await $`printf %s ${host.vars.token}`).stdout;',
  '      register: inline',
  '    - name: flag',
  `      zx: { src: drills/flag.mjs, args: { file: ${dir}/flag } }`,
  '      register: flag',
  '    - name: results',
  `      copy: { content: "{{ inline.changed }} {{ inline.changes[0] }} {{ flag.result.address }} {{ flag.result.token }}\\n", dest: ${dir}/results }`,
  '',
]);

describe('zx tasks', () => {
  it('under --check: a script without check() is ? and does not run; check() reports what would change', async () => {
    const r = await project.check('site.yaml');
    expect(r.code, describeRun(r)).toBe(0);
    expect(r.stdout).toMatch(/\? inline \[zx\].*\n.*would run \(the script exports no check\)/);
    expect(r.stdout).toContain(`run drills/flag.mjs (switch ${dir}/flag on)`);
    expect(existsSync(join(dir, 'inline-ran'))).toBe(false);
    expect(existsSync(join(dir, 'flag'))).toBe(false);
  });

  it('apply runs both on the host; register keeps the return value; the secret is never printed', async () => {
    const r = await project.apply('site.yaml');
    expect(r.code, describeRun(r)).toBe(0);
    expect(existsSync(join(dir, 'inline-ran'))).toBe(true);
    expect(readFileSync(join(dir, 'flag'), 'utf8')).toBe('on\n');
    expect(readFileSync(join(dir, 'results'), 'utf8')).toBe('True touched me <redacted>\n');
    expect(r.output).toContain('me: token is <redacted>');
    expect(r.output).not.toContain('tok-9f8e7d6c');
    // Now check() finds nothing to change: the file task is `=`; the inline one is still `?` (it has no check).
    const again = await project.check('site.yaml');
    expect(again.code, describeRun(again)).toBe(0);
    expect(again.stdout).toContain('0 to change, 2 unknown, 1 unchanged');
    expect(again.stdout).not.toContain('flag [zx]');
  });

  it("fails the task at the script's line, and bounds a script that never ends by the task's timeout", async () => {
    project.writeRunbook('fail.yaml', [
      '- name: failing zx',
      '  hosts: me',
      '  tasks:',
      '    - name: broken',
      '      zx:',
      '        code: |',
      '          log("first");',
      '          await $`echo nope >&2; exit 5`;',
      '',
    ]);
    const r = await project.apply('fail.yaml');
    expect(r.code, describeRun(r)).toBe(2);
    expect(r.output).toContain('fail.yaml:8: exit code 5: echo nope >&2; exit 5\nnope');
    project.writeRunbook('stuck.yaml', [
      '- name: stuck zx',
      '  hosts: me',
      '  tasks:',
      '    - name: stuck',
      '      zx: { code: "await sleep(600000)" }',
      '      timeout: 1',
      '',
    ]);
    const stuck = await project.apply('stuck.yaml');
    expect(stuck.code, describeRun(stuck)).toBe(2);
    expect(stuck.output).toContain("stuck.yaml:5: timed out after 1 s (the task's timeout:)");
    expect(stuck.ms).toBeLessThan(15_000);
  });
});

describe('runbooks/failover-drill.yaml over the local connection (no keepalived pair here)', () => {
  it('refuses in the plan, located in the drill script, running nothing', async () => {
    const drill = fileURLToPath(new URL('../../runbooks/failover-drill.yaml', import.meta.url));
    writeFileSync(join(dir, 'pair.yaml'), 'all:\n  vars: { vip: 192.0.2.99 }\n  children:\n    lb:\n      hosts:\n        lb1: { connection: local }\n        lb2: { connection: local }\n');
    const r = await project.run('check', drill, '-i', 'pair.yaml');
    expect(r.code, describeRun(r)).toBe(2);
    expect(r.stdout).toMatch(/drills\/failover\.mjs:\d+: refusing to start the drill: .*nothing answers healthz through 192\.0\.2\.99/);
  });
});
