// Splits a play's hosts into rolling batches from `serial:` (numbers, "N%", a list whose last repeats).
import type { Serial } from '../core/runbook.js';

export function serialBatches<T>(hosts: T[], serial: Serial | undefined): T[][] {
  if (!serial || serial.length === 0 || hosts.length === 0) return hosts.length ? [hosts] : [];
  const batches: T[][] = [];
  let index = 0;
  let step = 0;
  while (index < hosts.length) {
    const spec = serial[Math.min(step, serial.length - 1)]!;
    const size = batchSize(spec, hosts.length);
    batches.push(hosts.slice(index, index + size));
    index += size;
    step++;
  }
  return batches;
}

function batchSize(spec: number | string, total: number): number {
  if (typeof spec === 'number') return Math.max(1, Math.floor(spec));
  const percent = /^(\d+(?:\.\d+)?)%$/.exec(spec.trim());
  if (percent) return Math.max(1, Math.floor((Number(percent[1]) / 100) * total));
  return Math.max(1, Number.parseInt(spec, 10) || 1);
}
