// What an Ansible user types out of habit: -C, -l, -t, and ansible.builtin.import_playbook.
import { afterAll, describe, expect, it } from 'vitest';
import { createLocalProject } from './local-project.js';
import { describeRun } from './run-cli.js';

describe("Ansible's command-line habits", () => {
  const project = createLocalProject('habits');
  afterAll(() => project.remove());
  project.writeRunbook('site.yaml', [
    '- hosts: all',
    '  tasks:',
    `    - copy: { content: "a\\n", dest: "${project.dir}/a.txt" }`,
    '      tags: [conf]',
    `    - copy: { content: "b\\n", dest: "${project.dir}/b.txt" }`,
  ]);
  project.writeRunbook('outer.yaml', ['- ansible.builtin.import_playbook: site.yaml']);

  it('-C is --check, -l is --limit, -t is --tags', async () => {
    const r = await project.run('apply', 'site.yaml', '-i', 'inv.yaml', '-C', '-l', 'me', '-t', 'conf', '--json');
    expect(r.code, describeRun(r)).toBe(0);
    const json = JSON.parse(r.stdout) as { check: boolean; hosts: Record<string, { changed: number; skipped: number }> };
    expect(json.check).toBe(true);
    expect(json.hosts.me).toMatchObject({ changed: 1, skipped: 1 });
    const none = await project.run('check', 'site.yaml', '-i', 'inv.yaml', '-l', 'nobody');
    expect(none.code, describeRun(none)).not.toBe(0);
  });

  it('takes ansible.builtin.import_playbook as import_playbook', async () => {
    const r = await project.run('validate', 'outer.yaml', '-i', 'inv.yaml');
    expect(r.code, describeRun(r)).toBe(0);
    expect(r.stdout).toContain('1 play, 2 task runs');
  });
});
