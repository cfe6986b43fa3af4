// The lab's "cloud": `lab up` runs the Tencent Cloud VPC API emulator on 127.0.0.1:9400 with credentials in tencentcloud.env.
import { execFileSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatLabStatus, labStatus, labUp, type LabState } from '../../src/lab/index.js';
import { createVpcClient } from '../../src/modules/lib/tencentcloud/vpc-client.js';
import { labInfo, labSkipReason } from './helpers/index.js';

const lab = labInfo();
if (!lab) console.warn(`[lab] skipped: ${labSkipReason()}`);

const envFile = () => join(lab!.dir, 'tencentcloud.env');
const readState = (): LabState => JSON.parse(readFileSync(lab!.stateFile, 'utf8')) as LabState;

/** What a user gets after `. tencentcloud.env`: the file is sourced by a real shell. */
function sourcedEnv(): Record<string, string> {
  const out = execFileSync('sh', ['-c', `. "${envFile()}" && env`], { encoding: 'utf8', env: { PATH: process.env.PATH } });
  return Object.fromEntries(out.split('\n').filter((l) => l.startsWith('TENCENTCLOUD_')).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
}

function startTimeOf(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19]);
  } catch {
    return undefined;
  }
}

async function unsignedPost(): Promise<{ status: number; body: { Response?: { Error?: { Code?: string }; RequestId?: string } } }> {
  const res = await fetch('http://127.0.0.1:9400/', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-tc-action': 'DescribeHaVips', 'x-tc-version': '2017-03-12' },
    body: '{}',
  });
  return { status: res.status, body: (await res.json()) as never };
}

describe.skipIf(!lab)('lab cloud API emulator', () => {
  it('writes the credentials once, mode 0600, as four shell exports', () => {
    const stat = statSync(envFile());
    expect(stat.mode & 0o777).toBe(0o600);
    const text = readFileSync(envFile(), 'utf8');
    expect(text).toMatch(/^export TENCENTCLOUD_SECRET_ID=AKIDlab[A-Za-z0-9]{24}$/m);
    expect(text).toMatch(/^export TENCENTCLOUD_SECRET_KEY=[A-Za-z0-9]{32}$/m);
    expect(text).toMatch(/^export TENCENTCLOUD_REGION=ap-guangzhou$/m);
    expect(text).toMatch(/^export TENCENTCLOUD_ENDPOINT_URL=http:\/\/127\.0\.0\.1:9400$/m);
    const env = sourcedEnv();
    expect(Object.keys(env).sort()).toEqual(['TENCENTCLOUD_ENDPOINT_URL', 'TENCENTCLOUD_REGION', 'TENCENTCLOUD_SECRET_ID', 'TENCENTCLOUD_SECRET_KEY']);
  });

  it('answers an unsigned request on 127.0.0.1:9400 with an AuthFailure', async () => {
    const { status, body } = await unsignedPost();
    expect(status).toBe(200);
    expect(body.Response?.Error?.Code).toMatch(/^AuthFailure/);
    expect(body.Response?.RequestId).toEqual(expect.any(String));
  });

  it('serves signed calls from the project client with the sourced credentials, and only with them', async () => {
    const env = sourcedEnv();
    const client = createVpcClient(env);
    expect(client.endpoint).toBe('http://127.0.0.1:9400');
    const res = await client.request<{ HaVipSet: unknown[]; TotalCount: number }>('DescribeHaVips', {});
    expect(Array.isArray(res.HaVipSet)).toBe(true);
    expect(res.TotalCount).toBe(res.HaVipSet.length);

    const stranger = createVpcClient({ ...env, TENCENTCLOUD_SECRET_KEY: 'x'.repeat(32) }, undefined, { attempts: 1 });
    await expect(stranger.request('DescribeHaVips', {})).rejects.toMatchObject({ apiCode: expect.stringMatching(/^AuthFailure/) });
  });

  it('records the emulator in state.json, reports it up, and a second lab up leaves it alone', async () => {
    const recorded = readState().cloudApi;
    expect(recorded).toMatchObject({ role: 'cloud-api', pid: expect.any(Number) });
    expect(startTimeOf(recorded!.pid)).toBe(recorded!.startTime);
    const cmdline = readFileSync(`/proc/${recorded!.pid}/cmdline`, 'utf8').split('\0');
    expect(cmdline).toEqual(expect.arrayContaining(['--port', '9400', '--subnet', 'subnet-lab00001=vpc-lab00001:10.0.4.0/24']));

    const status = await labStatus({ dir: lab!.dir });
    expect(status.cloudApi).toMatchObject({ url: 'http://127.0.0.1:9400', up: true, pid: recorded!.pid, envFile: envFile() });
    expect(formatLabStatus(status)).toMatch(/^cloud api: http:\/\/127\.0\.0\.1:9400 up/m);

    const envBefore = readFileSync(envFile(), 'utf8');
    const state = await labUp({ hosts: 4, dir: lab!.dir });
    expect(state.cloudApi).toEqual(recorded);
    expect(readFileSync(envFile(), 'utf8')).toBe(envBefore);
  });

  it('repairs a lab whose emulator died: lab up starts a new one with the same credentials', async () => {
    const before = readState().cloudApi!;
    const envBefore = readFileSync(envFile(), 'utf8');
    process.kill(before.pid, 'SIGKILL');
    for (let i = 0; i < 100 && startTimeOf(before.pid) === before.startTime; i++) await new Promise((r) => setTimeout(r, 20));

    const degraded = await labStatus({ dir: lab!.dir });
    expect(degraded.cloudApi.up).toBe(false);
    expect(degraded.up).toBe(false);
    expect(formatLabStatus(degraded)).toMatch(/^cloud api: http:\/\/127\.0\.0\.1:9400 down/m);
    await expect(unsignedPost()).rejects.toThrow();

    const state = await labUp({ hosts: 4, dir: lab!.dir });
    expect(state.cloudApi?.pid).not.toBe(before.pid);
    expect(readState().cloudApi).toEqual(state.cloudApi);
    expect(readFileSync(envFile(), 'utf8')).toBe(envBefore);
    expect((await labStatus({ dir: lab!.dir })).cloudApi.up).toBe(true);
    const res = await createVpcClient(sourcedEnv()).request<{ HaVipSet: unknown[] }>('DescribeHaVips', {});
    expect(Array.isArray(res.HaVipSet)).toBe(true);
  });
});
