// Plans `getent`: the database read in the host's one fact exec and shaped as getent.py shapes it, returned as `ansible_facts.getent_<database>`; never a change.
import type { FactRequest, FactSet } from '../../core/facts.js';
import type { TaskPlan } from '../../core/module.js';
import { shQuote } from '../../core/sh-quote.js';
import { OUTPUT_LIMIT } from '../../facts/command.js';
import { PlanError } from '../lib/plan-error.js';
import { pythonSplit, pythonSplitLines } from './python-split.js';
import type { GetentArgs } from './schema.js';

/** The databases whose lines getent.py splits on `:` unless told otherwise. */
const COLON = ['passwd', 'shadow', 'group', 'gshadow'];

/** getent's exit codes and getent.py's message for each (any other: "Unexpected failure!"). */
const FAILURES: Record<number, string> = {
  1: 'Missing arguments, or database unknown.',
  2: 'One or more supplied key could not be found in the database.',
  3: 'Enumeration not supported on this database.',
};

function getentCommand({ database, key, service }: GetentArgs): FactRequest & { kind: 'command' } {
  const words = [database, ...(key === undefined ? [] : [key])].map(shQuote);
  return { kind: 'command', command: ['getent', ...words, ...(service === undefined ? [] : ['-s', shQuote(service)])].join(' ') };
}

export function getentFacts(args: GetentArgs): FactRequest[] {
  return [getentCommand(args)];
}

export function planGetent(args: GetentArgs, facts: FactSet): TaskPlan {
  const answer = facts.get(getentCommand(args));
  const fact = `getent_${args.database}`;
  if (answer.exitCode === 0) {
    if (Buffer.byteLength(answer.stdout) >= OUTPUT_LIMIT) {
      throw new PlanError(`getent ${args.database} printed ${OUTPUT_LIMIT / 1024} KiB or more, more than the fact exec keeps: give a key to read one entry`);
    }
    const entries = shapeEntries(answer.stdout, args.split ?? (COLON.includes(args.database) ? ':' : undefined));
    const count = Object.keys(entries).length;
    return { status: 'unchanged', reason: `${count} ${count === 1 ? 'entry' : 'entries'} of ${args.database} read, in the host's one fact exec`, registered: { ansible_facts: { [fact]: entries } } };
  }
  if (answer.exitCode === 2 && !args.fail_key) {
    const msg = FAILURES[2]!;
    // getent.py stores the missing key as None (a missing key of a whole-database read too).
    return { status: 'unchanged', reason: `${args.key ?? 'the key'} is not in ${args.database} (fail_key: false)`, registered: { ansible_facts: { [fact]: { [String(args.key ?? null)]: null } }, msg } };
  }
  if (answer.exitCode === 127) throw new PlanError(`the host has no getent command (getent.py: Failed to find required executable "getent"): ${answer.stderr.trim()}`);
  // getent.py's own words, as its result's msg; a key an earlier task adds is there at apply.
  throw new PlanError(FAILURES[answer.exitCode] ?? 'Unexpected failure!');
}

/**
 * getent.py's dict: each line split (Python's `str.split(sep)`), its first field the key and the
 * rest its value; a key seen again becomes the list of all its values, in the order read.
 */
function shapeEntries(stdout: string, sep: string | undefined): Record<string, unknown> {
  const entries: Record<string, unknown> = {};
  const seen = new Map<string, number>();
  for (const line of pythonSplitLines(stdout)) {
    const [key, ...fields] = pythonSplit(line, sep);
    // getent.py fails on an empty line with a split on whitespace (no first field): say so.
    if (key === undefined) throw new PlanError('getent printed an empty line, which getent.py cannot read (its record has no key)');
    const times = seen.get(key) ?? 0;
    if (times === 0) entries[key] = fields;
    else entries[key] = [...(times === 1 ? [entries[key]] : (entries[key] as unknown[])), fields];
    seen.set(key, times + 1);
  }
  return entries;
}
