// apt_repository and apt_key against Ansible 2.14 on two lab hosts: the same sources files (bytes, modes), the same keys, task by task the same changed/ok, a rerun in one exec.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { inHostOk, labInfo, labSkipReason } from '../helpers/index.js';
import { diffPair, expectSameAsAnsible, type Tasks } from './ansible-diff.js';

const lab = labInfo();
if (!lab) console.warn(`[lab] skipped: ${labSkipReason()}`);

/** A throwaway signing key made by gpg in a temp home: its armored public key and its long id. */
function throwawayKey(): { armored: string; id: string } {
  const home = mkdtempSync(join(tmpdir(), 'rb-gpg-'));
  try {
    const gpg = (...args: string[]): string => {
      const r = spawnSync('gpg', ['--homedir', home, '--batch', ...args], { encoding: 'utf8' });
      if (r.status !== 0) throw new Error(`gpg ${args.join(' ')}: ${r.stderr}`);
      return r.stdout;
    };
    gpg('--passphrase', '', '--quick-gen-key', 'runbook test <rb@example.com>', 'ed25519', 'sign', 'never');
    const id = gpg('--with-colons', '--list-keys').split('\n').find((l) => l.startsWith('pub:'))!.split(':')[4]!;
    return { armored: gpg('--armor', '--export', id), id };
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}

const key = lab ? throwawayKey() : { armored: '', id: '0000000000000000' };
const short = key.id.slice(-8);
const KEYRING = '/etc/apt/trusted.gpg.d/rb-test.gpg';

/**
 * The key on the host; a local flat repository (one package) for apt-get update; sources with a
 * disabled line, a comment to normalize and an empty file; Debian's own sources moved away (the lab
 * has no network: apt-get update would fail on them).
 */
const SEED = `printf '%s' '${key.armored}' > /root/rb-key.asc
mv /etc/apt/sources.list.d/debian.sources /root/ 2>/dev/null || true
mkdir -p /srv/rb-repo
printf 'Package: rb-dummy\\nVersion: 1.0\\nArchitecture: all\\nMaintainer: rb <rb@example.com>\\nFilename: ./rb-dummy_1.0_all.deb\\nSize: 1\\nDescription: dummy\\n\\n' > /srv/rb-repo/Packages
printf '#Top comment\\n#deb   http://deb.debian.org/debian bookworm contrib # later\\n' > /etc/apt/sources.list
printf '##note\\n#deb http://seed.example.com/debian bookworm main\\n' > /etc/apt/sources.list.d/rb-seed.list
: > /etc/apt/sources.list.d/rb-empty.list`;

const norepo = 'update_cache: false';
const PLAYS: Array<readonly [string, Tasks, number]> = [
  ['update', [
    ['local repository, lists updated', 'apt_repository: { repo: "deb [trusted=yes] file:/srv/rb-repo ./" }'],
    ['local repository again', 'apt_repository: { repo: "deb [trusted=yes] file:/srv/rb-repo  ./" }'],
  ], 1],
  ['keys', [
    ['key from a file into a keyring', `apt_key: { file: /root/rb-key.asc, keyring: ${KEYRING} }`],
    ['the same key by its long id', `apt_key: { id: "0x${key.id}", file: /root/rb-key.asc, keyring: ${KEYRING} }`],
    ['key data into trusted.gpg', `apt_key: { data: ${JSON.stringify(key.armored)} }`],
    ['short id already trusted', `apt_key: { id: "${short.toLowerCase()}", file: /root/rb-key.asc }`],
    ['an unknown key absent', 'apt_key: { id: DEADBEEFDEADBEEF, state: absent }'],
  ], 3],
  ['key removal', [
    ['removed from the keyring by its short id', `apt_key: { id: ${key.id}, keyring: ${KEYRING}, state: absent }`],
    ['removed again', `apt_key: { id: ${key.id}, keyring: ${KEYRING}, state: absent }`],
  ], 1],
  ['repos', [
    ['options and credentials', `apt_repository: { repo: "deb [arch=amd64 signed-by=${KEYRING}] http://user:pw@repo.example.com/debian  bookworm main", ${norepo} }`],
    ['the same line again', `apt_repository: { repo: "deb [arch=amd64 signed-by=${KEYRING}] http://user:pw@repo.example.com/debian bookworm main", ${norepo} }`],
    ['own file name and mode', `apt_repository: { repo: "deb-src http://repo.example.com/debian bookworm main", filename: rb-src, mode: "0600", ${norepo} }`],
    ['a disabled line in sources.list enabled', `apt_repository: { repo: "deb http://deb.debian.org/debian bookworm contrib", ${norepo} }`],
    ['a disabled line in a sources.list.d file enabled', `apt_repository: { repo: "deb http://seed.example.com/debian bookworm main", ${norepo} }`],
    ['absent already', `apt_repository: { repo: "deb http://nowhere.example.com x y", state: absent, ${norepo} }`],
  ], 2],
  ['repo removal', [
    ['the local repository removed, its file goes', `apt_repository: { repo: "deb [trusted=yes] file:/srv/rb-repo ./", state: absent, ${norepo} }`],
    ['a line removed from sources.list', `apt_repository: { repo: "deb http://deb.debian.org/debian bookworm contrib", state: absent, ${norepo} }`],
  ], 0],
];

/** The sources files (bytes, modes), the keys each keyring holds, what apt's lists know of the local package. */
const STATE = `for f in /etc/apt/sources.list /etc/apt/sources.list.d/*; do echo "== $f $(stat -c '%a %U %G' "$f")"; cat "$f"; done
for k in /etc/apt/trusted.gpg ${KEYRING}; do echo "== $k $(stat -c '%a %U %G' "$k" 2>&1)"; gpg --no-default-keyring --keyring "$k" --with-colons --list-keys 2>/dev/null | grep '^pub' | cut -d: -f5; done
apt-cache policy rb-dummy 2>&1 | head -n 3; true`;

describe.skipIf(!lab)('apt_repository and apt_key: the same result as ansible-playbook', () => {
  const pair = diffPair((host) => inHostOk(host.name, SEED).then(() => undefined));

  for (const [play, tasks, oks] of PLAYS) {
    it(`${play}: each task changes as Ansible's does, the sources and keys come out the same, and a rerun changes nothing in one exec`, async () => {
      const { state: r, rerunExecs } = await expectSameAsAnsible(pair, tasks, oks, STATE);
      if (play === 'update') expect(r).toContain('Candidate: 1.0');
      if (play === 'keys') expect(r).toContain(`== ${KEYRING} 644 root root\n${key.id}\n`);

      expect(rerunExecs, 'a no-change run is one exec').toBe(1);
    }, 180_000);
  }
});

// deb822_repository is ansible-core 2.15's (2.14 has none to compare with): apt itself must accept what it writes.
describe.skipIf(!lab)('deb822_repository: a file apt-get update reads', () => {
  const pair = diffPair((host) => inHostOk(host.name, SEED).then(() => undefined));
  const TASKS: Tasks = [['local repository as deb822', 'deb822_repository: { name: RB Local, uris: "file:/srv/rb-repo", suites: ./, trusted: true, architectures: [amd64, all] }']];

  it('is written once (a rerun changes nothing, in one exec), and apt-get update takes the local package from it alone', async () => {
    const first = await pair.ws.runbook(pair.runbookHost, TASKS);
    expect(first.outcomes).toEqual({ 'local repository as deb822': 'changed' });
    const again = await pair.ws.runbook(pair.runbookHost, TASKS);
    expect(again.outcomes).toEqual({ 'local repository as deb822': 'ok' });
    expect(again.execs).toBe(1);
    const out = await inHostOk(pair.runbookHost.name, `stat -c %a /etc/apt/sources.list.d/rb-local.sources; cat /etc/apt/sources.list.d/rb-local.sources
mkdir -p /root/rb-only && cp /etc/apt/sources.list.d/rb-local.sources /root/rb-only/
apt-get update -o Dir::Etc::sourcelist=/dev/null -o Dir::Etc::sourceparts=/root/rb-only -o APT::Update::Error-Mode=any >/dev/null 2>&1 && echo updated
apt-cache -o Dir::Etc::sourcelist=/dev/null -o Dir::Etc::sourceparts=/root/rb-only policy rb-dummy | head -n 3`);
    expect(out).toBe('644\nArchitectures: amd64 all\nX-Repolib-Name: RB Local\nSuites: ./\nTrusted: yes\nTypes: deb\nURIs: file:/srv/rb-repo\nupdated\nrb-dummy:\n  Installed: (none)\n  Candidate: 1.0\n');
  }, 120_000);
});
