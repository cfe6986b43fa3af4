// Inventories as Ansible users have them: INI, ansible_* variables, group_vars/host_vars, directories; expectations taken from ansible-inventory 2.14.
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LoadError } from '../../src/core/errors.js';
import type { LoadIssue } from '../../src/core/location.js';
import { Secret } from '../../src/core/secret.js';
import { loadInventory } from '../../src/inventory/load-inventory.js';
import { parseYaml } from '../../src/runbook/parse-yaml.js';

const fixtures = resolve(import.meta.dirname, 'fixtures');
const load = (source: string, playbookDir?: string) =>
  loadInventory(source, { parse: parseYaml, env: { HOME: '/home/tester' }, cwd: fixtures, ...(playbookDir ? { playbookDir } : {}) });
const issuesOf = (source: string): LoadIssue[] => {
  try {
    load(source);
  } catch (error) {
    expect(error).toBeInstanceOf(LoadError);
    return (error as LoadError).issues;
  }
  throw new Error('no issues');
};

describe('INI inventories', () => {
  const inv = load('ini/hosts', 'ini/play');
  const host = (name: string) => inv.hosts.find((h) => h.name === name)!;

  it('reads sections, children, ranges, ports and the hosts before any section (ungrouped)', () => {
    expect(inv.file).toBe('ini/hosts');
    expect(inv.hosts.map((h) => h.name)).toEqual(['loose1', 'loose2', 'web01', 'web02', 'web03', 'web-extra.example.com', 'db-a', 'db-b', 'db-c', 'localhost']);
    expect(inv.groups).toEqual({
      all: ['loose1', 'loose2', 'web01', 'web02', 'web03', 'web-extra.example.com', 'db-a', 'db-b', 'db-c'],
      app: ['web01', 'web02', 'web03', 'web-extra.example.com', 'db-a', 'db-b', 'db-c'],
      ungrouped: ['loose1', 'loose2'],
      db: ['db-a', 'db-b', 'db-c'],
      web: ['web01', 'web02', 'web03', 'web-extra.example.com'],
    });
    expect(host('web02').groups).toEqual(['all', 'app', 'web']);
    expect(host('loose1').groups).toEqual(['all', 'ungrouped']);
    expect(host('loose2').vars.ansible_port).toBe(2200);
    expect(host('web03').location).toEqual({ file: 'ini/hosts', line: 7, column: 1 });
  });

  it('reads values as Ansible does: Python literals on host lines and in :vars, else the text', () => {
    const extra = host('web-extra.example.com').vars;
    expect(extra).toMatchObject({ ansible_port: 2222, greeting: 'hello world', flag: true, ratio: 1.5, items: [1, 'a'], zero: '010', color: '' });
    expect(host('web01').vars).toMatchObject({ site: 'shop', port_num: 8080, enabled: 'yes', truth: true, quoted: 'with spaces', answer: 42, path: '/srv/app # not a literal, so kept whole' });
  });

  it('merges inventory groups < group_vars/all < group_vars/GROUP < host < host_vars, inventory folder before the playbook folder', () => {
    // group_vars/all.yml beats [web:vars] and [db:vars]: Ansible's order, surprising but documented.
    expect(host('web01').vars.role_label).toBe('group_vars_all');
    expect(host('web01').varSources.role_label!.source).toBe('ini/group_vars/all.yml:2 (group_vars all)');
    // group_vars/web/ is a folder: its files in name order, later wins; notes.txt is not read.
    expect(host('web03').vars.listen).toBe(8081);
    expect(host('web03').vars).not.toHaveProperty('not');
    expect(host('web03').varSources.layer!.source).toBe('ini/play/group_vars/web.yml:1 (group_vars web)');
    expect(host('web01').vars).toMatchObject({ layer: 'host_vars', http_port: 9090 });
    expect(host('web02').vars.http_port).toBe(7070);
    expect(host('web03').vars.http_port).toBe(8080);
    expect(host('loose1').vars.timezone).toBe('Europe/Paris');
    // db.yml is found first, so db.yaml is not read; host_vars/db-a.json is JSON.
    expect(host('db-b').vars.engine).toBe('mariadb');
    expect(host('db-b').vars.role_label).toBe('group_vars_all');
    expect(host('db-a').vars).toMatchObject({ engine: 'mysql', replica: false });
    expect(host('localhost').vars.timezone).toBe('Europe/Paris');
  });

  it('without a playbook folder, only the inventory folder\'s group_vars/host_vars apply', () => {
    const plain = load('ini/hosts');
    const web02 = plain.hosts.find((h) => h.name === 'web02')!;
    expect(web02.vars).toMatchObject({ http_port: 8080, layer: 'group_vars_web', timezone: 'UTC' });
  });

  it('maps ansible_* connection variables and keeps passwords secret', () => {
    expect(host('web-extra.example.com').connection).toMatchObject({ kind: 'ssh', host: '192.0.2.20', port: 2222, user: 'root' });
    expect(host('web01').connection.user).toBe('deploy');
    expect(host('loose2').connection.port).toBe(2200);
    expect(host('db-a').connection.identityFile).toBe(resolve(fixtures, 'ini/keys/db_ed25519'));
    const password = host('db-a').vars.ansible_password;
    expect(password).toBeInstanceOf(Secret);
    expect((password as Secret).reveal()).toBe('s3cret pass');
    expect(host('db-a').connection.password?.reveal()).toBe('s3cret pass');
    expect(host('db-a').vars.ansible_become_password).toBeInstanceOf(Secret);
    expect(JSON.stringify(host('db-a').vars)).not.toContain('s3cret');
  });

  it('locates every bad line with a hint', () => {
    const issues = issuesOf('bad-ini/hosts.ini');
    const found = issues.map((i) => `${i.line}:${i.column} ${i.message}`);
    expect(found).toEqual([
      '2:6 expected key=value after the host name, found "ansible_port"',
      '3:1 invalid host range in "web[1:x]": "1:x" is neither a numeric nor a one-letter range',
      '4:1 cannot read host line: no closing quotation (")',
      '5:6 section [web:typo] has unknown type "typo"',
      '7:1 expected key=value, found "novalue"',
      '10:1 invalid section "[bad section]"',
      '11:1 expected a group name, found "good:"',
      '6:2 section [db:vars] is for a group that is not defined in this file',
      '9:1 [app:children] lists "missing_group", a group not defined in this file',
    ]);
    expect(issues.every((i) => i.file === 'bad-ini/hosts.ini' && i.hint)).toBe(true);
  });
});

