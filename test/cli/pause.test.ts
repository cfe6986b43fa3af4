// `pause`: the controller waits once for the batch (not once per host), every host registering its result;
// `check` plans it and waits for nothing; what runbook cannot do (wait for Enter, hide typed input) is refused at load.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLocalProject, type LocalProject } from './local-project.js';

let project: LocalProject;
beforeEach(() => {
  project = createLocalProject('pause');
  writeFileSync(join(project.dir, 'two.yaml'), 'all:\n  hosts:\n    me: { connection: local }\n    me2: { connection: local }\n');
});
afterEach(() => project.remove());

const site = (pause: string): string[] => [
  '- hosts: all',
  '  tasks:',
  `    - copy: { content: "x\\n", dest: "${project.dir}/c-{{ inventory_hostname }}" }`,
  `    - pause: ${pause}`,
  '      register: waited',
  `    - copy: { content: "{{ waited.stdout }} {{ waited.delta }}\\n", dest: "${project.dir}/d-{{ inventory_hostname }}" }`,
];

describe('pause', () => {
  it('waits once for the batch, each host registering what it returned', { timeout: 60_000 }, async () => {
    project.writeRunbook('site.yaml', site('{ seconds: 2 }'));
    const started = Date.now();
    const applied = await project.run('apply', 'site.yaml', '-i', 'two.yaml', '--yes', '--forks', '1');
    const elapsed = Date.now() - started;
    expect(applied.code, applied.output).toBe(0);
    // One host ran it (and waited); with forks 1 a pause per host would have taken 4 s.
    expect(applied.output.match(/: ok: pause/g)).toHaveLength(1);
    expect(elapsed).toBeGreaterThanOrEqual(2000);
    expect(elapsed).toBeLessThan(4000);
    for (const host of ['me', 'me2']) expect(readFileSync(join(project.dir, `d-${host}`), 'utf8')).toBe('Paused for 2.0 seconds 2\n');
  });

  it('as a handler it waits too, the wait shown as its time', { timeout: 60_000 }, async () => {
    project.writeRunbook('site.yaml', [
      '- hosts: me',
      '  tasks:',
      `    - copy: { content: "x\\n", dest: "${project.dir}/h" }`,
      '      notify: settle',
      '  handlers:',
      '    - name: settle',
      '      pause: { seconds: 1 }',
    ]);
    const applied = await project.run('apply', 'site.yaml', '-i', 'inv.yaml', '--yes');
    expect(applied.code, applied.output).toBe(0);
    expect(Number(/ok: handler: settle \((\d+) ms\)/.exec(applied.output)?.[1])).toBeGreaterThanOrEqual(1000);
  });

  it('check shows it in the plan and waits for nothing', { timeout: 60_000 }, async () => {
    project.writeRunbook('site.yaml', site('{ minutes: 1, prompt: "warming up" }'));
    const started = Date.now();
    const checked = await project.run('check', 'site.yaml', '-i', 'two.yaml', '-v');
    expect(checked.code, checked.output).toBe(0);
    expect(checked.stdout).toContain('pause 60 s: warming up');
    expect(Date.now() - started).toBeLessThan(30_000);
  });

  it.each([
    ['{ prompt: "press enter" }', 'runbook does not wait for Enter'],
    ['{}', 'runbook does not wait for Enter'],
    ['{ seconds: 1, echo: false }', 'echo hides typed input'],
    ['{ seconds: 1, minutes: 1 }', 'mutually exclusive: minutes|seconds'],
    ['{ seconds: "1.5" }', 'must be a whole number'],
  ])('refuses %s at load', async (args, message) => {
    project.writeRunbook('site.yaml', site(args));
    const validated = await project.run('validate', 'site.yaml', '-i', 'two.yaml');
    expect(validated.code).toBe(4);
    expect(validated.stderr).toContain(message);
  });
});
