// A stand-in `mysql` client that records its argv, stdin and option file; scripts run for real by /bin/sh.
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';

/** What the real client would have received. */
export interface Recorded {
  argv: string;
  stdin: string;
  optionFile?: string;
  /** mysqldump's argv, when the script ran it. */
  dumpArgv?: string;
}

const FAKE_MYSQL = `#!/bin/sh
out="$RB_FAKE_OUT"
case "$1" in --defaults-extra-file=*) cat "\${1#--defaults-extra-file=}" >"$out.option"; shift;; esac
printf '%s' "$*" >"$out.argv"
cat >"$out.stdin"
`;

// mysqldump's stand-in: its argv recorded, a one-line dump on stdout.
const FAKE_MYSQLDUMP = `#!/bin/sh
out="$RB_FAKE_OUT"
case "$1" in --defaults-extra-file=*) cat "\${1#--defaults-extra-file=}" >"$out.option"; shift;; esac
printf '%s' "$*" >"$out.dump-argv"
printf -- '-- dump\\n'
`;

export interface RecordingMysql {
  /** Runs a generated script with /bin/sh, `mysql` being the recorder. */
  run(script: string): Recorded;
  /** A path in the recorder's own folder, for a file a script writes (a dump's target). */
  scratch(name: string): string;
  remove(): void;
}

export function createRecordingMysql(): RecordingMysql {
  const work = mkdtempSync(join(tmpdir(), 'rb-mysql-fixtures-'));
  const bin = join(work, 'bin');
  mkdirSync(bin);
  writeFileSync(join(bin, 'mysql'), FAKE_MYSQL);
  chmodSync(join(bin, 'mysql'), 0o755);
  writeFileSync(join(bin, 'mysqldump'), FAKE_MYSQLDUMP);
  chmodSync(join(bin, 'mysqldump'), 0o755);
  let runs = 0;
  return {
    run(script) {
      const out = join(work, `run${runs++}`);
      const result = spawnSync('/bin/sh', ['-c', script], { env: { ...process.env, PATH: `${bin}:${process.env.PATH}`, RB_FAKE_OUT: out }, input: '' });
      expect(result.status, `script failed: ${result.stderr}`).toBe(0);
      const read = (suffix: string) => (existsSync(out + suffix) ? readFileSync(out + suffix, 'utf8') : undefined);
      return { argv: read('.argv') ?? '', stdin: read('.stdin') ?? '', optionFile: read('.option'), dumpArgv: read('.dump-argv') };
    },

    scratch: (name) => join(work, name),
    remove: () => rmSync(work, { recursive: true, force: true }),
  };
}

export function checkRecorded(recorded: Recorded, expected: { argv?: string; option_file?: string }): void {
  if (expected.argv !== undefined) expect(recorded.argv).toContain(expected.argv);
  if (expected.option_file !== undefined) expect(recorded.optionFile).toBe(expected.option_file);
  // A login password never reaches the client's argv: it is read from the option file.
  expect(recorded.argv).not.toMatch(/(^| )(-p|--password)/);
  expect(recorded.dumpArgv ?? '').not.toMatch(/(^| )(-p|--password)/);
}
