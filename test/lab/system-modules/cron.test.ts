// cron against Ansible 2.14 on two lab hosts: the same user crontabs and cron.d files, task by task the same changed/ok, a rerun in one exec.
import { describe, expect, it } from 'vitest';
import { inHostOk, labInfo, labSkipReason } from '../helpers/index.js';
import { diffPair, expectSameAsAnsible, type Tasks } from './ansible-diff.js';

const lab = labInfo();
if (!lab) console.warn(`[lab] skipped: ${labSkipReason()}`);

// Two plays, each consistent in itself (a task undoing an earlier one of the same play would be
// reported as not converged by runbook's verification, rightly).
const CREATE: Tasks = [
  ['hand-written line gets its marker', 'cron: { name: backup, minute: 30, hour: 2, job: /usr/local/bin/backup, user: root }'],
  ['special time', 'cron: { name: boot, special_time: reboot, job: /srv/start, user: root }'],
  ['variable first', 'cron: { name: MAILTO, env: true, job: ops@example.com, user: root }'],
  ['variable after another', 'cron: { name: SHELL, env: true, job: /bin/bash, insertafter: MAILTO, user: root }'],
  ['first job again', 'cron: { name: backup, minute: "30", hour: "2", job: /usr/local/bin/backup, user: root }'],
  ['disabled job of a user without a crontab', 'cron: { name: sweep, minute: "*/5", job: "find /tmp -mtime +7 -delete", disabled: true, user: daemon }'],
  ['absent already', 'cron: { name: nope, state: absent, user: daemon }'],
  ['new cron.d file', 'cron: { name: rotate, user: root, hour: 4, minute: 0, job: /usr/sbin/rotate-extra, cron_file: rb-rotate }'],
  ['second job in it', 'cron: { name: report, user: daemon, special_time: weekly, job: /usr/bin/report, cron_file: rb-rotate }'],
  ['cron.d file lacking its final newline', 'cron: { name: old, user: root, minute: 1, hour: 1, job: /bin/old, cron_file: /etc/cron.d/rb-old }'],
];

const MODIFY: Tasks = [
  ['job changed', 'cron: { name: backup, minute: 45, hour: 2, job: /usr/local/bin/backup, user: root }'],
  ['variable changed', 'cron: { name: MAILTO, env: true, job: root, user: root }'],
  ['job removed', 'cron: { name: boot, state: absent, user: root }'],
  ['variable removed', 'cron: { name: SHELL, env: true, state: absent, user: root }'],
  ['cron.d job removed', 'cron: { name: rotate, state: absent, cron_file: rb-rotate }'],
  ['last cron.d job removed, the file goes', 'cron: { name: report, state: absent, cron_file: rb-rotate }'],
];

/** A hand-written root crontab (no markers), and a cron.d file without its final newline. */
const SEED = `printf '# mine\\n30 2 * * * /usr/local/bin/backup\\n' | crontab -u root -
printf '#Ansible: old\\n1 1 * * * root /bin/old' > /etc/cron.d/rb-old`;

/** What the tasks leave: the crontabs as crontab lists them, the spool files' modes, the cron.d files. */
const STATE = `for u in root daemon; do echo "== $u"; crontab -u $u -l 2>&1; done
stat -c '%n %a %U %G' /var/spool/cron/crontabs/* 2>&1
for f in /etc/cron.d/rb-rotate /etc/cron.d/rb-old; do echo "== $f"; stat -c '%a %U %G' "$f" 2>/dev/null && cat "$f"; done; true`;

describe.skipIf(!lab)('cron: the same result as ansible-playbook', () => {
  const pair = diffPair((host) => inHostOk(host.name, SEED).then(() => undefined));

  for (const [play, tasks, oks] of [['create', CREATE, 2], ['modify', MODIFY, 0]] as const) {
    it(`${play}: each task changes as Ansible's does, the crontabs and cron.d files come out the same, and a rerun changes nothing in one exec`, async () => {
      const { state: r, rerunExecs } = await expectSameAsAnsible(pair, tasks, oks, STATE);
      expect(r).toContain(play === 'create' ? '#Ansible: backup\n30 2 * * * /usr/local/bin/backup\n' : '#Ansible: backup\n45 2 * * * /usr/local/bin/backup\n');

      expect(rerunExecs, 'a no-change run is one exec').toBe(1);
    }, 180_000);
  }
});
