// Polls DescribeVpcTaskResult until an asynchronous VPC call (a HAVIP binding) succeeds or fails.
import { abortableSleep } from './abortable-sleep.js';
import { TencentCloudError } from './tencentcloud-error.js';
import type { VpcClient } from './vpc-client.js';

export interface WaitOptions {
  /** Default 60 s. */
  timeoutMs?: number;
  /** Default 500 ms. */
  intervalMs?: number;
  signal?: AbortSignal;
}

/** `what` names the operation for messages (`binding EIP x to HAVIP y`). Throws on FAILED or timeout. */
export async function waitForVpcTask(client: VpcClient, taskId: string, what: string, options: WaitOptions = {}): Promise<void> {
  const timeoutMs = options.timeoutMs ?? 60_000;
  const intervalMs = options.intervalMs ?? 500;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const answer = await client.request<{ Status?: string; Output?: string; RequestId?: string }>('DescribeVpcTaskResult', { TaskId: taskId });
    if (answer.Status === 'SUCCESS') return;
    if (answer.Status === 'FAILED') {
      throw new TencentCloudError('DescribeVpcTaskResult', 'FailedOperation.TaskFailed', answer.RequestId,
        `${what} failed (task ${taskId})${answer.Output ? `: ${answer.Output}` : ''}`, 'look at the HAVIP and EIP in the console, then run again');
    }
    if (Date.now() + intervalMs > deadline) {
      throw new TencentCloudError('DescribeVpcTaskResult', 'Timeout', answer.RequestId,
        `${what} still ${answer.Status ?? 'unknown'} after ${Math.round(timeoutMs / 1000)} s (task ${taskId})`, 'run again later: the next run finds the binding if it completed');
    }
    await abortableSleep(intervalMs, options.signal);
  }
}
