// become_password (and Ansible's ansible_become_pass) must be a secret; it lands on the connection, masked.
import { expect, it } from 'vitest';
import type { LoadIssue } from '../../src/core/location.js';
import { Secret } from '../../src/core/secret.js';
import { connectionSpec } from '../../src/inventory/connection-spec.js';
import type { VarEntry } from '../../src/inventory/inventory-tree.js';

const entry = (value: unknown): VarEntry => ({ value, location: { file: 'inv.yaml', line: 4, column: 9 }, source: 'inv.yaml:4' });
const spec = (vars: Record<string, unknown>) => {
  const issues: LoadIssue[] = [];
  const { connection } = connectionSpec('web1', new Map(Object.entries(vars).map(([k, v]) => [k, entry(v)])), { inventoryDir: '/', defaultKind: 'ssh' }, issues);
  return { connection, issues };
};

it('takes a secret become_password, and refuses one in plain text with a hint', () => {
  const ok = spec({ user: 'deploy', become: true, become_password: new Secret('s3cret') });
  expect(ok.issues).toEqual([]);
  expect(ok.connection.becomePassword?.reveal()).toBe('s3cret');
  expect(JSON.stringify(ok.connection)).not.toContain('s3cret');
  const plain = spec({ become_password: 's3cret' });
  expect(plain.connection.becomePassword).toBeUndefined();
  expect(plain.issues).toMatchObject([{ path: 'hosts.web1.become_password', message: 'become_password is written in plain text', hint: expect.stringMatching(/!secret/) }]);
});
