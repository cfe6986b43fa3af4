// The mount probe's real sh, run over a mountinfo written to a temp file (the script's /proc/self/mountinfo pointed there).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import type { ExecOptions, ExecResult } from '../../src/core/transport.js';
import { gatherFacts } from '../../src/facts/gather-facts.js';
import { LocalShellTransport } from './local-shell-transport.js';

const dir = mkdtempSync(join(tmpdir(), 'rb-mountinfo-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const mountinfo = join(dir, 'mountinfo');
writeFileSync(mountinfo, [
  '22 1 8:1 / / rw,relatime shared:1 - ext4 /dev/sda1 rw,errors=remount-ro',
  '23 22 0:21 / /proc rw,nosuid,nodev,noexec,relatime shared:12 - proc proc rw',
  '40 22 0:35 / /mnt/scratch rw,relatime shared:20 - tmpfs tmpfs rw,size=1024k',
  '41 40 0:36 / /mnt/scratch rw,nosuid,relatime - tmpfs other rw,size=2048k',
  '42 22 0:37 / /srv/my\\040data rw,relatime - cifs //nas/share\\040x rw',
].join('\n') + '\n');

class TempMountinfoTransport extends LocalShellTransport {
  override exec(script: string, options?: ExecOptions): Promise<ExecResult> {
    return super.exec(script.replaceAll('/proc/self/mountinfo', mountinfo), options);
  }
}

test('a mount point: its last mount there (source, type, options); escaped names; a path that is not one', async () => {
  const facts = await gatherFacts(new TempMountinfoTransport(), [
    { kind: 'mount', path: '/mnt/scratch/' },
    { kind: 'mount', path: '/srv/my data' },
    { kind: 'mount', path: '/mnt' },
    { kind: 'mount', path: '/proc' },
  ]);
  // Two mounts stacked on it: the later one is what the path reaches; a trailing slash names the same point.
  expect(facts.get({ kind: 'mount', path: '/mnt/scratch/' })).toEqual({ path: '/mnt/scratch/', mounted: true, source: 'other', fstype: 'tmpfs', options: 'rw,nosuid,relatime' });
  expect(facts.get({ kind: 'mount', path: '/srv/my data' })).toMatchObject({ mounted: true, source: '//nas/share x', fstype: 'cifs' });
  expect(facts.get({ kind: 'mount', path: '/mnt' })).toEqual({ path: '/mnt', mounted: false, source: null, fstype: null, options: null });
  expect(facts.get({ kind: 'mount', path: '/proc' })).toMatchObject({ mounted: true, fstype: 'proc', source: 'proc' });
});
