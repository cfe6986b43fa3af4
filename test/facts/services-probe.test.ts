// The services probe against stand-in `service` and `systemctl` (their output as a Debian 12 systemd host prints it): Ansible's service_facts, field by field.
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { gatherFacts } from '../../src/facts/gather-facts.js';
import { LocalShellTransport } from './local-shell-transport.js';

const bin = mkdtempSync(join(tmpdir(), 'rb-services-'));
afterAll(() => rmSync(bin, { recursive: true, force: true }));

const STATUS_ALL = ` [ + ]  dbus
 [ - ]  hwclock.sh
 [ ? ]  weird
 [ + ]  ssh
`;

const LIST_UNITS = `  UNIT                                 LOAD      ACTIVE   SUB     DESCRIPTION
  apt-daily.service                    loaded    inactive dead    Daily apt download activities
● auditd.service                       not-found inactive dead    auditd.service
  dbus.service                         loaded    active   running D-Bus System Message Bus
● broken.service                       loaded    failed   failed  Broken, see broken.service docs
  postgresql.service                   loaded    active   exited  PostgreSQL RDBMS
  ssh.service                          loaded    active   running OpenBSD Secure Shell server

LOAD   = Reflects whether the unit definition was properly loaded.
7 loaded units listed.
`;

const LIST_UNIT_FILES = `UNIT FILE                              STATE           PRESET
apt-daily.service                      static          -
broken.service                         enabled         enabled
getty@.service                         enabled         enabled
hwclock.service                        masked          enabled
ssh.service                            enabled         enabled
sshd.service                           alias           -

6 unit files listed.
`;

function stub(name: string, script: string): void {
  writeFileSync(join(bin, name), `#!/bin/sh\n${script}`);
  chmodSync(join(bin, name), 0o755);
}

stub('service', `[ "$1" = --status-all ] && cat <<'EOF'\n${STATUS_ALL}EOF\n`);
stub('systemctl', `echo "$*" >>${join(bin, 'calls')}
case $1 in
  list-units) cat <<'EOF'\n${LIST_UNITS}EOF\n ;;
  list-unit-files) cat <<'EOF'\n${LIST_UNIT_FILES}EOF\n ;;
  show) shift 4; first=1; for u in "$@"; do [ $first = 1 ] || echo; first=0; case $u in hwclock.service) echo ActiveState=inactive ;; *) echo ActiveState=active ;; esac; done ;;
esac
`);

/** The fact script as gathering builds it, with the stubs first in the PATH and pid 1's comm given. */
async function gather(pid1: string) {
  const transport = new LocalShellTransport();
  const exec = transport.exec.bind(transport);
  transport.exec = (script, options) => exec(`PATH=${bin}:$PATH\n${script.replace('{ read -r rb_pid1 </proc/1/comm; } 2>/dev/null', `rb_pid1=${pid1}`)}`, options);
  return (await gatherFacts(transport, [{ kind: 'services' }])).get({ kind: 'services' });
}

test('a systemd host: init scripts as sysv entries, then units and unit files as service_facts.py reads them', async () => {
  const { services, unsupported } = await gather('systemd');
  expect(unsupported).toBeUndefined();
  expect(services).toEqual({
    dbus: { name: 'dbus', state: 'running', source: 'sysv' },
    'hwclock.sh': { name: 'hwclock.sh', state: 'stopped', source: 'sysv' },
    ssh: { name: 'ssh', state: 'running', source: 'sysv' },
    // list-units: status the ACTIVE column, running from SUB; a bad state (the dot dropped) stays the status.
    'apt-daily.service': { name: 'apt-daily.service', state: 'stopped', status: 'static', source: 'systemd' },
    'auditd.service': { name: 'auditd.service', state: 'stopped', status: 'not-found', source: 'systemd' },
    'dbus.service': { name: 'dbus.service', state: 'running', status: 'active', source: 'systemd' },
    'broken.service': { name: 'broken.service', state: 'stopped', status: 'failed', source: 'systemd' },
    'postgresql.service': { name: 'postgresql.service', state: 'stopped', status: 'active', source: 'systemd' },
    'ssh.service': { name: 'ssh.service', state: 'running', status: 'enabled', source: 'systemd' },
    // Only in the unit files: its ActiveState, or unknown for a template systemctl cannot show.
    'getty@.service': { name: 'getty@.service', state: 'unknown', status: 'enabled', source: 'systemd' },
    'hwclock.service': { name: 'hwclock.service', state: 'inactive', status: 'masked', source: 'systemd' },
    'sshd.service': { name: 'sshd.service', state: 'active', status: 'alias', source: 'systemd' },
  });
  // One show for every unit file but the template, in their order.
  expect(readFileSync(join(bin, 'calls'), 'utf8')).toContain('show -p ActiveState -- apt-daily.service broken.service hwclock.service ssh.service sshd.service');
});

test('a SysV host: only `service --status-all`, [ ? ] left out', async () => {
  const { services } = await gather('sh');
  expect(Object.keys(services)).toEqual(['dbus', 'hwclock.sh', 'ssh']);
});
