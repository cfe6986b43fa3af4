// loadRunbook on a valid project: imports, roles (defaults, params, dependencies, handlers), scopes, ids, locations.
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRunbook } from '../../src/runbook/load-runbook.js';
import { Secret } from '../../src/core/secret.js';
import { testCatalog } from './test-catalog.js';

const project = resolve(import.meta.dirname, 'fixtures/project');
const load = (file: string) => loadRunbook(file, { catalog: testCatalog(), env: {}, cwd: project });

describe('loadRunbook (valid project)', () => {
  const runbook = load('runbooks/site.yaml');
  const [web, db] = runbook.plays;

  it('pulls in imported plays in order and names the file relative to cwd', () => {
    expect(runbook.file).toBe('runbooks/site.yaml');
    expect(runbook.plays.map((p) => [p.id, p.name, p.hosts])).toEqual([
      ['plays[0]', 'web front', 'web'],
      ['plays[1]', 'db', 'db'],
    ]);
    expect(web!.location).toEqual({ file: 'runbooks/web.yaml', line: 1, column: 3 });
  });

  it('runs role dependencies first, a role twice with different params, then the play tasks', () => {
    expect(web!.tasks.map((t) => [t.id, t.name, t.scope.role ?? '-', t.scope.params.server_name ?? '-'])).toEqual([
      ['plays[0].tasks[0]', 'base profile', 'base', '-'],
      ['plays[0].tasks[1]', 'site config', 'nginx_site', 'shop.example.com'],
      ['plays[0].tasks[2]', 'enable nginx', 'nginx_site', 'shop.example.com'],
      ['plays[0].tasks[3]', 'site config', 'nginx_site', 'admin.example.com'],
      ['plays[0].tasks[4]', 'enable nginx', 'nginx_site', 'admin.example.com'],
      ['plays[0].tasks[5]', 'motd', '-', '-'],
      ['plays[0].tasks[6]', 'hosts entry', '-', '-'],
      ['plays[0].tasks[7]', 'seed data once', '-', '-'],
      ['plays[0].tasks[8]', 'port from a var', '-', '-'],
    ]);
  });

  it('gives role tasks their role scope and play tasks the runbook folder', () => {
    const site = web!.tasks[1]!;
    const roleDir = join(project, 'roles/nginx_site');
    expect(site.scope).toEqual({
      role: 'nginx_site',
      baseDir: roleDir,
      searchDirs: [join(roleDir, 'templates'), join(roleDir, 'files')],
      defaults: { server_name: 'default.example.com', site_port: 80, nginx_enabled: true },
      params: { server_name: 'shop.example.com' },
      vars: {},
    });
    expect(web!.tasks[0]!.scope.params).toEqual({ base_pkg: 'curl' });
    expect(web!.tasks[5]!.scope).toEqual({ baseDir: join(project, 'runbooks'), searchDirs: [join(project, 'runbooks')], defaults: {}, params: {} });
    expect(site.location).toEqual({ file: 'roles/nginx_site/tasks/main.yaml', line: 1, column: 3 });
    expect(site.args).toEqual({ src: 'site.conf.njk', dest: '/etc/nginx/conf.d/{{ server_name }}.conf', mode: '0644', validate: 'nginx -t' });
    expect(site.notify).toEqual(['reload nginx']);
  });

  it('inherits play become/tags and role-entry tags; task options are normalized', () => {
    expect(web!.tasks[3]!.tags).toEqual(['web', 'admin']);
    expect(web!.tasks[1]!.tags).toEqual(['web']);
    expect(web!.tasks[5]!.become).toBe(true);
    expect(web!.tasks[8]!.become).toBe(false);
    expect(web!.tasks[2]!.when).toBe('nginx_enabled');
    const seed = web!.tasks[7]!;
    expect(seed).toMatchObject({ module: 'command', notify: ['reload nginx'], register: 'seeded', checkMode: false, ignoreErrors: true });
  });

  it("joins the role's handlers (once) to the play's", () => {
    expect(web!.handlers.map((h) => [h.id, h.name, h.scope.role ?? '-'])).toEqual([
      ['plays[0].handlers[0]', 'reload nginx', 'nginx_site'],
      ['plays[0].handlers[1]', 'restart app', '-'],
    ]);
  });

  it('normalizes serial, max_fail_percentage, verify and vars (secrets kept as Secret)', () => {
    expect(web!.serial).toEqual([1, '50%']);
    expect(web!.maxFailPercentage).toBe(20);
    expect(web!.verify.map((v) => [v.id, v.module])).toEqual([['plays[0].verify[0]', 'wait_for']]);
    const token = web!.vars.api_token;
    expect(token).toBeInstanceOf(Secret);
    expect((token as Secret).reveal()).toBe('s3cr3t-token');
    expect(String(token)).toBe('<redacted>');
    expect((token as Secret).origin).toBe('runbooks/web.yaml:5');
    expect(db!.tasks[0]!.args.content).toBe('{{ db_password }}');
  });

  it('accepts a single play written as a mapping', () => {
    const one = loadRunbook(join(project, 'runbooks/single.yaml'), { catalog: testCatalog(), env: {}, cwd: project });
    expect(one.plays.map((p) => [p.id, p.name, p.hosts, p.tasks.length])).toEqual([['plays[0]', 'single play', 'localhost', 2]]);
    expect(one.plays[0]!.tasks[1]).toMatchObject({ module: 'file', loop: ['a', 'b'], loopControl: { loopVar: 'item', label: 'dir' } });
    expect(one.plays[0]!.tasks[0]!.id).toBe('plays[0].tasks[0]');
  });
});

