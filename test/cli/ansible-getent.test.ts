// Differential test of `getent`: the same getent tasks on this machine with ansible-playbook and runbook, what each
// returned (`getent_<database>`, the registered result) written to a file by a copy task and compared.
import { describe, expect, it } from 'vitest';
import { ansibleMissing, runAnsible, runRunbook, type DifferentialCase } from './ansible-differential.js';

let n = 0;
/** A getent task and a copy task that writes `value` (an expression) as JSON to `result-N`. */
function read(name: string, args: Record<string, unknown>, value: string, keywords: Record<string, unknown> = {}): DifferentialCase[] {
  return [
    { name, files: {}, module: 'getent', args, keywords },
    { name: `${name}: result`, files: {}, module: 'copy', args: { dest: `@/result-${++n}`, content: `{{ ${value} | to_json }}\n` } },
  ];
}

// Each value a bare expression: runbook's templates take an undefined name inside a list literal as null
// instead of waiting for the task that registers it.
const CASES: DifferentialCase[] = [
  ...read('passwd, split on colons', { database: 'passwd' }, 'getent_passwd'),
  ...read('group root as registered', { database: 'group', key: 'root' }, 'g.ansible_facts', { register: 'g' }),
  // /etc/services names most services twice (tcp and udp): a key seen again becomes a list of lists.
  ...read('services, split on whitespace, repeated keys', { database: 'services' }, 'ansible_facts.getent_services'),
  ...read('hosts with a split of its own', { database: 'hosts', key: 'localhost', split: '.' }, 'getent_hosts'),
  ...read('passwd root from the files service', { database: 'passwd', key: 'root', service: 'files' }, 'getent_passwd'),
  ...read('a missing key with fail_key false', { database: 'passwd', key: 'rb-no-such-user', fail_key: false }, 'missing.ansible_facts', { register: 'missing' }),
  { name: 'its msg', files: {}, module: 'copy', args: { dest: `@/result-${++n}`, content: '{{ missing.msg }} {{ missing.failed }}\n' } },
  ...read('an unknown database, errors ignored', { database: 'rb-no-such-db' }, 'unknown.msg', { register: 'unknown', ignore_errors: true }),
];

const skip = ansibleMissing();
describe.skipIf(skip !== undefined)(`getent matches ansible-playbook${skip ? ` (skipped: ${skip})` : ''}`, () => {
  const results = Array.from({ length: n }, (_, i) => `result-${i + 1}`);
  it('getent_<database> and the registered result, as getent.py shapes them', { timeout: 180_000 }, async () => {
    const [ansible, runbook] = await Promise.all([runAnsible(CASES, results), runRunbook(CASES, results)]);
    expect(Object.keys(ansible.outcome), ansible.output).toHaveLength(CASES.length);
    expect(runbook.files).toEqual(ansible.files);
    // runbook's line for a failure ignore_errors ignores says ok.
    expect(runbook.outcome, runbook.output).toEqual({ ...ansible.outcome, 'an unknown database, errors ignored': 'ok' });
    expect(ansible.outcome['an unknown database, errors ignored']).toBe('failed');
    // Not vacuous: root's fields, and a repeated service as a list of lists.
    expect(JSON.stringify(ansible.files['result-1'])).toContain('\\"root\\": [\\"x\\", \\"0\\", \\"0\\"');
    expect(JSON.stringify(ansible.files['result-3'])).toMatch(/\[\[/);
    expect(runbook.rerunChanged, 'runbook: a second run changes nothing').toBe(0);
    // (Not one exec: each copy's content renders a result, so its file is read once that is known;
    // test/cli/getent.test.ts checks the one-exec rerun of tasks that only decide on it.)
  });
});
