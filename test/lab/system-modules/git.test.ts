// git against Ansible 2.14 on two lab hosts: a repository made on each host, cloned and updated the same way (HEADs, branches, files), changed/ok the same, a rerun one exec.
import { describe, expect, it } from 'vitest';
import { inHostOk, labInfo, labSkipReason } from '../helpers/index.js';
import { diffPair, expectSameAsAnsible, type Tasks } from './ansible-diff.js';

const lab = labInfo();
if (!lab) console.warn(`[lab] skipped: ${labSkipReason()}`);

/** The same history on each host (fixed dates and author, so the commits' ids are equal): a tag, an annotated tag, a branch. */
const SEED = `set -e
export GIT_AUTHOR_NAME=rb GIT_AUTHOR_EMAIL=rb@lab GIT_COMMITTER_NAME=rb GIT_COMMITTER_EMAIL=rb@lab GIT_AUTHOR_DATE='2020-01-01T00:00:00Z' GIT_COMMITTER_DATE='2020-01-01T00:00:00Z'
rm -rf /srv/git /opt/co; mkdir -p /srv/git /opt/co
git init -q -b main /srv/git/src; cd /srv/git/src
echo one > f; git add f; git commit -qm one; git tag v1; git tag -a v1a -m annotated
echo two > f; git commit -qam two; git branch other`;

const FIRST: Tasks = [
  ['clone HEAD', 'git: { repo: /srv/git/src, dest: /opt/co/main }'],
  ['clone again', 'git: { repo: /srv/git/src, dest: /opt/co/main }'],
  ['an annotated tag', 'git: { repo: "file:///srv/git/src", dest: /opt/co/tag, version: v1a }'],
  ['a branch, shallow', 'git: { repo: /srv/git/src, dest: /opt/co/other, version: other, depth: 1 }'],
  ['bare', 'git: { repo: /srv/git/src, dest: /opt/co/bare.git, bare: true }'],
];

const SECOND: Tasks = [
  ['pull the new commit', 'git: { repo: /srv/git/src, dest: /opt/co/main }'],
  ['a local change forced away', 'git: { repo: /srv/git/src, dest: /opt/co/tag, version: v1, force: true }'],
  ['no update', 'git: { repo: /srv/git/src, dest: /opt/co/other, update: false }'],
  ['bare fetched', 'git: { repo: /srv/git/src, dest: /opt/co/bare.git, bare: true }'],
];

const BETWEEN = `set -e
export GIT_AUTHOR_NAME=rb GIT_AUTHOR_EMAIL=rb@lab GIT_COMMITTER_NAME=rb GIT_COMMITTER_EMAIL=rb@lab GIT_AUTHOR_DATE='2020-01-02T00:00:00Z' GIT_COMMITTER_DATE='2020-01-02T00:00:00Z'
cd /srv/git/src; echo three > f; git commit -qam three
echo local >> /opt/co/tag/f`;

/** Each checkout's HEAD, branch, remote URL, status and files. */
const STATE = `for d in /opt/co/main /opt/co/tag /opt/co/other /opt/co/bare.git; do echo "== $d"; cd $d; git rev-parse HEAD; git symbolic-ref -q HEAD || echo detached; git config --get remote.origin.url; git status --porcelain 2>/dev/null; git for-each-ref --format='%(refname) %(objectname)'; [ -f f ] && cat f; done; true`;

describe.skipIf(!lab)('git: the same result as ansible-playbook', () => {
  const pair = diffPair((host) => inHostOk(host.name, SEED).then(() => undefined));

  for (const [play, tasks, oks, between] of [['first', FIRST, 1, ''], ['second', SECOND, 1, BETWEEN]] as const) {
    it(`${play}: each task changes as Ansible's does, the checkouts come out the same, and a rerun changes nothing in one exec`, async () => {
      if (between) await Promise.all([inHostOk(pair.ansibleHost.name, between), inHostOk(pair.runbookHost.name, between)]);
      const { state: r, rerunExecs } = await expectSameAsAnsible(pair, tasks, oks, STATE);
      expect(r).toContain(play === 'first' ? '== /opt/co/other' : 'three');

      expect(rerunExecs, 'a no-change run is one exec').toBe(1);
    }, 180_000);
  }

  it('local modifications without force fail as Ansible words it', async () => {
    await inHostOk(pair.runbookHost.name, 'echo mine >> /opt/co/main/f');
    const tasks: Tasks = [['dirty', 'git: { repo: /srv/git/src, dest: /opt/co/main }']];
    await expect(pair.ws.runbook(pair.runbookHost, tasks)).rejects.toThrow(/Local modifications exist in the destination: \/opt\/co\/main \(force=no\)/);
  }, 60_000);
});
