// Runs `get_url` on the host, as get_url.py does: curl downloads to a temp file beside dest, which
// replaces dest (by a rename) only when its sha1 differs; then the checksum, mode, owner and group.
import { posix } from 'node:path';
import type { ScriptContext, ScriptOutcome } from '../../core/module.js';
import { shQuote } from '../../core/sh-quote.js';
import { TaskFailure } from '../lib/task-failure.js';
import { curlConfig, filenameFromHeaders, lastResponse, NEEDS_CURL, urlFilename } from '../lib/url-request.js';
import { checksumFromFile } from './plan.js';
import { requestOf } from './request.js';
import type { GetUrlArgs } from './schema.js';

/** What the download left: the temp file, what the server said, and the bytes' sha1. */
interface Downloaded {
  status: number;
  url: string;
  tmp: string;
  sha1: string;
  size: number;
  statusLine: string;
  headers: Record<string, string>;
  elapsed: number;
  /** dest is a folder: the file's name comes from the response. */
  intoFolder: boolean;
}

const fields = (stdout: string): Map<string, string> =>
  new Map(stdout.split('\n').filter((l) => l.includes(' ')).map((l) => [l.slice(0, l.indexOf(' ')), l.slice(l.indexOf(' ') + 1)]));

/**
 * curl to a temp file in dest's folder (dest itself when it is one), with If-Modified-Since dest's
 * mtime when get_url.py sends it (an existing file, not forced, no checksum).
 */
function downloadScript(args: GetUrlArgs): string {
  const dest = shQuote(args.dest);
  const conditional = args.force !== true && args.checksum === undefined;
  return [
    NEEDS_CURL,
    `if [ -d ${dest} ]; then rb_dir=${dest}; else rb_dir=$(dirname -- ${dest}); fi`,
    `[ -d "$rb_dir" ] || { printf 'Destination %s does not exist\\n' "$rb_dir" >&2; exit 1; }`,
    `rb_tmp=$(mktemp "$rb_dir/.rb-get_url.XXXXXX") || exit 1`,
    conditional ? `set --; if [ -f ${dest} ]; then set -- -z ${dest}; fi` : 'set --',
    `rb_start=$(date +%s)`,
    `rb_w=$(curl -sS -K - "$@" -D "$rb_tmp.h" -o "$rb_tmp" -w '%{http_code} %{url_effective}') || { rb_rc=$?; rm -f "$rb_tmp" "$rb_tmp.h"; exit $rb_rc; }`,
    `echo "status $rb_w"; echo "tmp $rb_tmp"; echo "elapsed $(( $(date +%s) - rb_start ))"; [ -d ${dest} ] && echo 'folder 1'`,
    `echo "sha1 $(sha1sum <"$rb_tmp" | cut -c1-40)"; echo "size $(wc -c <"$rb_tmp")"`,
    `echo "headers $(base64 -w0 <"$rb_tmp.h")"; rm -f "$rb_tmp.h"`,
  ].join('\n');
}

function parseDownload(stdout: string): Downloaded {
  const f = fields(stdout);
  const [code = '0', ...url] = (f.get('status') ?? '').split(' ');
  const { statusLine, headers } = lastResponse(Buffer.from(f.get('headers') ?? '', 'base64').toString('utf8'));
  return { status: Number(code), url: url.join(' '), tmp: f.get('tmp') ?? '', sha1: f.get('sha1') ?? '', size: Number(f.get('size') ?? 0), statusLine, headers, elapsed: Number(f.get('elapsed') ?? 0), intoFolder: f.has('folder') };
}

/**
 * Puts the temp file in place unless dest has the same sha1 (keeping an existing dest's mode and
 * owner, a new one 0666 less the umask: atomic_move's), checks the checksum (a mismatch removes
 * dest, as get_url.py does), then sets mode, owner and group, each a change only when it differs.
 */
function finishScript(args: GetUrlArgs, tmp: string, path: string, sha1: string, checksum?: string): string {
  const [t, d] = [shQuote(tmp), shQuote(path)];
  const lines = [
    `rb_changed=0; rb_old=; trap 'rm -f ${t}' EXIT`,
    `if [ -e ${d} ]; then [ -w ${d} ] || { echo "Destination ${path} is not writable" >&2; exit 1; }; rb_old=$(sha1sum <${d} | cut -c1-40); fi`,
    `if [ "$rb_old" != ${sha1} ]; then`,
    args.backup === true ? `  if [ -e ${d} ]; then rb_bak=${d}.$(date +%Y%m%d%H%M%S).bak; cp -p -- ${d} "$rb_bak"; echo "backup $rb_bak"; fi` : '  :',
    `  if [ -e ${d} ]; then chmod --reference=${d} ${t}; chown --reference=${d} ${t} 2>/dev/null || true; else chmod "$(printf '%o' $((0666 & ~$(umask))))" ${t}; fi`,
    `  mv -f -- ${t} ${d}; rb_changed=1`,
    'fi',
    `echo "old $rb_old"`,
  ];
  if (checksum !== undefined) {
    const tool = `${args.checksum!.algorithm}sum`;
    lines.push(`rb_sum=$(${tool} <${d} | cut -d' ' -f1)`, `if [ "$rb_sum" != ${checksum} ]; then rm -f -- ${d}; echo "mismatch $rb_sum"; exit 3; fi`);
  }
  for (const [arg, tool, format] of [['mode', 'chmod', '%04a'], ['owner', 'chown', '%U'], ['group', 'chgrp', '%G']] as const) {
    const want = args[arg];
    if (want === undefined) continue;
    lines.push(`rb_b=$(stat -c ${format} ${d}); ${tool} ${shQuote(want)} ${d} || exit 1; [ "$(stat -c ${format} ${d})" = "$rb_b" ] || rb_changed=1`);
  }
  lines.push(`echo "changed $rb_changed"; echo "md5 $(md5sum <${d} | cut -c1-32)"; echo "stat $(stat -c '%04a %U %G %u %g %s' ${d})"`);
  return lines.join('\n');
}

