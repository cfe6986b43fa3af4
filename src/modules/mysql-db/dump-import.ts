// mysql_db's state dump and import: mysqldump into the target file, or the file through the mysql client, as community.mysql runs them.
import type { FileFact } from '../../core/facts.js';
import type { TaskPlan } from '../../core/module.js';
import { shQuote } from '../../core/sh-quote.js';
import { mysqlProgramScript } from '../lib/mysql/mysql-client.js';
import { sqlIdentifier } from '../lib/mysql/sql-quote.js';
import { PlanError } from '../lib/plan-error.js';
import type { MysqlDbArgs } from './schema.js';

/** community.mysql picks the (de)compressor by the target's extension. */
const COMPRESSORS: Readonly<Record<string, string>> = { '.gz': 'gzip', '.bz2': 'bzip2', '.xz': 'xz' };

function compressorOf(target: string): string | undefined {
  const ext = /\.[^./]*$/.exec(target)?.[0] ?? '';
  return COMPRESSORS[ext];
}

/**
 * mysqldump of the database (`all`: --all-databases) into target, through its compressor when it has one.
 * A failed mysqldump fails the task even behind the compressor (community.mysql's pipefail: true; its
 * default would report a truncated dump as done).
 */
export function planDump(args: MysqlDbArgs & { target: string }, exists: boolean): TaskPlan {
  const all = args.name === 'all';
  if (!all && !exists) throw new PlanError(`cannot dump database ${args.name}: not found`, `database ${args.name} not created yet`);
  const options = [
    ...(args.encoding ? [`--default-character-set=${args.encoding}`] : []),
    ...(args.single_transaction ? ['--single-transaction=true'] : []),
    ...(args.quick !== false ? ['--quick'] : []),
    all ? '--all-databases' : shQuote(args.name),
  ].join(' ');
  const target = shQuote(args.target);
  const compressor = compressorOf(args.target);
  const script = mysqlProgramScript(args, [['mysqldump', options]], ([call]) =>
    compressor ? `rb_rc=$(mktemp) || exit 1\n{ ${call}; echo $? >"$rb_rc"; } | ${compressor} >${target} && [ "$(cat "$rb_rc")" = 0 ]; rb_s=$?; rm -f "$rb_rc"; exit $rb_s` : `${call} >${target}`,
  );
  const what = all ? 'every database' : `database ${args.name}`;
  return change(script, `mysqldump ${what} > ${args.target}${compressor ? ` (${compressor})` : ''}`, `dumps ${what} each run (community.mysql compares nothing)`);
}

/**
 * The target fed to the mysql client (`--one-database NAME` unless all), after CREATE DATABASE when
 * the database does not exist. It runs every time it is asked: nothing tells whether a dump was
 * imported before (community.mysql's import is not idempotent either).
 */
export function planImport(args: MysqlDbArgs & { target: string }, exists: boolean, file: FileFact): TaskPlan {
  if (!file.exists) throw new PlanError(`target ${args.target} does not exist on the host`, `${args.target} not there yet`);
  const all = args.name === 'all';
  const create = !all && !exists ? `CREATE DATABASE ${sqlIdentifier(args.name)}${args.encoding ? ` CHARACTER SET ${args.encoding}` : ''}${args.collation ? ` COLLATE ${args.collation}` : ''}` : undefined;
  const options = [...(args.encoding ? [`--default-character-set=${args.encoding}`] : []), ...(all ? [] : ['--one-database', shQuote(args.name)])].join(' ');
  const target = shQuote(args.target);
  const compressor = compressorOf(args.target);
  const feed = (call: string) => (compressor ? `${compressor} -dc ${target} | ${call}` : `${call} <${target}`);
  const calls = [...(create ? [['mysql', `-N -B -e ${shQuote(create)}`] as const] : []), ['mysql', options] as const];
  const script = mysqlProgramScript(args, calls, (built) => (create ? `${built[0]} || exit 1\n${feed(built[1]!)}` : feed(built[0]!)));
  const what = all ? 'the dump' : `database ${args.name}`;
  const summary = `${create ? `mysql: ${create}; ` : ''}mysql ${what} < ${args.target}${compressor ? ` (${compressor} -dc)` : ''}`;
  return change(script, summary, `imports ${args.target} each run (community.mysql does not know whether it was imported before)`);
}

function change(command: string, summary: string, reason: string): TaskPlan {
  return { status: 'change', changes: [{ kind: 'command', command, summary, reason, always: true }] };
}
