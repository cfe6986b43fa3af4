// unarchive against Ansible 2.14 on two lab hosts: archives made on each host (and one of the controller), the same trees and changed/ok, a rerun unchanged; a dest made by an earlier task is decided at apply.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { inHostOk, labInfo, labSkipReason } from '../helpers/index.js';
import { diffPair, expectSameAsAnsible, type Tasks } from './ansible-diff.js';

const lab = labInfo();
if (!lab) console.warn(`[lab] skipped: ${labSkipReason()}`);

/** A tree with fixed times and modes, archived four ways under /srv/rb on each host. */
const SEED = `set -e
rm -rf /srv/rb /opt/rb; mkdir -p /srv/rb/tree/app/bin /opt/rb/a /opt/rb/b /opt/rb/c /opt/rb/d /opt/rb/e
printf '#!/bin/sh\\necho run\\n' > /srv/rb/tree/app/bin/run; chmod 750 /srv/rb/tree/app/bin/run
printf 'read me\\n' > /srv/rb/tree/app/README; chmod 600 /srv/rb/tree/app/README
find /srv/rb/tree -exec touch -h -d '2020-01-02 03:04:05' {} +
cd /srv/rb/tree && tar -czf ../app.tgz app && tar -cjf ../app.tbz2 app && tar -cJf ../app.txz app`;

const FIRST: Tasks = [
  ['host tgz', 'unarchive: { src: /srv/rb/app.tgz, dest: /opt/rb/a, remote_src: true }'],
  ['host tgz again', 'unarchive: { src: /srv/rb/app.tgz, dest: /opt/rb/a, remote_src: true, list_files: true }'],
  ['bz2 stripped, owner and a symbolic mode', 'unarchive: { src: /srv/rb/app.tbz2, dest: /opt/rb/b, remote_src: true, extra_opts: [--strip-components=1], owner: daemon, mode: "u=rwX,g=rX,o=" }'],
  ['xz without bin', 'unarchive: { src: /srv/rb/app.txz, dest: /opt/rb/c, remote_src: true, exclude: [app/bin] }'],
  ['controller archive', 'unarchive: { src: files/ctl.tgz, dest: /opt/rb/d }'],
  ['a folder made first', 'file: { path: /opt/rb/e/in, state: directory }'],
  ['a host archive into it', 'unarchive: { src: /srv/rb/app.tgz, dest: /opt/rb/e/in, remote_src: true }'],
  ['another folder made first', 'file: { path: /opt/rb/f, state: directory }'],
  ['a controller archive into it', 'unarchive: { src: files/ctl.tgz, dest: /opt/rb/f }'],
];

const SECOND: Tasks = [
  ['a touched file is extracted again', 'unarchive: { src: /srv/rb/app.tgz, dest: /opt/rb/a, remote_src: true }'],
  ['group and mode on the controller tree', 'unarchive: { src: files/ctl.tgz, dest: /opt/rb/d, group: daemon, mode: "g+w" }'],
];

/** What the tasks leave: every path's type, mode, owner, group, size and mtime (but the folder a task made now), and the files' sums. */
const STATE = `cd /opt/rb && find . -mindepth 2 ! -path ./e/in -printf '%p %y %m %u %g %s %TY-%Tm-%Td %TT\\n' | sort && find . -type f -exec md5sum {} + | sort`;

describe.skipIf(!lab)('unarchive: the same result as ansible-playbook', () => {
  const pair = diffPair((host) => inHostOk(host.name, SEED).then(() => undefined));
  const controllerArchive = (dir: string) => {
    const tree = mkdtempSync(join(tmpdir(), 'rb-ctl-'));
    mkdirSync(join(tree, 'site/css'), { recursive: true });
    writeFileSync(join(tree, 'site/index.html'), '<p>hi</p>\n');
    writeFileSync(join(tree, 'site/css/a.css'), 'p {}\n');
    for (const p of ['site/css/a.css', 'site/index.html', 'site/css', 'site']) utimesSync(join(tree, p), new Date('2021-05-06T07:08:09Z'), new Date('2021-05-06T07:08:09Z'));
    mkdirSync(join(dir, 'files'), { recursive: true });
    execFileSync('tar', ['-czf', join(dir, 'files/ctl.tgz'), '-C', tree, 'site']);
    rmSync(tree, { recursive: true, force: true });
  };

  for (const [play, tasks, oks, touch] of [['first', FIRST, 1, ''], ['second', SECOND, 0, "touch -d '2001-01-01' /opt/rb/a/app/README"]] as const) {
    it(`${play}: each task changes as Ansible's does, the trees come out the same, and a rerun changes nothing`, async () => {
      controllerArchive(pair.ws.dir);
      if (touch) await Promise.all([inHostOk(pair.ansibleHost.name, touch), inHostOk(pair.runbookHost.name, touch)]);
      const { state: r, rerunExecs } = await expectSameAsAnsible(pair, tasks, oks, STATE);
      expect(r).toContain(play === 'first' ? './b/bin/run f 750 daemon root' : './d/site/css/a.css f 664 root daemon');

      // The controller archive is sent and compared by one exec of its own, as Ansible's action transfers it each run.
      expect(rerunExecs, 'the fact exec, and one per controller archive').toBe(play === 'first' ? 3 : 2);
    }, 180_000);
  }

  it('creates: skipped when the path exists, in the one fact exec', async () => {
    const tasks: Tasks = [['guarded', 'unarchive: { src: files/ctl.tgz, dest: /opt/rb/none, creates: /opt/rb/d/site }']];
    const run = await pair.ws.runbook(pair.runbookHost, tasks);
    expect(run).toEqual({ outcomes: { guarded: 'ok' }, execs: 1 });
  }, 60_000);
});
