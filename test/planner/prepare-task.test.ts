// prepareTask before any host is contacted: tags (Ansible's rules), `when`, loops, located errors.
import { describe, expect, it } from 'vitest';
import type { Host, Inventory } from '../../src/core/host.js';
import type { Play, Task } from '../../src/core/runbook.js';
import { createModuleCatalog } from '../../src/modules/registry.js';
import type { VarsContext } from '../../src/planner/prepare-deps.js';
import { prepareTask, prepareTaskRuns } from '../../src/planner/prepare-task.js';
import type { PrepareResult } from '../../src/planner/prepared-task.js';
import { createRenderer } from '../../src/vars/render.js';

const catalog = createModuleCatalog();
// `missing_flag` is there and false: an undefined name in `when` is an error (test/vars/evaluate-condition.test.ts).
const hostVars = { port: 8080, enabled: true, items: ['a', 'b'], missing_flag: false };
const host = { name: 'h1', address: '10.0.0.1', groups: ['all'], vars: hostVars, varSources: {} } as unknown as Host;
const play = { name: 'p', vars: {} } as Play;
const inventory = { hosts: [host], groups: { all: ['h1'] } } as unknown as Inventory;
const vars: VarsContext = { inventory, extraVars: {}, env: {}, renderer: createRenderer() };

/** The reason a prepared task is skipped, or undefined when it is not (or could not be prepared). */
function skipOf(r: PrepareResult): string | undefined {
  return r.ok && r.prepared.state === 'skipped' ? r.prepared.reason : undefined;
}

function task(extra: Partial<Task> = {}): Task {
  return {
    id: 'plays[0].tasks[0]',
    name: 'motd',
    module: 'copy',
    args: { content: 'port {{ port }}\n', dest: '/etc/motd' },
    notify: [],
    tags: [],
    location: { file: 'site.yaml', line: 4, column: 7 },
    fieldLocations: { 'args.dest': { file: 'site.yaml', line: 6, column: 13 }, when: { file: 'site.yaml', line: 7, column: 13 } },
    scope: { baseDir: '/', searchDirs: [], defaults: {}, params: {} },
    ...extra,
  };
}

describe('prepareTask', () => {
  it('renders the args and keeps the task runnable', () => {
    const r = prepareTask(task(), play, host, { vars, catalog });
    expect(skipOf(r)).toBe(undefined);
    expect(r.ok && r.prepared.state === 'ready' && (r.prepared.args as { content: Buffer }).content.toString()).toBe('port 8080\n');
  });

  it('follows Ansible tags: --tags selects, always runs, never does not, --skip-tags wins', () => {
    const skip = (tags: string[], filter: { tags?: string[]; skipTags?: string[] }) => {
      const r = prepareTask(task({ tags }), play, host, { vars, catalog, filter });
      return r.ok ? skipOf(r) : 'error';
    };
    expect(skip(['web'], { tags: ['web'] })).toBeUndefined();
    expect(skip(['db'], { tags: ['web'] })).toMatch(/not selected by --tags web/);
    expect(skip(['always'], { tags: ['web'] })).toBeUndefined();
    expect(skip(['never'], {})).toBe('tags: never');
    expect(skip(['web'], { tags: ['web'], skipTags: ['web'] })).toMatch(/skip-tags/);
  });

  it('skips with the condition as the reason when `when` is false', () => {
    const r = prepareTask(task({ when: 'missing_flag' }), play, host, { vars, catalog });
    expect(skipOf(r)).toBe('when: missing_flag is false');
  });

  it('points an undefined variable in an argument at that argument\'s line', () => {
    const r = prepareTask(task({ args: { content: 'x', dest: '/etc/{{ nope }}' } }), play, host, { vars, catalog });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.issue).toMatchObject({ file: 'site.yaml', line: 6, column: 13, path: 'plays[0].tasks[0].copy.dest' });
      expect(r.issue.message).toContain('copy.dest: undefined variable "nope"');
    }
  });

  it('runs a loop once per item with the item as a variable', () => {
    const runs = prepareTaskRuns(task({ loop: '{{ items }}', args: { content: '{{ item }}', dest: '/etc/{{ item }}' } }), play, host, { vars, catalog });
    expect(runs.map((r) => r.ok && r.prepared.task.name)).toEqual(['motd (a)', 'motd (b)']);
    expect(runs.map((r) => r.ok && r.prepared.state === 'ready' && (r.prepared.args as { dest: string }).dest)).toEqual(['/etc/a', '/etc/b']);
  });
});
