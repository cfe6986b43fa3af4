// Plans and runs `fetch`: the host's file is read in the one fact exec (its sha256, its bytes up to
// 1 MiB) and compared with the controller's copy; only a differing copy is fetched, at apply.
import type { FactRequest, FactSet, FileFact } from '../../core/facts.js';
import type { ScriptContext, ScriptOutcome, TaskPlan } from '../../core/module.js';
import { shQuote } from '../../core/sh-quote.js';
import { PlanError } from '../lib/plan-error.js';
import { hashOf, localPath, readLocal, writeLocalAtomically } from './local-file.js';
import type { FetchArgs } from './schema.js';

/** A fetch that failed at apply (the file gone or changed meanwhile, a checksum mismatch). */
export class FetchError extends Error {
  override readonly name = 'FetchError';
}

export function fetchFacts(args: FetchArgs): FactRequest[] {
  return [{ kind: 'file', path: args.src }];
}

export async function planFetch(args: FetchArgs, facts: FactSet, ctx: ScriptContext): Promise<TaskPlan> {
  const src = facts.get({ kind: 'file', path: args.src });
  const missing = missingReason(src);
  if (missing !== undefined) {
    // Ansible's words; fail_on_missing: false makes both an ok task that fetched nothing.
    if (args.fail_on_missing !== false) throw new PlanError(missing.message);
    return { status: 'unchanged', reason: missing.ignored, registered: { changed: false, file: args.src, msg: missing.ignored } };
  }
  if (src.type !== 'file') throw new PlanError(`${args.src} is not a regular file; fetch copies regular files`);
  const path = localPath(args.src, args.dest, ctx.host.name, args.flat === true);
  const local = readLocal(path);
  if (local !== null && hashOf('sha256', local) === src.sha256) {
    const registered = { changed: false, md5sum: hashOf('md5', local), file: args.src, dest: path, checksum: hashOf('sha1', local) };
    return { status: 'unchanged', reason: `${path} matches ${ctx.host.name}:${args.src}`, registered };
  }
  const diff = textDiff(path, local, src.content);
  return {
    status: 'change',
    changes: [{ kind: 'script', summary: `fetch ${ctx.host.name}:${args.src} -> ${path}`, reason: local === null ? `${path} absent` : `${path} differs`, ...(diff ? { files: [diff] } : {}) }],
  };
}

function missingReason(src: FileFact): { message: string; ignored: string } | undefined {
  if (!src.exists) return { message: 'the remote file does not exist, not transferring, ignored', ignored: 'the remote file does not exist, not transferring, ignored' };
  if (src.type === 'directory') return { message: 'remote file is a directory, fetch cannot work on directories', ignored: 'remote file is a directory, fetch cannot work on directories, not transferring, ignored' };
  return undefined;
}

/** The local file's change as a diff, when both sides are text known ahead (the host's file up to 1 MiB). */
function textDiff(path: string, before: Buffer | null, after: Buffer | undefined): { path: string; before: string | null; after: string | null } | undefined {
  const text = (b: Buffer): string | undefined => (Buffer.from(b.toString('utf8'), 'utf8').equals(b) ? b.toString('utf8') : undefined);
  if (after === undefined) return undefined;
  const afterText = text(after);
  const beforeText = before === null ? null : text(before);
  if (afterText === undefined || beforeText === undefined) return undefined;
  return { path, before: beforeText, after: afterText };
}

/** Reads the file's sha1 and bytes in one exec, checks them (validate_checksum) and writes the local copy atomically. */
export async function applyFetch(args: FetchArgs, ctx: ScriptContext): Promise<ScriptOutcome> {
  const path = localPath(args.src, args.dest, ctx.host.name, args.flat === true);
  const script = `sha1sum < ${shQuote(args.src)} | cut -c1-40 && base64 -w0 < ${shQuote(args.src)}`;
  const result = await ctx.transport.exec(script, { ...(ctx.become !== undefined ? { become: ctx.become } : {}), ...(ctx.becomeUser !== undefined ? { becomeUser: ctx.becomeUser } : {}) });
  if (result.exitCode !== 0) throw new FetchError(`failed to read ${args.src}: ${result.stderr.trim() || `exit ${result.exitCode}`}`);
  const [remoteChecksum = '', encoded = ''] = result.stdout.split('\n');
  const data = Buffer.from(encoded.trim(), 'base64');
  const checksum = hashOf('sha1', data);
  if (args.validate_checksum !== false && checksum !== remoteChecksum.trim()) {
    throw new FetchError(`checksum mismatch: ${args.src} read with sha1 ${checksum}, the host's is ${remoteChecksum.trim()}`);
  }
  const before = readLocal(path);
  if (before !== null && before.equals(data)) {
    return { changed: false, registered: { changed: false, md5sum: hashOf('md5', data), file: args.src, dest: path, checksum } };
  }
  writeLocalAtomically(path, data);
  return { changed: true, registered: { changed: true, md5sum: hashOf('md5', data), dest: path, remote_md5sum: null, checksum, remote_checksum: remoteChecksum.trim() } };
}
