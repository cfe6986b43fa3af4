// Differential test of changed_when / failed_when on modules other than command (issue #18): the same tasks with
// ansible-playbook (the specification) and with runbook, on the same starting files: the same changed/ok/failed per
// task, the same files (a handler notified through changed_when writes one; a task writes what its rules left in its
// registered result), and a second run that changes nothing. dev-sec os_hardening's replace over a missing file included.
import { describe, expect, it } from 'vitest';
import { ansibleMissing, runAnsible, runRunbook, type DifferentialCase } from './ansible-differential.js';

const task = (name: string, files: DifferentialCase['files'], module: string, args: Record<string, unknown>, keywords: Record<string, unknown>): DifferentialCase => ({ name, files, module, args, keywords });
/** What the rules left in a registered result, written to a file: both sides must write the same bytes. */
const seen = (name: string, register: string, dest: string): DifferentialCase =>
  task(name, {}, 'copy', { dest: `@/${dest}`, content: `{{ ${register}.changed }} {{ ${register}.failed }} {{ ${register}.failed_when_result | default('-') }} {{ ${register}.rc | default('-') }} {{ ${register}.msg | default('') | basename }}\n` }, {});

const CASES: DifferentialCase[] = [
  task('replace on a missing file: rc 257 is no failure', {}, 'replace', { path: '@/missing.conf', regexp: '^\\s*gpgcheck\\W.*', replace: 'gpgcheck=1', mode: '0644' }, { register: 'status', failed_when: 'status.rc is defined and status.rc not in (257, 0)' }),
  seen('what failed_when left of the missing file', 'status', 'seen-missing'),
  task('replace that changes, the same failed_when', { 'yum.conf': 'gpgcheck=0\n' }, 'replace', { path: '@/yum.conf', regexp: '^\\s*gpgcheck\\W.*', replace: 'gpgcheck=1', mode: '0644' }, { register: 'gpg', failed_when: 'gpg.rc is defined and gpg.rc not in (257, 0)' }),
  seen('what failed_when left of the change', 'gpg', 'seen-change'),
  task('replace with nothing to replace, the same failed_when', { 'done.conf': 'gpgcheck=1\n' }, 'replace', { path: '@/done.conf', regexp: '^\\s*gpgcheck=0', replace: 'gpgcheck=1' }, { register: 'done', failed_when: 'done.rc is defined and done.rc not in (257, 0)' }),
  task('lineinfile changed_when false: written, reported ok, notifies nothing', { 'quiet.txt': 'a\n' }, 'lineinfile', { path: '@/quiet.txt', line: 'b' }, { changed_when: false, notify: 'quiet handler' }),
  task('lineinfile changed_when over its own result', { 'expr.txt': 'a\n' }, 'lineinfile', { path: '@/expr.txt', line: 'c' }, { register: 'added', changed_when: "added.changed and 'added' in added.msg" }),
  task('lineinfile changed_when over its own result, nothing to add', { 'same.txt': 'a\n' }, 'lineinfile', { path: '@/same.txt', line: 'a' }, { register: 'kept', changed_when: 'not kept.changed' }),
  task('changed_when true on a task that changes nothing notifies', { 'already.txt': 'a\n' }, 'lineinfile', { path: '@/already.txt', line: 'a' }, { changed_when: true, notify: 'loud handler' }),
  task('a failed_when list, all of it holding but one', {}, 'replace', { path: '@/nope.conf', regexp: 'x' }, { register: 'nope', failed_when: ['nope.failed', "'does not exist' not in nope.msg"] }),
  seen('what the failed_when list left', 'nope', 'seen-list'),
  task('lineinfile on a folder: rc 256 under failed_when', { dir: { directory: 0o755 } }, 'lineinfile', { path: '@/dir', line: 'x' }, { register: 'folder', failed_when: 'folder.rc != 256' }),
  task('file state=file on a missing path, its message tested', {}, 'file', { path: '@/absent', state: 'file' }, { register: 'gone', failed_when: "'is absent' not in gone.msg" }),
  task('failed_when false over a change', { 'f.txt': 'a\n' }, 'lineinfile', { path: '@/f.txt', line: 'z' }, { failed_when: false }),
];

const HANDLERS: DifferentialCase[] = [
  task('quiet handler', {}, 'copy', { dest: '@/quiet-ran', content: 'ran\n' }, {}),
  task('loud handler', {}, 'copy', { dest: '@/loud-ran', content: 'ran\n' }, {}),
];
const CREATED = ['seen-missing', 'seen-change', 'seen-list', 'missing.conf', 'nope.conf', 'absent', 'quiet-ran', 'loud-ran'];

// Each failing case alone: a failure ends the host's play in both.
const FAILING: DifferentialCase[] = [
  task('failed_when over the result of a change fails it, the change made', { 'w.txt': 'a\n' }, 'lineinfile', { path: '@/w.txt', line: 'w' }, { register: 'w', failed_when: 'w.changed' }),
  task('failed_when list holding over a missing file fails', {}, 'replace', { path: '@/nope2', regexp: 'x' }, { register: 'n2', failed_when: ['n2.failed', "'No such file' not in n2.msg"] }),
  task('failed_when sees the changed that changed_when set', { 's.txt': 'a\n' }, 'lineinfile', { path: '@/s.txt', line: 'a' }, { register: 's', changed_when: true, failed_when: 's.changed' }),
  task('an undefined name in changed_when fails the task', { 'u.txt': 'a\n' }, 'lineinfile', { path: '@/u.txt', line: 'a' }, { changed_when: 'nosuch.rc == 0' }),
];

const skip = ansibleMissing();
describe.skipIf(skip !== undefined)(`changed_when / failed_when match ansible-playbook${skip ? ` (skipped: ${skip})` : ''}`, () => {
  it('the same outcome per task, the same files and handlers, nothing on a rerun', { timeout: 180_000 }, async () => {
    const [ansible, runbook] = await Promise.all([runAnsible(CASES, CREATED, HANDLERS), runRunbook(CASES, CREATED, HANDLERS)]);
    expect(Object.keys(ansible.outcome), ansible.output).toHaveLength(CASES.length);
    // The handler's run shows in the files (Ansible's RUNNING HANDLER lines are not read).
    const tasks = Object.fromEntries(Object.entries(runbook.outcome).filter(([name]) => !name.startsWith('handler: ')));
    expect(tasks, runbook.output).toEqual(ansible.outcome);
    expect(runbook.files).toEqual(ansible.files);
    expect(runbook.files['loud-ran'], 'changed_when: true notified its handler').not.toBe('absent');
    expect(runbook.files['quiet-ran'], 'changed_when: false notified nothing').toBe('absent');
    // changed_when: true reports a change on every run, under both.
    expect(runbook.rerunChanged).toBe(ansible.rerunChanged);
  });

  it.each(FAILING.map((c) => [c.name, c] as const))('fails as Ansible does: %s', { timeout: 120_000 }, async (_name, failing) => {
    const [ansible, runbook] = await Promise.all([runAnsible([failing]), runRunbook([failing])]);
    expect(ansible.outcome, ansible.output).toEqual({ [failing.name]: 'failed' });
    expect(runbook.output).toContain(`me: FAILED: ${failing.name} (site.yaml:1)`);
    expect(runbook.files).toEqual(ansible.files);
  });
});
