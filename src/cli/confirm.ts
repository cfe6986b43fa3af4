// Asks once before applying: y/N on a TTY; without one, --yes is required (Terraform's rule).
import { createInterface } from 'node:readline/promises';
import { UsageError } from '../core/errors.js';
import type { CliIO } from './cli-io.js';

export async function confirmApply(changes: number, hosts: number, io: CliIO, yes: boolean): Promise<boolean> {
  if (yes) return true;
  if (!io.stdin.isTTY) {
    throw new UsageError(
      `refusing to apply ${changes} change${changes === 1 ? '' : 's'} without a terminal to confirm on; ` +
        'review the plan above and rerun with --yes (or use --check)',
    );
  }
  const rl = createInterface({ input: io.stdin, output: io.stdout });
  try {
    const answer = await rl.question(`Apply ${changes} change${changes === 1 ? '' : 's'} on ${hosts} host${hosts === 1 ? '' : 's'}? [y/N] `);
    return /^y(es)?$/i.test(answer.trim());
  } finally {
    rl.close();
  }
}
