// lookup()/query()/q() (lookups.ts): files found as Ansible finds them, password files stored 0600 and redacted,
// refused plugins and options saying why.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createRenderer } from '../../src/vars/render.js';

const root = mkdtempSync(join(tmpdir(), 'runbook-lookups-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const role = join(root, 'roles', 'web');
for (const d of [join(root, 'files'), join(role, 'files'), join(role, 'templates')]) mkdirSync(d, { recursive: true });
writeFileSync(join(root, 'files', 'both.txt'), 'from the runbook\n');
writeFileSync(join(role, 'files', 'both.txt'), 'from the role\n');
writeFileSync(join(root, 'files', 'only-top.txt'), '  padded  \n');
writeFileSync(join(role, 'templates', 'motd.j2'), '{% for u in users %}\nhello {{ u }}{{ suffix }}\n{% endfor %}');
writeFileSync(join(role, 'templates', 'broken.j2'), 'line one\n{{ nope }}\n');

const secrets: string[] = [];
const r = createRenderer({ onSecretDerived: (values) => secrets.push(...values) });
const vars = { playbook_dir: root, role_path: role, users: ['ann', 'bob'], suffix: '!' };
const evaluate = (expression: string) => r.evaluate(expression, vars, 'task');

describe('lookups', () => {
  it("reads files in the role's files/ first, then the runbook's; strips the end", () => {
    expect(evaluate("lookup('file', 'both.txt')")).toBe('from the role');
    expect(evaluate("lookup('file', 'only-top.txt')")).toBe('  padded');
    expect(evaluate("lookup('file', 'only-top.txt', 'both.txt')")).toBe('  padded,from the role');
    expect(evaluate("query('file', 'only-top.txt', lstrip=true)")).toEqual(['padded']);
    expect(() => evaluate("lookup('file', 'none.txt')")).toThrow(/could not locate file in lookup: none.txt/);
    expect(evaluate("lookup('file', 'none.txt', errors='ignore')")).toBeNull();
  });

  it("renders a template from templates/ with the task's variables and template_vars; errors name its file and line", () => {
    expect(evaluate("lookup('template', 'motd.j2')")).toBe('hello ann!\nhello bob!\n');
    expect(evaluate("lookup('template', 'motd.j2', template_vars={'suffix': '?'})")).toBe('hello ann?\nhello bob?\n');
    expect(() => evaluate("lookup('template', 'broken.j2')")).toThrow(/broken\.j2.*:2/);
  });

  it('env, first_found, fileglob; lookup joins strings with commas, query keeps the list', () => {
    process.env.RUNBOOK_LOOKUP_TEST = 'v';
    expect(evaluate("lookup('env', 'RUNBOOK_LOOKUP_TEST', 'RUNBOOK_UNSET_X')")).toBe('v,');
    expect(evaluate("q('env', 'RUNBOOK_UNSET_X', default='d')")).toEqual(['d']);
    expect(evaluate("lookup('first_found', ['none.txt', 'only-top.txt'])")).toBe(join(root, 'files', 'only-top.txt'));
    expect(evaluate("query('first_found', ['none.txt'], skip=true)")).toEqual([]);
    expect(evaluate("query('fileglob', '*.txt')")).toEqual([join(role, 'files', 'both.txt')]);
    expect(evaluate("lookup('env', 'RUNBOOK_LOOKUP_TEST', wantlist=true)")).toEqual(['v']);
  });

  it('generates a password once, stores it 0600 under the runbook folder, and redacts it', () => {
    const first = evaluate("lookup('password', 'credentials/db length=24 chars=ascii_letters,digits')") as string;
    expect(first).toMatch(/^[A-Za-z0-9]{24}$/);
    expect(evaluate("lookup('password', 'credentials/db length=24')")).toBe(first);
    const file = join(root, 'credentials', 'db');
    expect(readFileSync(file, 'utf8')).toBe(`${first}\n`);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(join(root, 'credentials')).mode & 0o777).toBe(0o700);
    expect(secrets).toContain(first);
    expect(evaluate("lookup('password', '/dev/null length=5 chars=digits,,')")).toMatch(/^[0-9,]{5}$/);
  });

  it('refuses pipe, url and unknown plugins and options, saying what to do instead', () => {
    expect(() => evaluate("lookup('pipe', 'id')")).toThrow(/runs a command on the controller.*run the command as a task/);
    expect(() => evaluate("lookup('url', 'http://127.0.0.1')")).toThrow(/fetches over the network/);
    expect(() => evaluate("lookup('dig', 'x')")).toThrow(/lookup plugin 'dig' is not supported: runbook has env, file/);
    expect(() => evaluate("lookup('password', '/dev/null encrypt=sha512_crypt')")).toThrow(/password_hash/);
    expect(() => evaluate("lookup('password', '/dev/null seed=x')")).toThrow(/seed is not supported/);
    expect(() => evaluate("lookup('file', 'both.txt', bogus=1)")).toThrow(/option bogus is not supported/);
    expect(() => evaluate("lookup('file', 'both.txt', errors='warn')")).toThrow(/errors='warn'/);
  });
});
