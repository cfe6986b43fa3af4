// loadInventory: nesting, precedence with provenance, connection variables and aliases, implicit localhost, problems.
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LoadError } from '../../src/core/errors.js';
import type { LoadIssue } from '../../src/core/location.js';
import { Secret } from '../../src/core/secret.js';
import { loadInventory } from '../../src/inventory/load-inventory.js';
import { parseYaml } from '../../src/runbook/parse-yaml.js';

const cwd = resolve(import.meta.dirname, '..');
const load = (file: string, env: NodeJS.ProcessEnv = { HOME: '/home/tester' }) => loadInventory(`inventory/fixtures/${file}`, { parse: parseYaml, env, cwd });
const issuesOf = (file: string): LoadIssue[] => {
  try {
    load(file);
  } catch (error) {
    expect(error).toBeInstanceOf(LoadError);
    return (error as LoadError).issues;
  }
  throw new Error('no issues');
};

describe('loadInventory', () => {
  const inv = load('lab.yaml');
  const host = (name: string) => inv.hosts.find((h) => h.name === name)!;

  it('lists hosts in order of appearance, and groups with nested members', () => {
    expect(inv.file).toBe('inventory/fixtures/lab.yaml');
    expect(inv.hosts.map((h) => h.name)).toEqual(['lb1', 'lb2', 'web1', 'web2', 'localhost']);
    expect(inv.groups).toMatchObject({
      all: ['lb1', 'lb2', 'web1', 'web2'],
      lb: ['lb1', 'lb2'],
      lb_master: ['lb1'],
      lb_backup: ['lb2'],
      db: ['lb1'],
      web: ['web1', 'web2'],
      ungrouped: [],
    });
    expect(host('lb1').groups).toEqual(['all', 'alpha', 'db', 'lb', 'lb_master']);
    expect(host('lb1').location).toEqual({ file: 'inventory/fixtures/lab.yaml', line: 14, column: 9 });
  });

  it('merges all < parent < child group (siblings by name, later wins) < host, with provenance', () => {
    // lb1 is in alpha, db (depth 1), lb (depth 1) and lb_master (depth 2): the deepest group wins.
    expect(host('lb1').vars.role_label).toBe('lb_master');
    expect(host('lb1').varSources.role_label).toEqual({ value: 'lb_master', source: 'inventory/fixtures/lab.yaml:22 (group lb_master)' });
    expect(host('lb1').vars.keepalived_priority).toBe(150);
    // Host vars beat every group.
    expect(host('lb2').vars.keepalived_priority).toBe(90);
    expect(host('lb2').varSources.keepalived_priority!.source).toBe('inventory/fixtures/lab.yaml:28 (host lb2)');
    expect(host('lb2').vars.client_max_body_size).toBe('10m');
    expect(host('web1').vars.role_label).toBe('all');
    expect(host('web1').varSources.vip!.source).toBe('inventory/fixtures/lab.yaml:4 (group all)');
  });

  it('turns connection variables (and their Ansible aliases) into a ConnectionSpec', () => {
    const identity = resolve(cwd, 'inventory/fixtures/keys/lab_ed25519');
    expect(host('lb1').connection).toEqual({
      kind: 'ssh', host: '127.0.0.1', port: 2201, user: 'root', identityFile: identity, become: false, hostKeyChecking: 'strict', timeoutMs: 10_000,
      keepaliveIntervalMs: 10_000, keepaliveCountMax: 2,
    });
    expect(host('lb1').address).toBe('10.0.4.20');
    expect(host('lb2').connection).toMatchObject({ host: '127.0.0.1', port: 2202, user: 'admin' });
    expect(host('lb2').vars.ansible_host).toBe('127.0.0.1');
    expect(host('web1').connection).toMatchObject({
      host: 'web1', hostKeyChecking: 'accept-new', knownHostsFile: '/home/tester/kh', timeoutMs: 3000, become: true, proxyJump: 'jump@bastion:22',
    });
    expect(host('web1').address).toBe('web1');
    expect(host('web2').connection.kind).toBe('local');
    expect(host('lb1').vars.db_password).toBeInstanceOf(Secret);
  });

  it('adds an implicit localhost (local connection, all vars) outside every group', () => {
    const local = host('localhost');
    expect(local).toMatchObject({ address: '127.0.0.1', groups: [] });
    expect(local.connection.kind).toBe('local');
    expect(local.vars.vip).toBe('10.0.4.99');
    expect(inv.groups.all).not.toContain('localhost');
  });

  it('keeps an explicitly listed localhost as written', () => {
    const explicit = load('explicit-localhost.yaml');
    expect(explicit.hosts.map((h) => h.name)).toEqual(['localhost', 'solo']);
    expect(explicit.hosts[0]!.vars.marker).toBe('explicit');
    expect(explicit.groups.all).toEqual(['localhost', 'solo']);
    expect(explicit.groups.ungrouped).toEqual(['localhost', 'solo']);
    expect(explicit.hosts[1]!.connection.identityFile).toBeUndefined();
  });

  it('reports every problem with line:col', () => {
    const issues = issuesOf('bad.yaml');
    const at = (re: RegExp) => {
      const found = issues.find((i) => re.test(i.message));
      expect(found, issues.map((i) => `${i.line}: ${i.message}`).join('\n')).toBeDefined();
      return found!;
    };
    expect(at(/password is written in plain text/)).toMatchObject({ line: 3, column: 15, hint: expect.stringMatching(/!secret .* !env NAME/) });
    expect(at(/port must be a number from 1 to 65535, found "twenty-two"/)).toMatchObject({ line: 7, column: 22 });
    expect(at(/host_key_checking must be one of strict, accept-new, off, found "maybe"/)).toMatchObject({ line: 8, column: 35 });
    expect(at(/unknown key "hots" in group "lb"/)).toMatchObject({ line: 9, column: 7, hint: 'did you mean "hosts"?' });
    expect(at(/conflicting duplicate host lb1: "vip" is "10.0.4.98" here and "10.0.4.99" at inventory\/fixtures\/bad.yaml:7/)).toMatchObject({ line: 13, column: 21 });
    expect(at(/host "lb4" must map to its variables/)).toMatchObject({ line: 14, column: 14 });
    expect(at(/expected a mapping, found a list/)).toMatchObject({ line: 16, column: 14, hint: expect.stringMatching(/hosts: \{ web1: \{\}/) });
  });

  it('accepts equal duplicates (secrets compared by value) and reports a missing !env variable', () => {
    const issues = issuesOf('conflict-secret.yaml');
    expect(issues.map((i) => [i.line, i.message])).toEqual([[5, 'environment variable RUNBOOK_TEST_NOPE is not set (!env RUNBOOK_TEST_NOPE)']]);
  });

  it('reads keepalive_interval / keepalive_count_max (numbers or numeric strings), defaulting to a 30 s bound', () => {
    const issues = issuesOf('keepalive-bad.yaml');
    expect(issues.map((i) => [i.line, i.path, i.message])).toEqual([
      [3, 'hosts.bad_interval.keepalive_interval', 'keepalive_interval must be a number of seconds above 0, found 0'],
      [4, 'hosts.bad_count.keepalive_count_max', 'keepalive_count_max must be a whole number of at least 1, found 2.5'],
    ]);
    const ok = (timeoutSeconds?: number) => loadInventory('inventory/fixtures/keepalive.yaml', { parse: parseYaml, env: {}, cwd, timeoutSeconds });
    const conn = (inv: ReturnType<typeof ok>, name: string) => inv.hosts.find((h) => h.name === name)!.connection;
    const plain = ok();
    expect(conn(plain, 'tuned')).toMatchObject({ keepaliveIntervalMs: 5000, keepaliveCountMax: 4, timeoutMs: 3000 });
    expect(conn(plain, 'from_ini')).toMatchObject({ keepaliveIntervalMs: 500, keepaliveCountMax: 1 });
    expect(conn(plain, 'plain')).toMatchObject({ keepaliveIntervalMs: 10_000, keepaliveCountMax: 2, timeoutMs: 10_000 });
    // --timeout 6: hosts that do not say get a 6 s connect timeout and a 6 s silence bound (2 s x (2 + 1)).
    const cli = ok(6);
    expect(conn(cli, 'plain')).toMatchObject({ keepaliveIntervalMs: 2000, keepaliveCountMax: 2, timeoutMs: 6000 });
    expect(conn(cli, 'tuned')).toMatchObject({ keepaliveIntervalMs: 5000, keepaliveCountMax: 4, timeoutMs: 3000 });
  });

  it('reports a missing inventory file', () => {
    expect(() => load('nope.yaml')).toThrow(/cannot read inventory inventory\/fixtures\/nope.yaml/);
  });
});
