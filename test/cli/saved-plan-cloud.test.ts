// Saved plans and the cloud: runbooks/havip-eip.yaml planned with -o against a local VPC emulator, the HAVIP or
// EIP changed in the emulator behind the plan's back, and `apply plan.json` refused as drift (exit 7) naming the
// resource, with no write call reaching the API. Only 127.0.0.1 is contacted.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startVpcEmulator, type VpcEmulator } from '../../src/cloud-emulator/start-vpc-emulator.js';
import { describeRun, runCli } from './run-cli.js';

const RUNBOOK = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'runbooks', 'havip-eip.yaml');
const KEY = { secretId: 'AKIDsavedPlanCloud0001', secretKey: 'saved-plan-cloud-key-not-shown' };
const SUBNET = { subnetId: 'subnet-lab00001', vpcId: 'vpc-lab00001', cidrBlock: '10.0.4.0/24' };
/** Calls that change the cloud: none may reach it from a refused apply. */
const WRITES = new Set(['CreateHaVip', 'DeleteHaVip', 'AllocateAddresses', 'HaVipAssociateAddressIp', 'HaVipDisassociateAddressIp']);

let emulator: VpcEmulator;
let dir: string;
beforeEach(async () => {
  emulator = await startVpcEmulator({ port: 0, credentials: [KEY], asyncDelayMs: 50, subnets: [SUBNET] });
  dir = mkdtempSync(join(tmpdir(), 'runbook-saved-plan-cloud-'));
  writeFileSync(
    join(dir, 'cloud.yaml'),
    ['all:', '  vars:', '    vip: 10.0.4.99', '    tencentcloud_region: ap-guangzhou', `    tencentcloud_vpc_id: ${SUBNET.vpcId}`, `    tencentcloud_subnet_id: ${SUBNET.subnetId}`, ''].join('\n'),
  );
});
afterEach(async () => {
  await emulator.close();
  rmSync(dir, { recursive: true, force: true });
});

function run(...args: string[]) {
  const env = {
    CI: 'true',
    XDG_STATE_HOME: join(dir, 'xdg'),
    TENCENTCLOUD_SECRET_ID: KEY.secretId,
    TENCENTCLOUD_SECRET_KEY: KEY.secretKey,
    TENCENTCLOUD_REGION: 'ap-guangzhou',
    TENCENTCLOUD_ENDPOINT_URL: emulator.url,
  };
  return runCli(args, { cwd: dir, env });
}

const planOut = () => run('plan', RUNBOOK, '-i', 'cloud.yaml', '-o', 'plan.json');
const applyPlan = () => run('apply', 'plan.json', '--yes');
const writesSince = (mark: number) => emulator.calls.slice(mark).filter((c) => WRITES.has(c.action) && !c.error);
const haVip = () => [...emulator.state.haVips.values()][0]!;

/** The deployment as `apply` leaves it: HAVIP iam-havip with EIP iam-eip bound. */
async function deployed(): Promise<void> {
  const r = await run('apply', RUNBOOK, '-i', 'cloud.yaml', '--yes');
  expect(r.code, describeRun(r)).toBe(0);
  expect(haVip().AddressIp).toMatch(/^203\.0\.113\.\d+$/);
}

