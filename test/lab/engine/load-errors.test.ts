// A broken runbook stops before any host (exit 4, file:line); `validate` and `inventory` work without contacting hosts.
import { rmSync } from 'node:fs';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeRun, labInfo, labSkipReason, runCli, writeLabInventory } from '../helpers/index.js';
import { FIXTURES, makeWorkDir, PROJECT, TOKEN, writeSiteInventory } from './engine-fixture.js';

const lab = labInfo();
if (!lab) console.warn(`[lab] skipped: ${labSkipReason()}`);

describe.skipIf(!lab)('engine end to end: invalid runbooks, validate, inventory', () => {
  let work = '';
  /** Both hosts point at a local listener that counts connections: any contact shows. */
  let trapInv = '';
  let trap: Server;
  let connections = 0;

  beforeAll(async () => {
    work = makeWorkDir();
    trap = createServer((socket) => {
      connections++;
      socket.destroy();
    });
    await new Promise<void>((resolve) => trap.listen(0, '127.0.0.1', resolve));
    const port = (trap.address() as AddressInfo).port;
    trapInv = writeLabInventory(join(work, 'trap.yaml'), {
      group: 'web',
      hosts: [
        { name: 'trap-a', port, address: '10.0.4.98' },
        { name: 'trap-b', port, address: '10.0.4.99' },
      ],
      vars: { api_token: `!secret "${TOKEN}"` },
    });
  });
  afterAll(async () => {
    await new Promise((resolve) => trap?.close(resolve));
    if (work) rmSync(work, { recursive: true, force: true });
  });

  const cases = [
    { file: 'broken/yaml-syntax.yaml', where: /broken\/yaml-syntax\.yaml:[56]:\d+/, says: /YAML/ },
    { file: 'broken/unknown-module.yaml', where: /broken\/unknown-module\.yaml:7:\d+/, says: /tempalte[\s\S]*did you mean "template"/ },
    { file: 'broken/undefined-var.yaml', where: /broken\/undefined-var\.njk:2:\d+/, says: /site_prot/ },
  ];

  for (const c of cases) {
    it(`${c.file}: exit 4 naming file and line, for apply, check and validate, and no host contacted`, async () => {
      for (const args of [['apply', c.file, '--yes'], ['check', c.file], ['validate', c.file]]) {
        const r = await runCli([...args, '-i', trapInv], { cwd: FIXTURES, timeoutMs: 30_000 });
        expect(r.code, `${args[0]}: ${describeRun(r)}`).toBe(4);
        expect(r.stderr).toMatch(c.where);
        expect(r.stderr).toMatch(c.says);
      }
      expect(connections, 'connections made to the inventory hosts').toBe(0);
    });
  }

  it('an undefined variable names the task line in the runbook as well as the template line', async () => {
    const r = await runCli(['check', 'broken/undefined-var.yaml', '-i', trapInv], { cwd: FIXTURES, timeoutMs: 30_000 });
    expect(r.code, describeRun(r)).toBe(4);
    expect(r.stderr).toMatch(/broken\/undefined-var\.yaml:6:\d+/);
  });

  it('accepts `creates` built from a variable (checked after rendering, as in Ansible)', async () => {
    const r = await runCli(['validate', 'valid/templated-creates.yaml', '-i', trapInv], { cwd: FIXTURES, timeoutMs: 30_000 });
    expect(r.code, describeRun(r)).toBe(0);
    expect(connections).toBe(0);
  });

  it('validate loads the project and renders every task without contacting a host', async () => {
    const r = await runCli(['validate', 'site.yaml', '-i', trapInv], { cwd: PROJECT, timeoutMs: 30_000 });
    expect(r.code, describeRun(r)).toBe(0);
    expect(r.stdout).toMatch(/^site\.yaml: valid \(1 play, 20 task runs on 2 hosts\)$/m);
    expect(r.output).not.toContain(TOKEN);
    expect(connections).toBe(0);
  });

  it('inventory shows hosts, groups, addresses and variable sources with secrets masked', async () => {
    const inv = writeSiteInventory(join(work, 'inventory.yaml'));
    const all = await runCli(['inventory', '-i', inv], { cwd: PROJECT, timeoutMs: 30_000 });
    expect(all.code, describeRun(all)).toBe(0);
    expect(all.stdout).toContain('web: lab-h2, lab-h3');
    expect(all.stdout).toContain('lab-h2: ssh root@127.0.0.1:2222, address 10.0.4.22');
    expect(all.stdout).toContain('lab-h3: ssh root@127.0.0.1:2223, address 10.0.4.23');
    expect(all.stdout).toContain('api_token: "<redacted>"');
    expect(all.output).not.toContain(TOKEN);

    const one = await runCli(['inventory', '-i', inv, '--host', 'lab-h3'], { cwd: PROJECT, timeoutMs: 30_000 });
    expect(one.code, describeRun(one)).toBe(0);
    expect(one.stdout).toMatch(/api_token: "<redacted>"\s+# \S*inventory\.yaml:\d+ \(group all\)/);
    expect(one.stdout).toMatch(/port: 2223\s+# \S*inventory\.yaml:\d+ \(host lab-h3\)/);
    expect(one.output).not.toContain(TOKEN);

    const missing = await runCli(['inventory', '-i', inv, '--host', 'lab-h9'], { cwd: PROJECT, timeoutMs: 30_000 });
    expect(missing.code).toBe(5);
    expect(missing.stderr).toMatch(/did you mean "lab-h2" or "lab-h3"/);
  });

  it('inventory counts and lists only the inventory\'s hosts (no implicit localhost)', async () => {
    const inv = writeSiteInventory(join(work, 'inventory-count.yaml'));
    const r = await runCli(['inventory', '-i', inv], { cwd: PROJECT, timeoutMs: 30_000 });
    expect(r.code, describeRun(r)).toBe(0);
    expect(r.stdout).toMatch(/: 2 hosts\n/);
    expect(r.stdout).not.toMatch(/^\s+localhost:/m);
  });
});
