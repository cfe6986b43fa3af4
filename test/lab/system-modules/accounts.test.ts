// user and group against Ansible 2.14 on two lab hosts: the same plays leave the same account files, task by task the same changed/ok.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inHostOk, labInfo, labSkipReason, resetLabHosts, type LabHostInfo } from '../helpers/index.js';
import { diffWorkspace, expectOwnRoot, type DiffWorkspace, type Tasks } from './ansible-diff.js';

const lab = labInfo();
if (!lab) console.warn(`[lab] skipped: ${labSkipReason()}`);

const HASH = '$6$rbsalt$FHW4Udq4u2zlnf1WOqGCz0SN/hik44.nA6tMvqF0DqW2ri59IeYM1Z64/1uB2ty.OKGSMDdxNgDcO6lTjOsDr1';
const OTHER_HASH = '$6$rbsalt2$h/QHqSr75XT8jyBUIOIOcVCAhzMzR31FiGWAiNCMdtHrrel6J8anJGlIcPaVq3UhFFgGx4C5S51VXFE4Umqv6/';

const CREATE: Tasks = [
  ['group with gid', 'group: { name: rbdeploy, gid: 2301 }'],
  ['system group', 'group: { name: rbextra, system: true }'],
  ['account with everything', `user: { name: rbalice, uid: 2301, group: rbdeploy, groups: [rbextra, adm], shell: /bin/bash, comment: "Alice R", home: /home/rbalice, password: "${HASH}" }`],
  ['system account without home', 'user: { name: rbbob, system: true, create_home: false, shell: /usr/sbin/nologin }'],
  ['own group exists', 'group: { name: rbcarol }'],
  ['account whose group exists', 'user: { name: rbcarol }'],
  ['account to remove', 'user: { name: rbtemp, comment: temp }'],
  ['absent group never made', 'group: { name: rbnever, state: absent }'],
];

const MODIFY: Tasks = [
  ['primary group, shell, appended group', 'user: { name: rbalice, group: users, shell: /bin/sh, groups: [users], append: true }'],
  ['password kept on_create', `user: { name: rbalice, password: "${OTHER_HASH}", update_password: on_create }`],
  ['password changed', `user: { name: rbcarol, password: "${HASH}" }`],
  ['gid changed', 'group: { name: rbextra, gid: 2390 }'],
  ['groups replaced, uid and comment', 'user: { name: rbcarol, uid: 2350, comment: Carol, groups: [rbextra] }'],
  ['no groups to remove', 'user: { name: rbbob, groups: [] }'],
  ['account removed with home', 'user: { name: rbtemp, state: absent, remove: true }'],
  ['its group went with it', 'group: { name: rbtemp, state: absent }'],
];

/** The account lines the plays touch, and what the homes hold. */
const STATE = `grep -E '^rb' /etc/passwd /etc/group /etc/gshadow; grep -E '^rb' /etc/shadow | cut -d: -f1,2,4-
for h in /home/rbalice /home/rbtemp /home/rbcarol /home/rbbob; do [ -e "$h" ] && stat -c '%n %a %U %G' "$h" && ls -A "$h"; done; true`;

const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

describe.skipIf(!lab)('user and group: the same result as ansible-playbook', () => {
  let ws: DiffWorkspace;
  let ansibleHost: LabHostInfo;
  let runbookHost: LabHostInfo;
  const machine = { passwd: '', group: '', shadow: '' };

  beforeAll(async () => {
    [ansibleHost, runbookHost] = lab!.hosts.slice(2, 4) as [LabHostInfo, LabHostInfo];
    await resetLabHosts([ansibleHost.name, runbookHost.name]);
    for (const host of [ansibleHost, runbookHost]) await expectOwnRoot(host);
    Object.assign(machine, { passwd: sha('/etc/passwd'), group: sha('/etc/group'), shadow: sha('/etc/shadow') });
    ws = diffWorkspace();
  }, 120_000);

  afterAll(async () => {
    ws?.remove();
    if (lab) await resetLabHosts([ansibleHost.name, runbookHost.name]);
  }, 120_000);

  for (const [play, tasks] of [['create', CREATE], ['modify', MODIFY]] as const) {
    it(`${play}: each task changes as Ansible's does, the account files come out the same, and a rerun changes nothing`, async () => {
      const ansible = await ws.ansible(ansibleHost, tasks);
      const runbook = await ws.runbook(runbookHost, tasks);
      expect(Object.keys(ansible)).toEqual(tasks.map(([name]) => name));
      expect(runbook.outcomes).toEqual(ansible);

      const [a, r] = await Promise.all([inHostOk(ansibleHost.name, STATE), inHostOk(runbookHost.name, STATE)]);
      expect(r).toBe(a);
      expect(r).toMatch(play === 'create' ? `rbalice:${HASH}` : `rbcarol:${HASH}`);

      const again = await ws.runbook(runbookHost, tasks);
      expect(Object.values(again.outcomes).every((o) => o === 'ok'), JSON.stringify(again.outcomes)).toBe(true);
      expect(again.execs, 'a no-change run is one exec').toBe(1);
      const ansibleAgain = await ws.ansible(ansibleHost, tasks);
      expect(Object.values(ansibleAgain).every((o) => o === 'ok'), JSON.stringify(ansibleAgain)).toBe(true);

      // The machine's own account files were never touched.
      expect({ passwd: sha('/etc/passwd'), group: sha('/etc/group'), shadow: sha('/etc/shadow') }).toEqual(machine);
    }, 180_000);
  }
});
