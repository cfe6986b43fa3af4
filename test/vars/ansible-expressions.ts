// Runs expressions and templates through ansible-core (one `ansible-playbook -c local` run, a debug task per case,
// confined to a temporary folder) for the differential tests; each case's value, or its failure.
import { execFileSync, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const hasAnsible = spawnSync('ansible-playbook', ['--version']).status === 0;

export type Outcome = { ok: true; value: unknown } | { ok: false; message: string };

/** Each case's outcome in Ansible: the oneline callback prints one JSON result per task. */
export function runAnsible(dir: string, expressions: readonly string[], templates: readonly string[], vars: Record<string, unknown>): Outcome[] {
  // Expressions are wrapped in a mapping so Ansible's string-to-value conversion keeps their types.
  const tasks = [...expressions.map((e) => `{{ {'v': (${e})} | to_json }}`), ...templates].map(
    (msg) => `    - debug: { msg: ${JSON.stringify(msg)} }\n      ignore_errors: true\n`,
  );
  writeFileSync(join(dir, 'pb.yml'), `- hosts: localhost\n  gather_facts: false\n  vars: ${JSON.stringify(vars)}\n  tasks:\n${tasks.join('')}`);
  const out = execFileSync('ansible-playbook', ['-c', 'local', '-i', 'localhost,', join(dir, 'pb.yml')], {
    cwd: dir,
    env: { ...process.env, ANSIBLE_STDOUT_CALLBACK: 'oneline', ANSIBLE_NOCOLOR: '1', ANSIBLE_DEPRECATION_WARNINGS: '0' },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  return out
    .split('\n')
    .filter((line) => /^localhost \| (SUCCESS|FAILED!) => /.test(line))
    .map((line) => {
      const result = JSON.parse(line.replace(/^localhost \| (SUCCESS|FAILED!) => /, '')) as { msg: unknown; failed?: boolean };
      return line.includes('FAILED!') ? { ok: false, message: String(result.msg) } : { ok: true, value: result.msg };
    });
}

/** The value an expression case printed (unwrapped from its `{'v': ...}`). */
export function unwrap(msg: unknown): unknown {
  const wrapped = typeof msg === 'string' ? (JSON.parse(msg) as { v: unknown }) : (msg as { v: unknown });
  return wrapped.v;
}
