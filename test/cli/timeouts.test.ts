// Timeouts end to end: a task's `timeout:` kills its command and fails the task (exit 2); `--timeout` bounds a connect to a silent sshd (exit 3).
import { writeFileSync } from 'node:fs';
import { createServer, type Socket } from 'node:net';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createLocalProject } from './local-project.js';

const project = createLocalProject('timeouts');
afterAll(() => project.remove());

describe("the task keyword timeout: (Ansible's)", () => {
  project.writeRunbook('slow.yaml', [
    '- name: slow',
    '  hosts: me',
    '  tasks:',
    '    - name: never ends',
    '      command: sleep 300',
    '      timeout: 1',
    '    - name: after',
    `      copy: { content: "x\\n", dest: ${project.dir}/after }`,
    '',
  ]);

  it('kills the command past the timeout and fails the task, exit 2, saying so', async () => {
    const started = Date.now();
    const r = await project.apply('slow.yaml');
    expect(Date.now() - started, 'did not end within a generous bound').toBeLessThan(60_000);
    expect(r.code, r.stderr).toBe(2);
    const json = JSON.parse(r.stdout);
    expect(json.hosts.me).toMatchObject({ failed: 1, unreachable: false });
    expect(json.errors).toEqual([expect.objectContaining({ host: 'me', task: 'never ends', message: expect.stringContaining("timed out after 1 s (the task's timeout:)") })]);
  });

  it('refuses a timeout that is not a number of seconds, at load (exit 4)', async () => {
    project.writeRunbook('bad.yaml', ['- hosts: me', '  tasks:', '    - command: "true"', '      timeout: soon', '']);
    const r = await project.check('bad.yaml');
    expect(r.code).toBe(4);
    expect(r.stderr + r.stdout).toMatch(/bad\.yaml:4:\d+.*timeout must be a number of seconds, found string "soon"/);
  });
});

describe('--timeout', () => {
  it('bounds the connect to a host that accepts TCP but never sends the SSH banner (exit 3)', async () => {
    // Accepted, and never answered: nothing is ever sent back.
    const sockets: Socket[] = [];
    const server = createServer((s) => sockets.push(s));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as { port: number }).port;
    try {
      writeFileSync(join(project.dir, 'silent.yaml'), `all:\n  hosts:\n    mute: { host: 127.0.0.1, port: ${port}, user: root, host_key_checking: off }\n`);
      project.writeRunbook('mute.yaml', ['- hosts: mute', '  tasks:', '    - command: "true"', '']);
      const started = Date.now();
      const r = await project.run('apply', 'mute.yaml', '-i', 'silent.yaml', '--yes', '--json', '--timeout', '1');
      expect(Date.now() - started, 'did not end within a generous bound').toBeLessThan(60_000);
      expect(r.code, r.stderr).toBe(3);
      const json = JSON.parse(r.stdout);
      expect(json.hosts.mute.unreachable).toBe(true);
      expect(JSON.stringify(json.errors)).toContain(`ssh connect timed out after 1s to root@127.0.0.1:${port}`);
    } finally {
      sockets.forEach((s) => s.destroy());
      server.close();
    }
  });
});
