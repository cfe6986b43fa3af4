// matchHosts: Ansible patterns over a real loaded inventory.
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadInventory } from '../../src/inventory/load-inventory.js';
import { HostPatternError } from '../../src/inventory/host-pattern-error.js';
import { matchHosts } from '../../src/inventory/match-hosts.js';
import { parseYaml } from '../../src/runbook/parse-yaml.js';

const inv = loadInventory('inventory/fixtures/lab.yaml', { parse: parseYaml, env: {}, cwd: resolve(import.meta.dirname, '..') });
const names = (pattern: string) => matchHosts(pattern, inv).hosts.map((h) => h.name);

describe('matchHosts', () => {
  it.each([
    ['all', ['lb1', 'lb2', 'web1', 'web2']],
    ['*', ['lb1', 'lb2', 'web1', 'web2']],
    ['lb', ['lb1', 'lb2']],
    ['lb2', ['lb2']],
    ['localhost', ['localhost']],
    ['web*', ['web1', 'web2']],
    ['lb_*', ['lb1', 'lb2']],
    ['web?', ['web1', 'web2']],
    ['lb_master,web1', ['lb1', 'web1']],
    ['web1:lb_backup', ['lb2', 'web1']],
    ['lb:!lb_master', ['lb2']],
    ['!lb', ['web1', 'web2']],
    ['all:&db', ['lb1']],
    ['lb:web:&lb_backup', ['lb2']],
    ['all:!web2:!lb1', ['lb2', 'web1']],
    [' lb , localhost ', ['lb1', 'lb2', 'localhost']],
  ])('%s', (pattern, expected) => {
    expect(names(pattern)).toEqual(expected);
  });

  it('an existing but empty group matches nothing without error', () => {
    expect(names('ungrouped')).toEqual([]);
  });

  it('throws a typed error naming unknown terms, with close names and the groups', () => {
    let error: unknown;
    try {
      matchHosts('lb:!lb_mastr', inv);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(HostPatternError);
    const e = error as HostPatternError;
    expect(e.unknown).toEqual(['lb_mastr']);
    expect(e.hint).toBe('did you mean "lb_master"? groups: all, alpha, db, lb, web, lb_backup, lb_master');
    expect(e.message).toMatch(/^host pattern "lb:!lb_mastr": no host or group named "lb_mastr"; did you mean "lb_master"/);
    expect(e.exitCode).toBe(5);
    expect(() => matchHosts('nothing*', inv)).toThrow(HostPatternError);
  });

  it('lenient mode returns the issues instead of throwing', () => {
    const result = matchHosts('web,dbb', inv, { lenient: true });
    expect(result.hosts.map((h) => h.name)).toEqual(['web1', 'web2']);
    expect(result.issues).toEqual([expect.stringMatching(/^no host or group named "dbb" \(did you mean "db"/)]);
  });
});
