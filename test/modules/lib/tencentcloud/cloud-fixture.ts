// Test fixture: a VPC emulator on 127.0.0.1, an env pointing at it, and a way to run a controller task.
import type { ApiChange } from '../../../../src/core/change.js';
import type { ControllerContext, ControllerModule, TaskPlan } from '../../../../src/core/module.js';
import { createRedactor } from '../../../../src/core/redactor.js';
import { startVpcEmulator, type VpcEmulator, type VpcEmulatorOptions } from '../../../../src/cloud-emulator/start-vpc-emulator.js';

export const KEY = { secretId: 'AKIDfixture00000000001', secretKey: 'fixture-secret-key-do-not-print' };

export interface CloudFixture {
  emulator: VpcEmulator;
  env: NodeJS.ProcessEnv;
  logs: string[];
  ctx: ControllerContext;
  /** Parses args with the module's schema, plans, and (unless check) applies every change in order. */
  run(module: ControllerModule<any>, args: Record<string, unknown>, options?: { check?: boolean }): Promise<TaskPlan>;
  /** Actions the emulator received since `mark` (an index into emulator.calls). */
  actionsSince(mark: number): string[];
}

export async function startCloudFixture(options: Partial<VpcEmulatorOptions> = {}): Promise<CloudFixture> {
  const emulator = await startVpcEmulator({ port: 0, credentials: [KEY], asyncDelayMs: 300, ...options });
  const env: NodeJS.ProcessEnv = {
    TENCENTCLOUD_SECRET_ID: KEY.secretId,
    TENCENTCLOUD_SECRET_KEY: KEY.secretKey,
    TENCENTCLOUD_REGION: 'ap-guangzhou',
    TENCENTCLOUD_ENDPOINT_URL: emulator.url,
  };
  const logs: string[] = [];
  const ctx: ControllerContext = { env, redact: createRedactor([KEY.secretKey]), log: (m) => logs.push(m) };
  return {
    emulator,
    env,
    logs,
    ctx,
    async run(module, args, runOptions = {}) {
      const parsed = module.schema.safeParse(args);
      if (!parsed.success) throw new Error(`bad args: ${JSON.stringify(parsed.error.issues)}`);
      const plan = await module.planRemote(parsed.data, ctx);
      if (plan.status === 'change' && !runOptions.check) {
        for (const change of plan.changes) await module.applyApi(change as ApiChange, ctx);
      }
      return plan;
    },
    actionsSince: (mark) => emulator.calls.slice(mark).map((c) => c.action),
  };
}

export function apiChanges(plan: TaskPlan): ApiChange[] {
  return plan.status === 'change' ? (plan.changes as ApiChange[]) : [];
}