describe("free form (Ansible): a bare string is the module's one main argument", () => {
  it('command: STRING is command: { cmd: STRING }, templated or secret, located at the string', () => {
    const [play] = load('runbooks/free-form.yaml').plays;
    const [plain, templated, secret] = play!.tasks;
    expect(plain!.args).toEqual({ cmd: 'uptime' });
    expect(templated!.args).toEqual({ cmd: 'echo {{ greeting }} > /tmp/greeting' });
    expect(secret!.args.cmd).toBeInstanceOf(Secret);
    expect(templated!.fieldLocations?.['args.cmd']).toEqual({ file: 'runbooks/free-form.yaml', line: 9, column: 16 });
  });

  it("takes Ansible's key=value words, and a free-form command's option words", () => {
    const [, , , , , kv, inline] = load('runbooks/free-form.yaml').plays[0]!.tasks;
    expect(kv!.args).toEqual({ path: '/srv/app', state: 'directory', mode: '0755' });
    expect(inline!.args).toEqual({ cmd: '/usr/local/bin/build "release 1"', creates: '/srv/app/built' });
  });

  it('takes ansible.builtin.NAME for a module that is here as NAME', () => {
    const fq = load('runbooks/free-form.yaml').plays[0]!.tasks[4]!;
    expect(fq).toMatchObject({ module: 'copy', args: { content: 'x\n', dest: '/tmp/fq' } });
    expect(fq.fieldLocations?.['args.dest']).toEqual({ file: 'runbooks/free-form.yaml', line: 18, column: 53 });
  });

  it('takes the options from `args:` and changed_when/failed_when from the task, located where written', () => {
    const options = load('runbooks/free-form.yaml').plays[0]!.tasks[3]!;
    expect(options.args).toEqual({ cmd: '/usr/local/bin/seed', creates: '/var/lib/seeded', changed_when: 'false', failed_when: 'rc > 1' });
    expect(options.fieldLocations?.['args.creates']).toEqual({ file: 'runbooks/free-form.yaml', line: 14, column: 24 });
    expect(options.fieldLocations?.['args.changed_when']).toEqual({ file: 'runbooks/free-form.yaml', line: 15, column: 21 });
  });
});

describe('vars_files (Ansible)', () => {
  it('reads the files in order beside the runbook; a later file wins, and the files win over vars:', () => {
    const [play] = load('runbooks/vars-files.yaml').plays;
    const { token, ...plain } = play!.vars;
    expect(plain).toEqual({ site_port: 9000, owner: 'ops', region: 'us' });
    expect((token as Secret).reveal()).toBe('from-a-vars-file');
  });
});

describe('listen (Ansible): handlers notified by topic', () => {
  it('a notified topic names every handler listening to it, once, in handler order', () => {
    const [play] = load('runbooks/listen.yaml').plays;
    expect(play!.handlers.map((h) => [h.name, h.listen])).toEqual([
      ['reload nginx', ['restart web stack']],
      ['restart app', ['restart web stack']],
    ]);
    expect(play!.tasks.map((t) => t.notify)).toEqual([
      ['reload nginx', 'restart app'],
      ['restart app', 'reload nginx'],
    ]);
  });
});

describe('pre_tasks and post_tasks (Ansible)', () => {
  it('become sections of the play, in Ansible order, sharing its id; verify runs after the last; the next play keeps its index', () => {
    const plays = load('runbooks/sections.yaml').plays;
    expect(plays.map((p) => [p.id, p.name, p.tasks.map((t) => t.id), p.verify.length])).toEqual([
      ['plays[0]', 'web (pre_tasks)', ['plays[0].pre_tasks[0]'], 0],
      ['plays[0]', 'web', ['plays[0].tasks[0]'], 0],
      ['plays[0]', 'web (post_tasks)', ['plays[0].post_tasks[0]'], 1],
      ['plays[1]', 'next', ['plays[1].tasks[0]'], 0],
    ]);
  });

  it('meta: flush_handlers cuts the tasks there, so the handlers notified before it run there', () => {
    const plays = load('runbooks/flush.yaml').plays;
    expect(plays.map((p) => [p.name, p.tasks.map((t) => t.id), p.handlers.map((h) => h.name)])).toEqual([
      ['flush', ['plays[0].tasks[0]'], ['h']],
      ['flush (after flush_handlers)', ['plays[0].tasks[1]'], ['h']],
    ]);
  });
});

describe('become_user (Ansible)', () => {
  it("is inherited from the play by its tasks and handlers; a task's own wins", () => {
    const [play] = load('runbooks/become-user.yaml').plays;
    expect(play!.tasks.map((t) => t.becomeUser)).toEqual(['postgres', 'root']);
    expect(play!.handlers.map((h) => h.becomeUser)).toEqual(['postgres']);
  });
});

