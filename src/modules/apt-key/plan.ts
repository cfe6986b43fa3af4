// Plans `apt_key`: the listed keys (and a file's or data's key id) from the one fact exec, an apt-key add or del when apt_key.py would run one.
import type { CommandChange } from '../../core/change.js';
import type { FactRequest, FactSet } from '../../core/facts.js';
import type { TaskPlan } from '../../core/module.js';
import { shQuote } from '../../core/sh-quote.js';
import { PlanError } from '../lib/plan-error.js';
import { parseKeyId, type AptKeyArgs } from './schema.js';

function keysRequest(args: AptKeyArgs): FactRequest & { kind: 'aptKeys' } {
  // As apt_key.py: the id is read from the file or data only when no id is given.
  const offered = args.id !== undefined ? {} : args.file !== undefined ? { file: args.file } : { data: args.data! };
  return { kind: 'aptKeys', ...(args.keyring !== undefined ? { keyring: args.keyring } : {}), ...offered };
}

export function aptKeyFacts(args: AptKeyArgs): FactRequest[] {
  return [keysRequest(args)];
}

const aptKey = (args: AptKeyArgs): string => `apt-key${args.keyring !== undefined ? ` --keyring ${shQuote(args.keyring)}` : ''}`;
const where = (args: AptKeyArgs): string => (args.keyring !== undefined ? ` in ${args.keyring}` : '');

export function planAptKey(args: AptKeyArgs, facts: FactSet): TaskPlan {
  const fact = facts.get(keysRequest(args));
  if ('error' in fact.listed) throw new PlanError(fact.listed.error);
  if (args.id === undefined && fact.stale !== undefined) {
    // The key file is written earlier in this run: its id is read once that is applied.
    return { status: 'unknown', reason: `${fact.stale} is written by an earlier task: its key is read when applied`, changes: [addCommand(args, undefined, `the key of ${fact.stale}`)] };
  }
  let written = args.id;
  if (written === undefined) {
    if (fact.offered === undefined || 'error' in fact.offered) throw new PlanError(fact.offered !== undefined && 'error' in fact.offered ? fact.offered.error : 'no key offered');
    written = fact.offered.ids[0];
  }
  const id = written === undefined ? undefined : parseKeyId(written);
  if (id === undefined) throw new PlanError(`Invalid key_id${written !== undefined ? `: ${written}` : `: no key found in ${args.file ?? 'the data'}`}`);
  const short = id.keyId.length === 8;
  const keys = short ? fact.listed.ids.map((k) => k.slice(-8)) : fact.listed.ids;
  const shown = short ? id.short : id.fingerprint;
  if (args.state === 'absent') {
    if (!keys.includes(id.fingerprint)) return { status: 'unchanged', reason: `no key ${shown}${where(args)}` };
    // apt_key.py removes by the short id (a workaround for an old apt-key del bug).
    const command = `${aptKey(args)} del ${shQuote(id.short)}`;
    return { status: 'change', changes: [{ kind: 'command', command, summary: command, reason: `key ${shown} is trusted${where(args)}` }] };
  }
  if (keys.includes(shown)) return { status: 'unchanged', reason: `key ${shown} already trusted${where(args)}` };
  if (args.file === undefined && args.data === undefined) throw new PlanError(`key ${shown} is not trusted${where(args)}, and there is no key to add: give file or data`);
  return { status: 'change', changes: [addCommand(args, shown, `key ${shown}`)] };
}

/**
 * apt-key add of the file or data, then apt_key.py's check that the key is listed after it (a wrong
 * id, or a subkey's, fails the task); with no id known yet, only the add.
 */
function addCommand(args: AptKeyArgs, shown: string | undefined, what: string): CommandChange {
  const add = args.file !== undefined ? `${aptKey(args)} add ${shQuote(args.file)}` : `printf '%s' ${shQuote(Buffer.from(args.data!).toString('base64'))} | base64 -d | ${aptKey(args)} add -`;
  const check =
    shown === undefined
      ? []
      : [
          `${aptKey(args)} adv --list-public-keys --keyid-format=long 2>/dev/null | grep -v expired | grep -Eq ${shQuote(`^(pub|sub) +[^ ]+/[0-9A-F]*${shown}( |$)`)} ||`,
          `  { echo 'apt-key did not return an error, but failed to add the key (check that the id is correct and *not* a subkey)' >&2; exit 1; }`,
        ];
  const summary = args.file !== undefined ? `${aptKey(args)} add ${args.file}` : `${aptKey(args)} add - (data)`;
  return { kind: 'command', command: [`${add} || exit $?`, ...check].join('\n'), summary, reason: `${what} is not trusted${where(args)}` };
}
