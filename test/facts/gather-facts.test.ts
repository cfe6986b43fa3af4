// Runs the generated fact script with the real /bin/sh against real files, packages and init scripts.
import { createHash } from 'node:crypto';
import { chmodSync, linkSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { FactRequest, FactSet, FileFact } from '../../src/core/facts.js';
import { OUTPUT_LIMIT } from '../../src/facts/command.js';
import { gatherFacts } from '../../src/facts/gather-facts.js';
import { LocalShellTransport } from './local-shell-transport.js';

const dir = mkdtempSync(join(tmpdir(), 'rb-facts-'));
const p = (name: string): string => join(dir, name);
const weird = p(`with space 'quote' $HOME "dq" \\ back`);
const binary = Buffer.from([0, 1, 2, 255, 254, 10, 13, 0]);
const big = Buffer.alloc(1024 * 1024 + 1, 'a');

const requests: FactRequest[] = [
  { kind: 'file', path: p('regular') },
  { kind: 'file', path: p('binary') },
  { kind: 'file', path: p('big') },
  { kind: 'file', path: p('link') },
  { kind: 'file', path: p('dangling') },
  { kind: 'file', path: p('dir') },
  { kind: 'file', path: p('absent') },
  { kind: 'file', path: weird },
  { kind: 'file', path: p('setuid') },
  { kind: 'file', path: p('hard') },
  { kind: 'package', name: 'coreutils' },
  { kind: 'package', name: 'rb-no-such-package' },
  { kind: 'service', name: 'rb-no-such-service' },
  { kind: 'command', command: 'echo out; echo err >&2; exit 3' },
  { kind: 'command', command: 'cat; echo "read done"' },
  { kind: 'command', command: `head -c ${OUTPUT_LIMIT + 5000} /dev/zero | tr '\\0' x` },
  { kind: 'command', command: "echo 'not a marker'; exit 0" },
  // Duplicate: gathered once.
  { kind: 'file', path: p('regular') },
];

let transport: LocalShellTransport;
let facts: FactSet;

beforeAll(async () => {
  writeFileSync(p('regular'), 'hello\n');
  chmodSync(p('regular'), 0o640);
  linkSync(p('regular'), p('hard'));
  writeFileSync(p('binary'), binary);
  writeFileSync(p('big'), big);
  symlinkSync(p('regular'), p('link'));
  symlinkSync(p('nowhere'), p('dangling'));
  mkdirSync(p('dir'), { mode: 0o750 });
  chmodSync(p('dir'), 0o750);
  writeFileSync(weird, 'weird $x `y`\n');
  writeFileSync(p('setuid'), '');
  chmodSync(p('setuid'), 0o4755);
  transport = new LocalShellTransport();
  facts = await gatherFacts(transport, requests);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const sha = (b: Buffer | string): string => createHash('sha256').update(b).digest('hex');

describe('gatherFacts with the real /bin/sh', () => {
  test('runs exactly one exec for all requests', () => {
    expect(transport.stats.execs).toBe(1);
    expect(transport.scripts[0]!.match(/^rb_file /gm)).toHaveLength(10);
  });

  test('regular file: mode, owner, hash, content, inode and link count', () => {
    const stat = statSync(p('regular'));
    expect(facts.get({ kind: 'file', path: p('regular') })).toEqual({
      path: p('regular'),
      exists: true,
      type: 'file',
      size: 6,
      sha256: sha('hello\n'),
      mode: '0640',
      owner: 'root',
      group: 'root',
      content: Buffer.from('hello\n'),
      inode: `${stat.dev}:${stat.ino}`,
      links: 2,
    });
  });

  test('a hard link names the same inode', () => {
    expect(facts.get({ kind: 'file', path: p('hard') })).toMatchObject({ inode: facts.get({ kind: 'file', path: p('regular') }).inode, links: 2 });
  });

  test('binary content comes back byte for byte', () => {
    const f = facts.get({ kind: 'file', path: p('binary') });
    expect(f.content?.equals(binary)).toBe(true);
    expect(f.sha256).toBe(sha(binary));
  });

  test('a file over 1 MiB has a hash but no content', () => {
    const f = facts.get({ kind: 'file', path: p('big') });
    expect(f.size).toBe(big.length);
    expect(f.sha256).toBe(sha(big));
    expect(f.content).toBeUndefined();
  });

  test('a symlink reports its target and the target type', () => {
    const f = facts.get({ kind: 'file', path: p('link') });
    expect(f).toMatchObject({ exists: true, type: 'file', link: p('regular'), sha256: sha('hello\n') });
  });

  test('a dangling symlink is absent with its link', () => {
    expect(facts.get({ kind: 'file', path: p('dangling') })).toMatchObject({ exists: false, type: null, link: p('nowhere') });
  });

  test('directory and absent path', () => {
    expect(facts.get({ kind: 'file', path: p('dir') })).toMatchObject({ exists: true, type: 'directory', mode: '0750', sha256: null });
    expect(facts.get({ kind: 'file', path: p('dir') }).content).toBeUndefined();
    expect(facts.get({ kind: 'file', path: p('absent') })).toEqual({
      path: p('absent'), exists: false, type: null, size: 0, sha256: null, mode: null, owner: null, group: null,
    });
  });

  test('a path with spaces, quotes, $ and backslash is probed as written', () => {
    const f = facts.get({ kind: 'file', path: weird });
    expect(f.content?.toString()).toBe('weird $x `y`\n');
  });

  test('special mode bits keep four digits', () => {
    expect(facts.get({ kind: 'file', path: p('setuid') }).mode).toBe('4755');
  });

  test('packages: installed with version, and not installed', () => {
    const core = facts.get({ kind: 'package', name: 'coreutils' });
    expect(core).toMatchObject({ installed: true, manager: 'apt' });
    expect(core.version).toMatch(/^\d/);
    expect(facts.get({ kind: 'package', name: 'rb-no-such-package' })).toEqual({
      name: 'rb-no-such-package', installed: false, version: null, manager: 'apt', configFiles: false,
    });
  });

  test('a missing service', () => {
    expect(facts.get({ kind: 'service', name: 'rb-no-such-service' })).toEqual({
      name: 'rb-no-such-service', exists: false, running: false, enabled: null, masked: false, manager: 'sysv', needsDaemonReload: false,
    });
  });

  test('command guard: exit code, stdout and stderr apart', () => {
    expect(facts.get({ kind: 'command', command: 'echo out; echo err >&2; exit 3' })).toEqual({
      command: 'echo out; echo err >&2; exit 3', exitCode: 3, stdout: 'out\n', stderr: 'err\n',
    });
  });

  test('command guard gets no stdin and its exit does not end the script', () => {
    expect(facts.get({ kind: 'command', command: 'cat; echo "read done"' })).toMatchObject({ exitCode: 0, stdout: 'read done\n' });
    expect(facts.get({ kind: 'command', command: "echo 'not a marker'; exit 0" }).stdout).toBe('not a marker\n');
  });

  test('command output is bounded', () => {
    const f = facts.get({ kind: 'command', command: `head -c ${OUTPUT_LIMIT + 5000} /dev/zero | tr '\\0' x` });
    expect(f.stdout.length).toBe(OUTPUT_LIMIT);
  });

  test('an epilogue runs in the same exec after every fact is read, its output and failure ignored', async () => {
    const t = new LocalShellTransport();
    const marker = p('epilogue-ran');
    writeFileSync(p('read-before'), 'before\n');
    const got = await gatherFacts(t, [{ kind: 'file', path: p('read-before') }], `echo noise; rm -f ${JSON.stringify(p('read-before'))}; touch ${JSON.stringify(marker)}; exit 7`);
    expect(t.stats.execs).toBe(1);
    expect(got.get({ kind: 'file', path: p('read-before') }).content?.toString()).toBe('before\n');
    expect(statSync(marker).isFile()).toBe(true);
  });

  test('no requests: no round trip', async () => {
    const t = new LocalShellTransport();
    await gatherFacts(t, []);
    expect(t.stats.execs).toBe(0);
  });
});

/** The same transport with a directory of stand-in commands first on PATH. */
class ShimmedTransport extends LocalShellTransport {
  constructor(private readonly shims: string) {
    super();
  }

  override exec(script: string, options?: Parameters<LocalShellTransport['exec']>[1]) {
    return super.exec(`PATH=${this.shims}:$PATH; export PATH\n${script}`, options);
  }
}

function failingCommand(name: string): string {
  const shims = p(`shims-no-${name}`);
  mkdirSync(shims);
  writeFileSync(join(shims, name), '#!/bin/sh\necho "no $0 here" >&2\nexit 1\n', { mode: 0o755 });
  return shims;
}

describe('file facts: one find for every path, else a stat each', () => {
  const files = requests.filter((r) => r.kind === 'file');
  const same = async (transport: LocalShellTransport) => {
    const again = await gatherFacts(transport, files);
    for (const r of files) expect(again.get(r), r.path).toEqual(facts.get(r));
  };

  test('with a working find, no stat is needed (a failing stat changes nothing)', async () => {
    await same(new ShimmedTransport(failingCommand('stat')));
  });

  test('without a usable find (busybox has no -printf), each path falls back to stat', async () => {
    await same(new ShimmedTransport(failingCommand('find')));
  });
});

describe('file facts asked with the sha256 they should have', () => {
  const expecting = (path: string, content: Buffer | string): FactRequest => ({ kind: 'file', path, expectSha256: sha(content) });
  const asked: FactRequest[] = [
    expecting(p('regular'), 'hello\n'),
    expecting(p('binary'), 'something else'),
    expecting(weird, 'weird $x `y`\n'),
    expecting(p('big'), big),
    expecting(p('absent'), 'x'),
    expecting(p('dir'), 'x'),
  ];

  test('a file with its expected hash comes back as the hash alone; the others as before', async () => {
    const got = await gatherFacts(new LocalShellTransport(), asked);
    const { content: _, ...withoutContent } = facts.get({ kind: 'file', path: p('regular') });
    expect(got.get(asked[0] as never)).toEqual(withoutContent);
    // Backslash in the name: sha256sum escapes the line; the hash still pairs with its file.
    const weird = got.get(asked[2] as never) as FileFact;
    expect(weird.sha256).toBe(sha('weird $x `y`\n'));
    expect(weird.content).toBeUndefined();
    expect(got.get(asked[1] as never)).toEqual(facts.get({ kind: 'file', path: p('binary') }));
    expect(got.get(asked[3] as never)).toEqual(facts.get({ kind: 'file', path: p('big') }));
    expect(got.get(asked[4] as never)).toEqual(facts.get({ kind: 'file', path: p('absent') }));
    expect(got.get(asked[5] as never)).toEqual(facts.get({ kind: 'file', path: p('dir') }));
  });

  test('one sha256sum for them all, and base64 only for the file that differs', async () => {
    const shims = countingCommands(['sha256sum', 'base64']);
    await gatherFacts(new ShimmedTransport(shims.dir), asked);
    expect(shims.count('sha256sum')).toBe(1);
    expect(shims.count('base64')).toBe(1);
  });

  test('when sha256sum fails, every file comes back whole, as without an expected hash', async () => {
    const small = asked.filter((r) => r.kind === 'file' && r.path !== p('big'));
    const got = await gatherFacts(new ShimmedTransport(failingCommand('sha256sum')), small);
    for (const r of small) expect(got.get(r as never), (r as { path: string }).path).toEqual(facts.get({ kind: 'file', path: (r as { path: string }).path }));
  });
});

/** Stand-ins that count their calls in a file, then run the real command. */
function countingCommands(names: string[]): { dir: string; count(name: string): number } {
  const shims = p(`shims-counting-${names.join('-')}`);
  mkdirSync(shims);
  for (const name of names) {
    const real = `/usr/bin/${name}`;
    writeFileSync(join(shims, name), `#!/bin/sh\necho x >> ${JSON.stringify(join(shims, `${name}.calls`))}\nexec ${real} "$@"\n`, { mode: 0o755 });
  }
  return {
    dir: shims,
    count: (name) => {
      try {
        return readFileSync(join(shims, `${name}.calls`), 'utf8').split('\n').filter(Boolean).length;
      } catch {
        return 0;
      }
    },
  };
}
