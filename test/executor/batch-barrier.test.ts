// The batch's meeting points (any_errors_fatal) and when a failure stops the run (any_errors_fatal, max_fail_percentage).
import { describe, expect, it } from 'vitest';
import type { Play, Task } from '../../src/core/runbook.js';
import { createBatchBarrier } from '../../src/executor/batch-barrier.js';
import { createRunStop } from '../../src/executor/run-stop.js';

const settled = async (p: Promise<void>) => Promise.race([p.then(() => true), new Promise((r) => setTimeout(() => r(false), 20))]);

describe('createBatchBarrier', () => {
  it('holds a host until every other has got as far or left', async () => {
    const barrier = createBatchBarrier(['a', 'b', 'c']);
    const a = barrier.passed('a', 2);
    expect(await settled(a)).toBe(false);
    void barrier.passed('b', 2);
    expect(await settled(a)).toBe(false);
    barrier.left('c');
    expect(await settled(a)).toBe(true);
  });
  it('counts a host further on as past (a loop with no items there): no deadlock', async () => {
    const barrier = createBatchBarrier(['a', 'b']);
    const a = barrier.passed('a', 1);
    const b = barrier.passed('b', 3);
    expect(await settled(a)).toBe(true);
    expect(await settled(b)).toBe(false);
    barrier.left('a');
    expect(await settled(b)).toBe(true);
  });
});

describe('createRunStop', () => {
  const play = (maxFailPercentage?: number) => ({ name: 'p', ...(maxFailPercentage === undefined ? {} : { maxFailPercentage }) }) as Play;
  const task = (anyErrorsFatal?: boolean) => ({ name: 't', anyErrorsFatal }) as Task;
  it('stops at the first failure of an any_errors_fatal task', () => {
    const stop = createRunStop(play(), ['a', 'b']);
    stop.hostFailed('a', task(false));
    expect(stop.reason).toBeUndefined();
    stop.hostFailed('b', task(true));
    expect(stop.reason).toMatch(/any_errors_fatal: task "t" failed on b/);
  });
  it('stops once more than max_fail_percentage of the batch failed (not at exactly that share)', () => {
    const stop = createRunStop(play(50), ['a', 'b', 'c', 'd']);
    stop.hostFailed('a', task());
    stop.hostFailed('b', task());
    expect(stop.reason).toBeUndefined();
    stop.hostFailed('c', task());
    expect(stop.reason).toMatch(/max_fail_percentage 50: 3 of 4/);
  });
});
