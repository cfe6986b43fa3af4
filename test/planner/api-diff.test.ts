// A cloud resource's change (and a crontab a command installs) reads as a diff headed by its label (`--- EIP iam-eip`), a file's as git's a/ b/ paths.
import type { Transport } from '../../src/core/transport.js';
import { createRedactor } from '../../src/core/redactor.js';
import { describe, expect, it } from 'vitest';
import type { Host } from '../../src/core/host.js';
import type { ControllerModule, HostModule } from '../../src/core/module.js';
import type { Play, Task } from '../../src/core/runbook.js';
import type { FactSet } from '../../src/core/facts.js';
import { createOverlayFacts } from '../../src/facts/overlay-facts.js';
import { renderFileDiff } from '../../src/planner/file-diff.js';
import { planTask } from '../../src/planner/plan-task.js';
import type { PreparedTask } from '../../src/planner/prepared-task.js';

const eipModule: ControllerModule<Record<string, never>> = {
  name: 'fake_eip',
  summary: 'an EIP',
  target: 'controller',
  schema: { safeParse: () => ({ success: true, data: {} }) },
  planRemote: async () => ({
    status: 'change',
    changes: [{ kind: 'api', module: 'fake_eip', action: 'AllocateAddresses', resource: 'EIP iam-eip', before: null, after: { name: 'iam-eip' }, payload: {}, reason: 'absent' } as never],
  }),
  applyApi: async () => undefined,
};

const host = { name: 'localhost', address: '127.0.0.1', groups: [], vars: {}, varSources: {} } as unknown as Host;
const controller = { env: {}, redact: createRedactor(), log: () => undefined };

function taskOf(module: string): Task {
  return { id: 't', name: module, module, args: {}, notify: [], tags: [], location: { file: 'x.yaml', line: 1, column: 1 }, scope: { baseDir: '/', searchDirs: [], defaults: {}, params: {} } } as Task;
}

describe('diff headers', () => {
  it('name a cloud resource by its label, current and planned', async () => {
    const prepared: PreparedTask = { state: 'ready', task: taskOf('fake_eip'), play: {} as Play, host, module: eipModule, args: {}, vars: {} };
    const planned = await planTask(prepared, createOverlayFacts({ get: () => undefined } as unknown as FactSet), {}, { controller, transport: {} as Transport });
    const diff = planned.changes[0]!.diff!;
    expect(diff.split('\n').slice(0, 2)).toEqual(['--- EIP iam-eip\tcurrent', '+++ EIP iam-eip\tplanned']);
    expect(diff).toContain('-(absent)');
    expect(diff).toContain('+  "name": "iam-eip"');
  });

  it("name what a command rewrites by its label (a user's crontab), current and planned", async () => {
    const crontab: HostModule<Record<string, never>> = {
      name: 'fake_cron',
      summary: 'a crontab',
      target: 'host',
      schema: { safeParse: () => ({ success: true, data: {} }) },
      facts: () => [],
      plan: () => ({
        status: 'change',
        changes: [{ kind: 'command', command: 'crontab -u deploy -', reason: 'job added', files: [{ path: 'crontab of deploy', before: '', after: '#Ansible: a\n@daily a\n' }] }],
      }),
    };
    const prepared: PreparedTask = { state: 'ready', task: taskOf('fake_cron'), play: {} as Play, host, module: crontab, args: {}, vars: {} };
    const planned = await planTask(prepared, createOverlayFacts({ get: () => undefined } as unknown as FactSet), {}, { controller, transport: {} as Transport });
    const diff = planned.changes[0]!.diff!;
    expect(diff.split('\n').slice(0, 2)).toEqual(['--- crontab of deploy\tcurrent', '+++ crontab of deploy\tplanned']);
    expect(diff).toContain('+#Ansible: a\n+@daily a\n');
  });

  it('keep git\'s a/ and b/ for files', () => {
    const diff = renderFileDiff('/etc/motd', Buffer.from('old\n'), Buffer.from('new\n'));
    expect(diff.split('\n').slice(0, 2)).toEqual(['--- a/etc/motd\tremote', '+++ b/etc/motd\tdesired']);
  });
});