describe('a saved plan of the HAVIP/EIP runbook, applied after the cloud moved', { timeout: 60_000 }, () => {
  it('applies as planned when nothing moved: the HAVIP, the EIP and the binding', async () => {
    expect((await planOut()).code).toBe(0);
    const r = await run('apply', 'plan.json', '--yes', '--json');
    expect(r.code, describeRun(r)).toBe(0);
    expect(JSON.parse(r.stdout).hosts.localhost).toMatchObject({ changed: 2, verified: true });
    expect(haVip()).toMatchObject({ HaVipName: 'iam-havip', Vip: '10.0.4.99', AddressIp: expect.stringMatching(/^203\.0\.113\./) });
  });

  it('refuses when the HAVIP was bound to another EIP since the plan, naming both', async () => {
    await deployed();
    expect((await planOut()).code).toBe(0);
    const { HaVipId } = haVip();
    // Someone rebinds the HAVIP to a second EIP in the console.
    const [ours] = [...emulator.state.addresses.values()];
    Object.assign(ours!, { AddressStatus: 'UNBIND', InstanceId: null, InstanceType: null });
    emulator.state.addresses.set('eip-0000beef', {
      ...ours!, AddressId: 'eip-0000beef', AddressName: 'hand-made-eip', AddressIp: '203.0.113.77', AddressStatus: 'BIND', InstanceId: HaVipId, InstanceType: 'HAVIP',
    });
    haVip().AddressIp = '203.0.113.77';
    const mark = emulator.calls.length;
    const r = await applyPlan();
    expect(r.code, describeRun(r)).toBe(7);
    expect(r.output).toMatch(new RegExp(`HAVIP iam-havip \\(${HaVipId}, 10\\.0\\.4\\.99\\) is already bound to EIP hand-made-eip \\(eip-0000beef, 203\\.0\\.113\\.77\\)`));
    expect(r.output).toContain('task "public IP bound to the HAVIP"');
    expect(r.stderr).toContain('nothing was applied on any host');
    expect(writesSince(mark)).toEqual([]);
  });

  it('refuses when the HAVIP was renamed since the plan, naming the HAVIP by its new name', async () => {
    await deployed();
    expect((await planOut()).code).toBe(0);
    haVip().HaVipName = 'renamed-by-hand';
    const mark = emulator.calls.length;
    const r = await applyPlan();
    expect(r.code, describeRun(r)).toBe(7);
    expect(r.output).toMatch(/task "HAVIP for the VIP" \(.*havip-eip\.yaml:9\) planned as unchanged \(HAVIP iam-havip \(havip-[0-9a-f]+\) 10\.0\.4\.99 exists\), now failed/);
    expect(r.output).toMatch(/10\.0\.4\.99 in subnet-lab00001 is already held by HAVIP renamed-by-hand \(havip-[0-9a-f]+, 10\.0\.4\.99\)/);
    expect(writesSince(mark)).toEqual([]);
    expect(haVip().HaVipName).toBe('renamed-by-hand');
  });

  it('refuses when the EIP was renamed since the plan: it would now allocate a second one', async () => {
    await deployed();
    expect((await planOut()).code).toBe(0);
    const [eip] = [...emulator.state.addresses.values()];
    eip!.AddressName = 'renamed-eip';
    const mark = emulator.calls.length;
    const r = await applyPlan();
    expect(r.code, describeRun(r)).toBe(7);
    expect(r.output).toMatch(/task "public IP bound to the HAVIP" \(.*havip-eip\.yaml:17\) planned as unchanged \(EIP iam-eip \(eip-[0-9a-f]+, 203\.0\.113\.\d+\) exists, bound to HAVIP iam-havip \(havip-[0-9a-f]+\)\), now/);
    expect(writesSince(mark)).toEqual([]);
    expect(emulator.state.addresses.size).toBe(1);
  });

  it('refuses when a HAVIP was created in the meantime that the plan would have created', async () => {
    expect((await planOut()).code).toBe(0);
    const mark = emulator.calls.length;
    // Another operator creates it first, with another address.
    emulator.state.haVips.set('havip-0000cafe', {
      HaVipId: 'havip-0000cafe', HaVipName: 'iam-havip', Vip: '10.0.4.98', VpcId: SUBNET.vpcId, SubnetId: SUBNET.subnetId,
      AddressIp: '', InstanceId: '', NetworkInterfaceId: '', Business: '', CreatedTime: emulator.state.createdTime(),
    });
    const r = await applyPlan();
    expect(r.code, describeRun(r)).toBe(7);
    expect(r.output).toMatch(/task "HAVIP for the VIP" \(.*havip-eip\.yaml:9\) planned as change \(CreateHaVip HAVIP iam-havip \(no HAVIP is named iam-havip\)\), now failed/);
    expect(r.output).toContain('HAVIP iam-havip (havip-0000cafe, 10.0.4.98) has address 10.0.4.98 (wanted 10.0.4.99)');
    expect(writesSince(mark)).toEqual([]);
    expect(emulator.state.haVips.size).toBe(1);
  });
});
