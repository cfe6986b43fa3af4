// Symbolic modes against Ansible's own resolver (module_utils/basic.py, AnsibleModule._symbolic_mode_to_octal), when installed.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { modeProblem, resolveMode } from '../../../src/modules/lib/symbolic-mode.js';

const CASES: Array<[mode: string, current: string, directory: boolean]> = [
  ['u+rwx,go-w', '0644', false],
  ['a=r', '0755', false],
  ['u=rwX', '0600', false],
  ['u=rwX', '0610', false],
  ['u=rwX,g=rX,o=', '0700', true],
  ['a+X', '0644', false],
  ['g=u,o=g', '0750', false],
  ['u+s,g+s,o+t', '0755', true],
  ['u=rw,u-w+x', '0644', false],
  ['o=u-w', '0640', false],
  ['ug=rw,o-rwx', '0777', false],
  ['u-s', '4755', false],
  ['g=', '2775', true],
  ['o=', '1777', true],
  ['0644', '0777', false],
];

/** The Python that runs Ansible: its ansible-playbook's #! line. */
function ansiblePython(): string | undefined {
  const dir = (process.env['PATH'] ?? '').split(':').find((d) => existsSync(join(d, 'ansible-playbook')));
  return dir === undefined ? undefined : /^#!\s*(\S+)/.exec(readFileSync(join(dir, 'ansible-playbook'), 'utf8'))?.[1];
}

function ansibleModes(): string[] | undefined {
  const python = ansiblePython();
  if (python === undefined) return undefined;
  const script = String.raw`
import json, os, stat, sys
from ansible.module_utils.basic import AnsibleModule
out = []
for mode, current, directory in json.load(sys.stdin):
    kind = stat.S_IFDIR if directory else stat.S_IFREG
    st = os.stat_result((kind | int(current, 8), 0, 0, 0, 0, 0, 0, 0, 0, 0))
    out.append('%04o' % (int(mode, 8) if mode.isdigit() else AnsibleModule._symbolic_mode_to_octal(st, mode)))
print(json.dumps(out))`;
  try {
    return JSON.parse(execFileSync(python, ['-c', script], { input: JSON.stringify(CASES) }).toString()) as string[];
  } catch {
    return undefined;
  }
}

const wanted = ansibleModes();
describe.skipIf(wanted === undefined)(`resolveMode as Ansible resolves symbolic modes${wanted === undefined ? " (skipped: no ansible-playbook, or its Python cannot import ansible)" : ''}`, () => {
  it.each(CASES.map((c, i) => [...c, i] as const))('%s on %s (directory: %s)', (mode, current, directory, i) => {
    expect(resolveMode(mode, current, directory)).toBe(wanted![i]);
  });
});

describe('modeProblem', () => {
  it.each([
    ['+x', /names no users/],
    ['u+q', /not a symbolic mode clause/],
    ['ua+x', /not a symbolic mode clause/],
    ['u+x,', /not a symbolic mode clause/],
  ])('%s', (mode, problem) => expect(modeProblem(mode)).toMatch(problem));
  it('accepts octal and symbolic modes', () => {
    for (const mode of ['0644', '755', '4755', 'u+rwx,go-w', 'a=r', 'u=rwX', 'g=u', 'o=']) expect(modeProblem(mode)).toBeUndefined();
  });
});