describe('YAML inventories written for Ansible', () => {
  const inv = load('ansible-yaml/hosts.yml');
  const host = (name: string) => inv.hosts.find((h) => h.name === name)!;

  it('expands host ranges and host:port keys', () => {
    expect(inv.groups.web).toEqual(['web1', 'web2', 'edge.example.com']);
    expect(host('edge.example.com').connection).toMatchObject({ host: '192.0.2.30', port: 2201 });
    expect(host('web1').connection.port).toBe(2201); // from host_vars/web1.yaml
    expect(host('web1').vars.http_port).toBe(8000);
  });

  it('maps ansible_* variables, ssh arguments included, to the connection', () => {
    expect(host('web2').connection).toMatchObject({ user: 'root', proxyJump: 'jump@bastion:22', hostKeyChecking: 'accept-new', identityFile: resolve(fixtures, 'ansible-yaml/keys/web_ed25519') });
    expect(host('db1').connection).toMatchObject({
      kind: 'ssh', host: '192.0.2.40', become: true, becomeUser: 'postgres', proxyJump: 'ops@gw.example.com:2022', knownHostsFile: '/dev/null', hostKeyChecking: 'off',
    });
    expect(host('db1').vars.ansible_password).toBeInstanceOf(Secret);
    expect(host('db1').connection.password?.reveal()).toBe('plain-in-ansible');
    expect(host('db2').connection).toMatchObject({ kind: 'local', user: 'postgres' });
  });

  it('reports an alias that disagrees with our name, and ssh options or become methods it cannot honour', () => {
    const issues = issuesOf('alias-conflict.yaml');
    expect(issues.map((i) => [i.line, i.column, i.message])).toEqual([
      [5, 21, 'host h1: "ansible_user" gives user "admin", but user is already "root" (alias-conflict.yaml:4)'],
      [7, 32, 'ansible_ssh_common_args: the ssh option Compression has no equivalent here'],
      [9, 30, 'become method "su" is not supported'],
      [13, 25, 'host h4: "ansible_ssh_host" gives host "10.0.0.5", but host is already "10.0.0.4" (alias-conflict.yaml:11)'],
    ]);
    expect(issues[1]!.hint).toMatch(/ProxyJump/);
  });
});

describe('a directory of inventory files', () => {
  const inv = load('dir');
  const host = (name: string) => inv.hosts.find((h) => h.name === name)!;

  it('merges its files in name order (subfolders too), skipping what Ansible skips', () => {
    expect(inv.file).toBe('dir');
    expect(inv.hosts.map((h) => h.name)).toEqual(['web1', 'web2', 'db1', 'cache1', 'localhost']);
    expect(Object.keys(inv.groups).sort()).toEqual(['all', 'cache', 'db', 'stack', 'ungrouped', 'web']);
    expect(inv.groups.stack).toEqual(['web1', 'web2', 'db1']);
  });

  it('applies its own group_vars and host_vars (an extension-less file is YAML)', () => {
    expect(host('web2').vars).toMatchObject({ env_name: 'staging', listen: 80, ansible_host: '192.0.2.12' });
    expect(host('db1').vars.engine).toBe('postgres');
    expect(host('db1').varSources.engine!.source).toBe('dir/host_vars/db1:2 (host_vars db1)');
  });
});

describe('format detection', () => {
  it('reads an extension-less file that is a YAML mapping as YAML', () => {
    const inv = load('formats/inventory');
    expect(inv.hosts[0]).toMatchObject({ name: 'a1', connection: { port: 2201 } });
  });

  it('refuses inventory plugin configurations, TOML and scripts, saying how to convert them', () => {
    expect(issuesOf('formats/aws_ec2.yml')).toMatchObject([{ line: 1, column: 1, message: 'inventory plugin configurations (plugin: amazon.aws.aws_ec2) are not supported', hint: expect.stringMatching(/ansible-inventory -i FILE --list -y/) }]);
    expect(issuesOf('formats/hosts.toml')).toMatchObject([{ message: 'formats/hosts.toml: TOML inventories are not supported' }]);
    expect(issuesOf('formats/script')).toMatchObject([{ message: 'formats/script: dynamic inventory scripts are not run' }]);
  });
});
