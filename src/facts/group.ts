// The group fact kind: whether a local group exists in /etc/group, and its gid.
import type { GroupFact } from '../core/facts.js';
import { shQuote } from '../core/sh-quote.js';
import type { FactKindDefinition } from './fact-kind.js';
import { field, type Probe } from './probe.js';
import { ACCOUNT_FILES } from './user.js';

// A `read` loop (a builtin): no process spawned.
const PRELUDE = String.raw`rb_group() {
  while IFS=: read -r rb_n rb_x rb_g rb_m || [ -n "$rb_n" ]; do
    [ "$rb_n" = "$1" ] || continue
    printf 'exists 1\ngid %s\n' "$rb_g"
    return 0
  done </etc/group
  echo 'exists 0'
}`;

const probe: Probe<'group'> = {
  prelude: PRELUDE,
  call: (request) => `rb_group ${shQuote(request.name)}`,
  parse(request, fields): GroupFact {
    const exists = field(fields, 'exists') === '1';
    return { name: request.name, exists, gid: exists ? Number(field(fields, 'gid')) : null };
  },
};

export const groupKind: FactKindDefinition<'group'> = {
  key: (request) => request.name,
  probe,
  // Groups change through commands (groupadd, groupmod), whose effect the plan cannot know ahead.
  planned: (request, gathered) => gathered.get(request),
  standsAfter: (_request, changed) => !ACCOUNT_FILES.some((path) => changed.has(path)),
};
