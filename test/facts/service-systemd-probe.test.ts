// The service probe's systemd branch against a stand-in systemctl: one `systemctl show` for every unit, each call reading its block.
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import type { ServiceFact } from '../../src/core/facts.js';
import { serviceKind } from '../../src/facts/service.js';
import type { ProbeField } from '../../src/facts/probe.js';

const bin = mkdtempSync(join(tmpdir(), 'rb-systemctl-'));
afterAll(() => rmSync(bin, { recursive: true, force: true }));

/** Blocks as systemd 252 prints them for `show -p ... a b c`: one per unit, in order, an empty line between. */
const SHOW = `LoadState=loaded
ActiveState=active
UnitFileState=enabled
NeedDaemonReload=no

LoadState=masked
ActiveState=inactive
UnitFileState=masked
NeedDaemonReload=no

LoadState=not-found
ActiveState=inactive
NeedDaemonReload=no

LoadState=loaded
ActiveState=activating
UnitFileState=static
NeedDaemonReload=yes

LoadState=loaded
ActiveState=inactive
UnitFileState=indirect
NeedDaemonReload=no
`;

function probe(names: string[]): { facts: ServiceFact[]; calls: string } {
  const log = join(bin, 'calls');
  writeFileSync(join(bin, 'systemctl'), `#!/bin/sh\necho "$*" >>${log}\ncat <<'EOF'\n${SHOW}EOF\n`);
  chmodSync(join(bin, 'systemctl'), 0o755);
  const requests = names.map((name) => ({ kind: 'service' as const, name }));
  const p = serviceKind.probe;
  const script = [p.prelude, 'rb_init=systemd', p.batch!(requests), ...requests.map((r, i) => `echo '--- ${i}'; ${p.call(r, i)}`)].join('\n');
  const out = execFileSync('sh', ['-c', script], { env: { ...process.env, PATH: `${bin}:${process.env.PATH}` }, encoding: 'utf8' });
  const sections = out.split(/^--- \d+\n/m).slice(1);
  const facts = requests.map((r, i) => {
    const fields: ProbeField[] = sections[i]!.split('\n').filter(Boolean).map((l) => [l.slice(0, l.indexOf(' ')), l.slice(l.indexOf(' ') + 1)] as const);
    return p.parse(r, fields);
  });
  return { facts, calls: readFileSync(log, 'utf8') };
}

test('one systemctl show answers every unit; each call takes its own block', () => {
  const names = ['rbtest-nginx', 'rbtest-masked', 'rbtest-none', 'rbtest-static', 'rbtest-indirect'];
  const { facts, calls } = probe(names);
  expect(calls.trim().split('\n')).toEqual([`show -p LoadState,ActiveState,UnitFileState,NeedDaemonReload -- ${names.join(' ')}`]);
  const [nginx, masked, none, stat, indirect] = facts;
  expect(nginx).toEqual({ name: 'rbtest-nginx', exists: true, running: true, enabled: true, masked: false, manager: 'systemd', needsDaemonReload: false });
  expect(masked).toMatchObject({ exists: true, running: false, enabled: false, masked: true });
  expect(none).toMatchObject({ exists: false, running: false, enabled: false, masked: false });
  // Ansible's reading of is-enabled: static needs no enabling; activating is not started again.
  expect(stat).toMatchObject({ exists: true, running: true, enabled: true, needsDaemonReload: true });
  expect(indirect).toMatchObject({ exists: true, enabled: false });
});

test('systemctl show failing is an error for every unit, not "not installed"', () => {
  writeFileSync(join(bin, 'systemctl'), '#!/bin/sh\necho "Failed to connect to bus" >&2\nexit 1\n');
  chmodSync(join(bin, 'systemctl'), 0o755);
  const p = serviceKind.probe;
  const requests = [{ kind: 'service' as const, name: 'nginx' }];
  const script = ['rb_err() { printf "error %s\\n" "$*"; }', p.prelude, 'rb_init=systemd', p.batch!(requests), p.call(requests[0]!, 0)].join('\n');
  const out = execFileSync('sh', ['-c', script], { env: { ...process.env, PATH: `${bin}:${process.env.PATH}` }, encoding: 'utf8' });
  expect(out).toContain('error systemctl show failed (exit 1): systemd did not answer');
});
