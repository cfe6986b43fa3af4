// One hostile input through the built CLI in a throwaway project (inventory: one local host `me`): the exit code,
// a located message, no stack trace, no hang, no file written by template code, and no form of the secret in
// stdout, stderr, --json or a plan file.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { expect } from 'vitest';
import { describeRun, runCli, type CliResult } from '../../cli/run-cli.js';

/** The secret every case hides; its pieces are distinctive words, so any transformation of it is recognisable. */
export const SECRET = 'Zebra-Quokka-Narwhal';
/** What must never appear: the secret, its pieces in any case, and common encodings. */
export const SECRET_FORMS = [
  SECRET,
  ...['Zebra', 'Quokka', 'Narwhal'].flatMap((w) => [w, w.toUpperCase(), w.toLowerCase()]),
  Buffer.from(SECRET).toString('base64'),
  Buffer.from(SECRET).toString('base64').slice(0, 12),
];
/** A file template code would write if it could run. */
export const PWNED = '/tmp/runbook-hostile-pwned';

export interface HostileCase {
  /** Files of the project; `$DIR` is replaced by the project's folder. `inv.yaml` defaults to one local host with `pw`. */
  files: Record<string, string>;
  args: string[];
  code: number;
  /** What stderr (or stdout) must say. */
  says?: RegExp;
  /** A location (`file:line`) the message must carry; default for exit 4: some `.yaml:LINE`. */
  at?: RegExp | false;
  env?: Record<string, string>;
  /** Extra strings that must appear nowhere. */
  hidden?: string[];
  /** Runs before the CLI (e.g. to make a FIFO). */
  setup?(dir: string): void;
  timeoutMs?: number;
}

export const INVENTORY = `all:\n  hosts:\n    me: { connection: local }\n  vars:\n    pw: !secret "${SECRET}"\n`;

export async function runHostileCase(c: HostileCase): Promise<CliResult> {
  const dir = mkdtempSync(join(tmpdir(), 'runbook-hostile-'));
  try {
    rmSync(PWNED, { force: true });
    const files = { 'inv.yaml': INVENTORY, ...c.files };
    for (const [name, text] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, name)), { recursive: true });
      writeFileSync(join(dir, name), text.replaceAll('$DIR', dir));
    }
    c.setup?.(dir);
    const args = c.args.map((a) => a.replaceAll('$DIR', dir));
    const r = await runCli(args, { cwd: dir, env: { CI: 'true', RUNBOOK_STATE_DIR: join(dir, 'state'), ...c.env }, timeoutMs: c.timeoutMs ?? 20_000 });
    const why = describeRun(r);
    expect(r.timedOut, why).toBe(false);
    expect(r.code, why).toBe(c.code);
    if (c.says) expect(r.output, why).toMatch(c.says);
    const at = c.at ?? (c.code === 4 ? /\.yaml:\d+/ : false);
    if (at) expect(r.stderr, why).toMatch(at);
    expect(r.output, why).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
    expect(r.output, why).not.toMatch(/internal error/);
    const plan = existsSync(join(dir, 'plan.json')) ? readFileSync(join(dir, 'plan.json'), 'utf8') : '';
    for (const form of [...SECRET_FORMS, ...(c.hidden ?? [])]) {
      expect(r.output.includes(form) ? `"${form}" printed` : '', why).toBe('');
      expect(plan.includes(form) ? `"${form}" in the plan file` : '', plan).toBe('');
    }
    expect(existsSync(PWNED), 'template code wrote a file').toBe(false);
    return r;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A runbook of one play on `me` with these task lines (already indented as list items under tasks:). */
export function runbook(...tasks: string[]): string {
  return ['- hosts: me', '  tasks:', ...tasks, ''].join('\n');
}

/** A task whose `copy` content is a block scalar holding `template` (no YAML quoting to get wrong). */
export function copyTask(template: string, name = 'hostile'): string {
  return [`    - name: ${name}`, '      copy:', '        dest: $DIR/out.txt', '        content: |', ...template.split('\n').map((l) => `          ${l}`)].join('\n');
}
