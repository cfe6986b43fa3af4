// Runs a command to completion, timing its wall clock and taking its peak RSS from GNU time.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

export const GNU_TIME = '/usr/bin/time';

/**
 * Runs `cmd args` with `env`, capturing stdout and stderr. `ms`: wall clock from spawn to exit;
 * `rssKb`: the process's peak resident set (GNU time's %M: the largest of the process and the
 * children it waited for), undefined when GNU time is missing.
 */
export function runTimed(cmd, args, { env = process.env, cwd, tmpDir }) {
  const rssFile = join(tmpDir, `rss-${process.pid}-${Math.random().toString(36).slice(2)}`);
  const timed = existsSync(GNU_TIME);
  const [file, argv] = timed ? [GNU_TIME, ['-f', '%M', '-o', rssFile, cmd, ...args]] : [cmd, args];
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(file, argv, { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    const out = [];
    const err = [];
    child.stdout.on('data', (d) => out.push(d));
    child.stderr.on('data', (d) => err.push(d));
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      let rssKb;
      if (timed && existsSync(rssFile)) {
        // GNU time writes "Command exited with non-zero status N" before %M on a failure.
        const last = readFileSync(rssFile, 'utf8').trim().split('\n').pop();
        rssKb = Number(last) || undefined;
        rmSync(rssFile, { force: true });
      }
      resolve({ code, ms, rssKb, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') });
    });
  });
}
