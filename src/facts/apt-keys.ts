// The aptKeys fact kind: the keys apt-key lists (in a keyring when given), and the ids of a key file or key data, as Ansible's apt_key reads them.
import type { AptKeysFact } from '../core/facts.js';
import { sha256Hex } from '../core/sha256.js';
import { shQuote } from '../core/sh-quote.js';
import type { FactKindDefinition } from './fact-kind.js';
import { field, type Probe, type ProbeField } from './probe.js';

// apt_key.py needs both apt-key and gpg. The listing is apt-key's own (it runs gpg in a temp home);
// the offered key is read by gpg in a temp GNUPGHOME removed after (Ansible's run leaves ~/.gnupg:
// the fact exec reads only). Outputs travel as base64; apt-key's deprecation warning (stderr) is dropped.
// Neither reads the script's stdin (the fact script itself may come that way).
const PRELUDE = String.raw`rb_aptkeys() {
  for rb_b in apt-key gpg; do command -v $rb_b >/dev/null 2>&1 || { echo "missing $rb_b"; return 0; }; done
  if [ -n "$1" ]; then rb_o=$(apt-key --keyring "$1" adv --list-public-keys --keyid-format=long 2>/dev/null </dev/null); else rb_o=$(apt-key adv --list-public-keys --keyid-format=long 2>/dev/null </dev/null); fi
  echo "listedrc $?"
  printf 'listed '; printf '%s' "$rb_o" | base64 -w0; echo
  [ "$2" = none ] && return 0
  rb_g=$(mktemp -d) || return 0
  if [ "$2" = file ]; then rb_o=$(GNUPGHOME=$rb_g gpg --with-colons "$3" 2>/dev/null </dev/null); else rb_o=$(printf '%s\n' "$3" | GNUPGHOME=$rb_g gpg --with-colons - 2>/dev/null); fi
  echo "offeredrc $?"
  rm -rf "$rb_g"
  printf 'offered '; printf '%s' "$rb_o" | base64 -w0; echo
}`;

/**
 * apt_key.py's parse_output_for_keys: the id of each `pub`/`sub` line not expired, from apt-key's
 * `pub   rsa4096/ID ...` or, failing that, gpg's colon format (its fifth field).
 */
export function keysOfOutput(output: string): string[] {
  const found: string[] = [];
  for (const line of output.split('\n')) {
    if (!(line.startsWith('pub') || line.startsWith('sub')) || line.includes('expired')) continue;
    const code = line.trim().split(/\s+/)[1];
    const parts = code?.split('/');
    if (parts !== undefined && parts.length === 2) {
      found.push(parts[1]!);
      continue;
    }
    const tokens = line.split(':');
    if (tokens.length > 4) found.push(tokens[4]!);
  }
  return found;
}

function readOutput(fields: readonly ProbeField[], name: string, failure: string): { ids: string[] } | { error: string } {
  const rc = field(fields, `${name}rc`);
  if (rc !== '0') return { error: `${failure} (exit ${rc ?? 'unknown'})` };
  return { ids: keysOfOutput(Buffer.from(field(fields, name) ?? '', 'base64').toString('utf8')) };
}

type AptKeysRequest = { keyring?: string; file?: string; data?: string };

const probe: Probe<'aptKeys'> = {
  prelude: PRELUDE,
  call: (request) =>
    ['rb_aptkeys', shQuote(request.keyring ?? ''), request.file !== undefined ? 'file' : request.data !== undefined ? 'data' : 'none', shQuote(request.file ?? request.data ?? '')].join(' '),
  parse(request, fields): AptKeysFact {
    const missing = field(fields, 'missing');
    if (missing !== undefined) return { listed: { error: `Failed to find required executable "${missing}"` } };
    const listed = readOutput(fields, 'listed', 'Unable to list public keys');
    if (request.file === undefined && request.data === undefined) return { listed };
    return { listed, offered: readOutput(fields, 'offered', `Unable to extract key from '${request.file ?? 'inline data'}'`) };
  },
};

export const aptKeysKind: FactKindDefinition<'aptKeys'> = {
  key: (request: AptKeysRequest) => `${request.keyring ?? ''}:${request.file ?? ''}:${request.data !== undefined ? sha256Hex(Buffer.from(request.data)) : ''}`,
  probe,
  // apt-key writes keyrings by itself (a command): a key file or keyring written by a change planned before is read at apply.
  planned(request, gathered, planned) {
    const fact = gathered.get(request);
    const stale = [request.file, request.keyring].find((path) => path !== undefined && planned.has(path));
    return stale === undefined ? fact : { ...fact, stale };
  },
  // apt-key's own changes are commands (after one, every plan is made again); of files, only these two matter.
  standsAfter: (request, changed) => ![request.file, request.keyring].some((path) => path !== undefined && changed.has(path)),
};