export async function applyGetUrl(args: GetUrlArgs, ctx: ScriptContext): Promise<ScriptOutcome> {
  const options = { ...(ctx.become !== undefined ? { become: ctx.become } : {}), ...(ctx.becomeUser !== undefined ? { becomeUser: ctx.becomeUser } : {}) };
  const exec = (script: string, input = '') => ctx.transport.exec(script, { ...options, input });
  const base = { url: args.url, dest: args.dest };
  const checksum = await expectedChecksumAtApply(args, exec);
  const run = await exec(downloadScript(args), curlConfig(requestOf(args)));
  if (run.exitCode !== 0) throw new TaskFailure(run.stderr.trim() || `curl exit ${run.exitCode}`, { ...base, changed: false });
  const got = parseDownload(run.stdout);
  const cleanup = () => exec(`rm -f -- ${shQuote(got.tmp)}`);
  if (got.status === 304) {
    await cleanup();
    return { changed: false, registered: { ...base, changed: false, msg: 'HTTP Error 304: Not Modified', status_code: 304, elapsed: got.elapsed } };
  }
  if (got.status !== 200 && !args.url.startsWith('file:')) {
    await cleanup();
    throw new TaskFailure('Request failed', { ...base, changed: false, msg: 'Request failed', status_code: got.status, response: `HTTP Error ${got.statusLine.replace(/^HTTP\/\S+\s*/, '').replace(/ /, ': ')}`, elapsed: got.elapsed });
  }
  const path = got.intoFolder ? posix.join(args.dest, filenameFromHeaders(got.headers) ?? urlFilename(got.url || args.url)) : args.dest;
  const done = await exec(finishScript(args, got.tmp, path, got.sha1, checksum));
  const f = fields(done.stdout);
  const result = { ...base, dest: path, checksum_src: got.sha1, checksum_dest: f.get('old') || null, elapsed: got.elapsed, src: got.tmp };
  if (f.has('mismatch')) throw new TaskFailure(`The checksum for ${path} did not match ${checksum}; it was ${f.get('mismatch')}.`, { ...result, changed: false });
  if (done.exitCode !== 0) throw new TaskFailure(done.stderr.trim() || `exit ${done.exitCode}`, { ...result, changed: false });
  const changed = f.get('changed') === '1';
  const [mode, owner, group, uid, gid, size] = (f.get('stat') ?? '').split(' ');
  const msg = `OK (${got.headers['content-length'] ?? 'unknown'} bytes)`;
  const registered = { ...result, changed, msg, status_code: got.status, md5sum: f.get('md5'), mode, owner, group, uid: Number(uid), gid: Number(gid), size: Number(size), state: 'file', ...(f.has('backup') ? { backup_file: f.get('backup') } : {}) };
  return { changed, registered, output: `${changed ? 'downloaded' : 'unchanged'}: ${args.url} -> ${path}` };
}

/** The checksum to hold: given, or read again from the checksum file (get_url.py reads it on every run). */
async function expectedChecksumAtApply(args: GetUrlArgs, exec: (script: string, input?: string) => Promise<{ exitCode: number; stdout: string; stderr: string }>): Promise<string | undefined> {
  const sum = args.checksum;
  if (sum === undefined) return undefined;
  if ('hex' in sum) return sum.hex;
  const fetched = await exec(`${NEEDS_CURL}\ncurl -sS -f -K -`, curlConfig({ ...requestOf(args), url: sum.url }));
  const name = urlFilename(args.url);
  if (fetched.exitCode !== 0) throw new TaskFailure(`Request failed: ${fetched.stderr.trim()} (${sum.url})`, { changed: false, url: args.url, dest: args.dest });
  const found = checksumFromFile(fetched.stdout, name);
  if (found === undefined) throw new TaskFailure(`Unable to find a checksum for file '${name}' in '${sum.url}'`, { changed: false, url: args.url, dest: args.dest });
  return found.replace(/[^\p{L}\p{N}_]+/gu, '').toLowerCase();
}
