// The apt fact kind (one per host): when the package lists were last updated, and what autoremove would remove.
import type { AptFact } from '../core/facts.js';
import type { FactKindDefinition } from './fact-kind.js';
import { field, type Probe } from './probe.js';

// The lists' age as Ansible's apt module reads it: the mtime of APT's update-success stamp, else
// of the lists folder, else never. `apt-get -s autoremove` only simulates (no lock, no root needed).
const PRELUDE = String.raw`rb_apt() {
  for rb_f in /var/lib/apt/periodic/update-success-stamp /var/lib/apt/lists; do
    if [ -e "$rb_f" ]; then echo "updated $(stat -c %Y "$rb_f")"; break; fi
  done
  echo "now $(date +%s)"
  command -v apt-get >/dev/null 2>&1 || return 0
  echo 'apt-get 1'
  [ "$1" = 1 ] || return 0
  echo 'autoremove-asked 1'
  rb_sim=$(apt-get -s autoremove 2>&1) || { rb_err "apt-get -s autoremove failed: $rb_sim"; return 0; }
  while read -r rb_w rb_p rb_rest; do [ "$rb_w" = Remv ] && echo "autoremove $rb_p"; done <<RB_SIM
$rb_sim
RB_SIM
}`;

const probe: Probe<'apt'> = {
  prelude: PRELUDE,
  call: (request) => `rb_apt ${request.autoremove ? 1 : 0}`,
  parse(_request, fields): AptFact {
    const updated = field(fields, 'updated');
    const fact: AptFact = { cacheUpdatedAt: updated === undefined ? null : Number(updated), now: Number(field(fields, 'now')), aptGet: field(fields, 'apt-get') === '1' };
    if (field(fields, 'autoremove-asked') !== undefined) fact.autoremovable = fields.filter(([k]) => k === 'autoremove').map(([, v]) => v);
    return fact;
  },
};

export const aptKind: FactKindDefinition<'apt'> = {
  key: () => 'host',
  // One request per host: autoremove's simulation is read when any task asks for it.
  merge: (seen, request) => (request.autoremove && !seen.autoremove ? request : seen),
  probe,
  // Changed only by apt commands, whose effect the plan cannot know ahead.
  planned: (request, gathered) => gathered.get(request),
  standsAfter: () => false,
};
