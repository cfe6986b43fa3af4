// git's decision from the fact exec, as Ansible's git module decides (get_remote_head, has_local_mods, set_remote_url), its ssh command and args.
import { describe, expect, test } from 'vitest';
import type { GitFact } from '../../../src/core/facts.js';
import { headSplitter } from '../../../src/facts/git.js';
import { TaskFailure } from '../../../src/modules/lib/task-failure.js';
import { decideGit } from '../../../src/modules/git/decide.js';
import { gitScript } from '../../../src/modules/git/git-script.js';
import { prepareGit } from '../../../src/modules/git/prepare.js';
import { gitArgsSchema } from '../../../src/modules/git/schema.js';

const A = 'a'.repeat(40);
const B = 'b'.repeat(40);
const T = 't'.repeat(40);
const refs = { HEAD: A, 'refs/heads/main': A, 'refs/heads/dev': B, 'refs/tags/v1': T, 'refs/tags/v1^{}': B, 'refs/tags/light': A };
const absent: GitFact = { dest: '/srv/app', refs, repo: false, head: null, remoteUrl: null, status: null, headBranch: null, localVersion: null, branches: [], submodules: null };
const checkout = (over: Partial<GitFact> = {}): GitFact => ({ ...absent, repo: true, head: A, remoteUrl: 'file:///srv/src', status: [], headBranch: 'main', branches: ['* main'], ...over });
const prepared = (args: Record<string, unknown> = {}) => {
  const parsed = gitArgsSchema.safeParse({ repo: '/srv/src', dest: '/srv/app', ...args });
  if (!parsed.success) throw new Error(JSON.stringify(parsed.error.issues));
  return prepareGit(parsed.data);
};

describe('what the remote head is (get_remote_head)', () => {
  test("a clone of HEAD takes the remote's HEAD; a branch its head; an annotated tag its commit; a full commit id itself", () => {
    expect(decideGit(absent, prepared())).toMatchObject({ action: 'clone', after: A, branchOrTag: false });
    expect(decideGit(absent, prepared({ version: 'dev' }))).toMatchObject({ action: 'clone', after: B, branchOrTag: true, remoteBranch: true });
    expect(decideGit(absent, prepared({ version: 'v1' }))).toMatchObject({ after: B, remoteBranch: false });
    expect(decideGit(absent, prepared({ version: 'light' }))).toMatchObject({ after: A });
    expect(decideGit(absent, prepared({ version: B }))).toMatchObject({ after: B });
  });
  test('a checkout follows the branch HEAD is on; at it, nothing to do', () => {
    expect(decideGit(checkout(), prepared())).toEqual({ action: 'none', before: A, after: A });
    expect(decideGit(checkout({ headBranch: 'dev' }), prepared())).toMatchObject({ action: 'update', before: A, after: B });
  });
  test('a short commit id is what the repository resolves it to, else unknown until fetched', () => {
    expect(decideGit(checkout({ localVersion: A }), prepared({ version: 'aaaaaaa' }))).toMatchObject({ action: 'none' });
    expect(decideGit(checkout(), prepared({ version: 'ccccccc' }))).toMatchObject({ action: 'update', after: null });
  });
});

describe('the checkout', () => {
  test('tracked changes fail without force (untracked ones do not count); with force it resets', () => {
    const failure = (() => {
      try {
        return decideGit(checkout({ status: [' M f'] }), prepared());
      } catch (error) {
        return error;
      }
    })();
    expect(failure).toBeInstanceOf(TaskFailure);
    expect(failure).toMatchObject({ message: 'Local modifications exist in the destination: /srv/app (force=no).', registered: { before: A } });
    expect(decideGit(checkout({ status: ['?? new'] }), prepared())).toMatchObject({ action: 'none' });
    expect(decideGit(checkout({ status: [' M f'] }), prepared({ force: true }))).toMatchObject({ action: 'update', reset: true });
  });
  test('another remote URL is set (a path and its file:// URL are one); update: no leaves it all', () => {
    expect(decideGit(checkout({ remoteUrl: 'file:///srv/other' }), prepared())).toMatchObject({ action: 'update', setUrl: true });
    expect(decideGit(checkout({ remoteUrl: 'file:///srv/src/' }), prepared())).toMatchObject({ action: 'none' });
    expect(decideGit(checkout({ headBranch: 'dev', status: [' M f'] }), prepared({ update: false }))).toEqual({ action: 'none', before: A, after: A });
  });
  test('clone: no without a repository reports the remote head and does nothing; submodules off their commits update', () => {
    expect(decideGit(absent, prepared({ clone: false }))).toEqual({ action: 'report', after: A });
    expect(decideGit(checkout({ submodules: ['-0123 lib'] }), prepared())).toMatchObject({ action: 'update' });
    expect(decideGit(checkout({ submodules: [' 0123 lib (heads/main)'] }), prepared())).toMatchObject({ action: 'none' });
  });
  test('a remote that cannot be listed fails the plan, naming it', () => {
    expect(() => decideGit({ ...absent, refs: { error: 'fatal: not a repository' } }, prepared())).toThrow(/git ls-remote file:\/\/\/srv\/src failed: fatal: not a repository/);
  });
});

test('head_splitter: a HEAD file and a remote HEAD file', () => {
  expect(headSplitter('ref: refs/heads/feature/x', 'origin')).toBe('feature/x');
  expect(headSplitter('ref: refs/remotes/origin/main', 'origin')).toBe('main');
});

test("the clone's words as clone() builds them: depth with a branch, --origin", () => {
  const p = prepared({ version: 'dev', depth: '1', accept_hostkey: true });
  const script = gitScript(p, decideGit(absent, p), null);
  expect(script).toContain("git clone '--origin' origin '--depth' 1 '--branch' dev file:///srv/src /srv/app || exit 1");
  expect(script).toContain("GIT_SSH_COMMAND='ssh  -o StrictHostKeyChecking=no -o BatchMode=yes'");
  expect(script).toContain("git checkout '--track' '-b' dev origin/dev");
});

test('args refused with what to do instead', () => {
  for (const arg of [{ refspec: 'x' }, { archive: '/a.zip' }, { verify_commit: true }, { separate_git_dir: '/x' }, { accept_hostkey: true, accept_newhostkey: true }]) {
    expect(gitArgsSchema.safeParse({ repo: '/srv/src', dest: '/srv/app', ...arg }).success).toBe(false);
  }
});
