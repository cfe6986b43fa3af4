// apt_repository's update_cache: apt-get update after the sources changed, retried with its backoff, the sources put back when it keeps failing.
import type { CommandChange } from '../../core/change.js';
import { shQuote } from '../../core/sh-quote.js';
import type { AptRepositoryArgs } from './schema.js';

/**
 * The module's loop: up to `update_cache_retries` tries, each failure followed by a sleep of 2^try
 * seconds capped at `update_cache_retry_max_delay` (its random fraction of a second left out); when
 * none succeeds, revert_sources_list: a new file removed, every other one written back as it was
 * dumped before, and the task fails. python-apt's Cache.update() fails on any list it cannot fetch;
 * apt-get update is told to as well (APT::Update::Error-Mode=any).
 */
export function updateCacheCommand(args: AptRepositoryArgs, before: Map<string, string>, after: Map<string, string>): CommandChange {
  const revert = [...after.keys(), ...before.keys()]
    .filter((path, i, all) => all.indexOf(path) === i && before.get(path) !== after.get(path))
    .sort()
    .map((path) => {
      const old = before.get(path);
      return old === undefined ? `rm -f ${shQuote(path)}` : `printf '%s' ${shQuote(Buffer.from(old).toString('base64'))} | base64 -d > ${shQuote(path)}`;
    });
  const command = [
    'rb_i=0',
    `while [ $rb_i -lt ${args.update_cache_retries} ]; do`,
    '  rb_out=$(apt-get update -o APT::Update::Error-Mode=any 2>&1) && exit 0',
    `  rb_d=$((1 << rb_i)); [ $rb_d -gt ${args.update_cache_retry_max_delay} ] && rb_d=${args.update_cache_retry_max_delay}`,
    '  sleep $rb_d; rb_i=$((rb_i + 1))',
    'done',
    ...revert,
    `printf 'Failed to update apt cache: %s\\n' "$(printf '%s\\n' "$rb_out" | grep -E '^(E|W):' | head -n 5)" >&2`,
    'exit 1',
  ].join('\n');
  return { kind: 'command', command, summary: 'apt-get update', reason: 'the sources changed (update_cache)' };
}
