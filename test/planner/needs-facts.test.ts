// Tasks that read Ansible's facts wait for them (needs-facts), guess their own requests on stand-in
// facts, and are prepared for real with the host's; the rest are prepared as always.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Host, Inventory } from '../../src/core/host.js';
import type { Play, Task } from '../../src/core/runbook.js';
import { createModuleCatalog } from '../../src/modules/registry.js';
import type { VarsContext } from '../../src/planner/prepare-deps.js';
import { prepareTaskRuns } from '../../src/planner/prepare-task.js';
import type { NeedsFactsTask, PreparedTask, PrepareResult } from '../../src/planner/prepared-task.js';
import { createRenderer } from '../../src/vars/render.js';

const catalog = createModuleCatalog();
const host = { name: 'web1.example.com', address: '10.0.0.1', groups: ['all', 'web'], vars: {}, varSources: {} } as unknown as Host;
const inventory = { hosts: [host], groups: { all: ['web1.example.com'], web: ['web1.example.com'], db: [] } } as unknown as Inventory;
const vars: VarsContext = { inventory, extraVars: {}, env: {}, renderer: createRenderer(), run: { check: true, playHosts: ['web1.example.com'], playbookDir: '/srv/rb' } };
const templates = mkdtempSync(join(tmpdir(), 'rb-needs-facts-'));
writeFileSync(join(templates, 'motd.njk'), 'on {{ ansible_facts.distribution }}\n');

function task(args: Record<string, unknown>, extra: Partial<Task> = {}): Task {
  return {
    id: 'plays[0].tasks[0]', name: 'motd', module: 'copy', args, notify: [], tags: [],
    location: { file: 'site.yaml', line: 4, column: 7 },
    scope: { baseDir: templates, searchDirs: [templates], defaults: {}, params: {} },
    ...extra,
  };
}

const play = (extra: Partial<Play> = {}) => ({ name: 'p', vars: {}, ...extra }) as Play;
const prepared = (results: PrepareResult[]): PreparedTask => {
  expect(results).toHaveLength(1);
  const [r] = results;
  if (!r!.ok) throw new Error(r!.issue.message);
  return r!.prepared;
};
const content = (p: PreparedTask) => (p.state === 'ready' ? (p.args as { content: Buffer }).content.toString() : p.state);

describe('needs-facts', () => {
  it('a task naming a fact waits for them, asks for them and for its own file, then renders with the real ones', () => {
    const waiting = prepared(prepareTaskRuns(task({ content: '{{ ansible_distribution }}\n', dest: '/etc/motd' }), play(), host, { vars, catalog })) as NeedsFactsTask;
    expect(waiting.state).toBe('needs-facts');
    expect(waiting.provisional).toContainEqual({ kind: 'host' });
    expect(waiting.provisional.map((r) => ('path' in r ? r.path : r.kind))).toContain('/etc/motd');
    expect(content(prepared(waiting.prepare({ distribution: 'Rocky' })))).toBe('Rocky\n');
  });

  it('through a variable, a template file, a `when` on another family: each is seen', () => {
    const viaVar = play({ vars: { greeting: 'hi {{ ansible_hostname }}' } });
    expect(prepared(prepareTaskRuns(task({ content: '{{ greeting }}', dest: '/etc/motd' }), viaVar, host, { vars, catalog })).state).toBe('needs-facts');
    const viaFile = prepared(prepareTaskRuns(task({ src: 'motd.njk', dest: '/etc/motd' }, { module: 'template' }), play(), host, { vars, catalog }));
    expect(viaFile.state).toBe('needs-facts');
    const redHatOnly = prepared(prepareTaskRuns(task({ content: 'x', dest: '/etc/redhat' }, { when: "ansible_os_family == 'RedHat'" }), play(), host, { vars, catalog })) as NeedsFactsTask;
    // The stand-in facts are Debian's; the branch they skip is still gathered for.
    expect(redHatOnly.provisional.map((r) => ('path' in r ? r.path : r.kind))).toContain('/etc/redhat');
    expect(prepared(redHatOnly.prepare({ os_family: 'Debian' })).state).toBe('skipped');
  });

  it('a task that names no fact is ready at once; gather_facts: false leaves the name undefined', () => {
    expect(prepared(prepareTaskRuns(task({ content: 'plain', dest: '/etc/motd' }), play(), host, { vars, catalog })).state).toBe('ready');
    const [refused] = prepareTaskRuns(task({ content: '{{ ansible_distribution }}', dest: '/etc/motd' }), play({ gatherFacts: false }), host, { vars, catalog });
    expect(refused!.ok).toBe(false);
  });

  it('magic variables and omit', () => {
    const p = prepared(
      prepareTaskRuns(
        task({ content: '{{ inventory_hostname_short }} {{ group_names | join(",") }} {{ ansible_check_mode }} {{ playbook_dir }} {{ play_hosts | length }}', dest: '/etc/motd', mode: '{{ nothing | default(omit) }}' }),
        play(),
        host,
        { vars, catalog },
      ),
    );
    expect(content(p)).toBe('web1 web True /srv/rb 1');
    expect(p.state === 'ready' && 'mode' in (p.args as object)).toBe(false);
  });
});
