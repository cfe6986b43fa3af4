// The git fact kind's probe, run by the real /bin/sh and git on real repositories: ls-remote, HEAD, URL, status, branch, detached HEAD.
import { execFileSync } from 'node:child_process';
import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { FactRequestOf, GitFact } from '../../src/core/facts.js';
import { gatherFacts } from '../../src/facts/gather-facts.js';
import { LocalShellTransport } from './local-shell-transport.js';

const dir = mkdtempSync(join(tmpdir(), 'rb-git-'));
const src = join(dir, 'src');
const env = { ...process.env, GIT_AUTHOR_NAME: 'rb', GIT_AUTHOR_EMAIL: 'rb@x', GIT_COMMITTER_NAME: 'rb', GIT_COMMITTER_EMAIL: 'rb@x' };
const git = (cwd: string, ...args: string[]): string => execFileSync('git', args, { cwd, env }).toString().trim();
const ask = (dest: string, version = 'HEAD', repo = `file://${src}`): FactRequestOf<'git'> => ({ kind: 'git', git: 'git', dest, repo, remote: 'origin', version, bare: false });
const probe = async (request: FactRequestOf<'git'>): Promise<GitFact> => (await gatherFacts(new LocalShellTransport(), [request])).get(request);

beforeAll(() => {
  execFileSync('git', ['init', '-q', '-b', 'main', src], { env });
  writeFileSync(join(src, 'f'), 'one\n');
  git(src, 'add', 'f');
  git(src, 'commit', '-qm', 'one');
  git(src, 'tag', '-a', 'v1', '-m', 'annotated');
  git(dir, 'clone', '-q', src, 'co');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test("ls-remote's refs (an annotated tag and its ^{}), and a checkout's HEAD, URL, branch and clean status", async () => {
  const head = git(src, 'rev-parse', 'HEAD');
  const fact = await probe(ask(join(dir, 'co'), 'v1'));
  expect(fact).toMatchObject({ repo: true, head, remoteUrl: src, status: [], headBranch: 'main', localVersion: head, submodules: null });
  expect(fact.refs).toMatchObject({ HEAD: head, 'refs/heads/main': head, 'refs/tags/v1^{}': head });
});

test('a tracked change and an untracked file are in status; a detached HEAD follows the remote HEAD', async () => {
  appendFileSync(join(dir, 'co/f'), 'mine\n');
  writeFileSync(join(dir, 'co/new'), '');
  git(join(dir, 'co'), 'checkout', '-q', '--detach');
  const fact = await probe(ask(join(dir, 'co')));
  expect(fact.status).toEqual([' M f', '?? new']);
  expect(fact.headBranch).toBe('main');
});

test('no repository at dest; a remote that cannot be listed says why', async () => {
  expect(await probe(ask(join(dir, 'none')))).toMatchObject({ repo: false, head: null });
  expect((await probe(ask(join(dir, 'none'), 'HEAD', join(dir, 'nowhere')))).refs).toEqual({ error: expect.stringContaining('nowhere') });
});
