// Plans `get_url` from the host's one fact exec, by get_url.py's rules: what dest holds, its checksum,
// and (no checksum, not forced) whether the server says the URL changed since dest's mtime.
import type { FactRequest, FactSet, FileFact } from '../../core/facts.js';
import type { TaskPlan } from '../../core/module.js';
import { shQuote } from '../../core/sh-quote.js';
import { attrsDifferences } from '../lib/attrs-differences.js';
import { pickAttrs } from '../lib/arg-types.js';
import { PlanError } from '../lib/plan-error.js';
import { curlConfig, NEEDS_CURL, urlFilename } from '../lib/url-request.js';
import { requestOf } from './request.js';
import type { GetUrlArgs } from './schema.js';

/** The host's path of a file:// URL. */
export const filePath = (url: string): string => decodeURIComponent(new URL(url).pathname);

/** A read-only request in the fact exec, its curl config in a here-document (never in the process list). */
export const curlProbe = (options: string, config: string, guard = 'true'): string =>
  `if ${guard}; then ${NEEDS_CURL}\ncurl -sS ${options} -K - <<'RB_CURL_EOF'\n${config}RB_CURL_EOF\nfi`;

/** get_url.py's conditional request: HEAD with If-Modified-Since dest's mtime (its check mode's method), when dest is a file. */
function modifiedProbe(args: GetUrlArgs): string {
  const dest = shQuote(args.dest);
  return curlProbe(`-o /dev/null -w '%{http_code}' -z ${dest}`, curlConfig({ ...requestOf(args), method: 'HEAD' }), `[ -f ${dest} ]`);
}

const checksumFileProbe = (args: GetUrlArgs, url: string): string => curlProbe('-f', curlConfig({ ...requestOf(args), url, method: 'GET' }));

const conditional = (args: GetUrlArgs): boolean => args.force !== true && args.checksum === undefined && !args.url.startsWith('file:');

export function getUrlFacts(args: GetUrlArgs): FactRequest[] {
  const requests: FactRequest[] = [{ kind: 'file', path: args.dest }];
  const sum = args.checksum;
  if (sum !== undefined && sum.algorithm !== 'sha256') requests.push({ kind: 'stat', path: args.dest, follow: true, checksum: sum.algorithm });
  if (sum !== undefined && 'url' in sum) requests.push({ kind: 'command', command: checksumFileProbe(args, sum.url) });
  if (conditional(args)) requests.push({ kind: 'command', command: modifiedProbe(args) });
  if (args.url.startsWith('file:')) requests.push({ kind: 'file', path: filePath(args.url) });
  return requests;
}

export function planGetUrl(args: GetUrlArgs, facts: FactSet): TaskPlan {
  const dest = facts.get({ kind: 'file', path: args.dest });
  const expected = expectedChecksum(args, facts);
  const download = (reason: string): TaskPlan => ({ status: 'change', changes: [{ kind: 'script', summary: `download ${args.url} -> ${args.dest}`, reason }] });
  if (dest.exists && dest.type === 'directory') return download(`${args.dest} is a folder: get_url downloads on every run (the name comes from the response) and replaces the file only when its content differs`);
  if (!dest.exists) return download(`${args.dest} absent`);
  if (args.force === true) return download('force: downloaded on every run, replaced only when the content differs');
  if (expected !== undefined) {
    const have = destDigest(args, dest, facts);
    if (have !== expected) return download(`${args.checksum!.algorithm} of ${args.dest} is ${have ?? 'unknown'}, not ${expected}`);
    return keptWithAttrs(args, dest, 'file already exists');
  }
  if (args.url.startsWith('file:')) {
    const src = facts.get({ kind: 'file', path: filePath(args.url) });
    if (!src.exists || src.type !== 'file') throw new PlanError(`Request failed: ${filePath(args.url)} is not a readable file`);
    if (src.sha256 !== dest.sha256) return download(`${args.dest} differs from ${filePath(args.url)}`);
    return keptWithAttrs(args, dest, `${args.dest} matches ${filePath(args.url)}`);
  }
  const code = facts.get({ kind: 'command', command: modifiedProbe(args) });
  if (code.stdout.trim() === '304') {
    // get_url.py ends at a 304 before it sets any attribute.
    return { status: 'unchanged', reason: `${args.url} not modified since ${args.dest} was written (304)`, registered: { changed: false, url: args.url, dest: args.dest, msg: 'HTTP Error 304: Not Modified', status_code: 304, elapsed: 0 } };
  }
  if (code.exitCode === 127) throw new PlanError(code.stderr.trim());
  if (code.exitCode !== 0 && code.stdout.trim() === '000') throw new PlanError(`Request failed: ${code.stderr.trim() || 'no answer'} (${args.url})`);
  return download(`${args.url} answered ${code.stdout.trim()} to If-Modified-Since ${args.dest}'s mtime: downloaded, replaced only when the content differs`);
}

/** dest kept: ok, or only its mode/owner/group set (get_url.py's "file already exists but file attributes changed"). */
function keptWithAttrs(args: GetUrlArgs, dest: FileFact, msg: string): TaskPlan {
  const { attrs, descriptions } = attrsDifferences(dest, pickAttrs(args));
  if (descriptions.length > 0) {
    return { status: 'change', changes: [{ kind: 'attrs', path: args.dest, before: dest, ...attrs, reason: `file already exists but file attributes changed: ${descriptions.join(', ')}` }] };
  }
  const registered = { changed: false, url: args.url, dest: args.dest, msg, checksum_dest: null, checksum_src: null, elapsed: 0, state: 'file', mode: dest.mode, owner: dest.owner, group: dest.group, size: dest.size };
  return { status: 'unchanged', reason: msg, registered };
}

function destDigest(args: GetUrlArgs, dest: FileFact, facts: FactSet): string | undefined {
  const algorithm = args.checksum!.algorithm;
  if (algorithm === 'sha256') return dest.sha256 ?? undefined;
  const stat = facts.get({ kind: 'stat', path: args.dest, follow: true, checksum: algorithm });
  return 'stat' in stat ? (stat.stat.checksum as string | undefined) : undefined;
}

/** The checksum to hold, given or found in the checksum file (get_url.py's lookup by the URL's file name). */
export function expectedChecksum(args: GetUrlArgs, facts: FactSet): string | undefined {
  const sum = args.checksum;
  if (sum === undefined) return undefined;
  if ('hex' in sum) return sum.hex;
  const fetched = facts.get({ kind: 'command', command: checksumFileProbe(args, sum.url) });
  if (fetched.exitCode !== 0) throw new PlanError(`Request failed: ${fetched.stderr.trim() || `curl exit ${fetched.exitCode}`} (${sum.url})`);
  const found = checksumFromFile(fetched.stdout, urlFilename(args.url));
  if (found === undefined) throw new PlanError(`Unable to find a checksum for file '${urlFilename(args.url)}' in '${sum.url}'`);
  const hex = found.replace(/[^\p{L}\p{N}_]+/gu, '').toLowerCase();
  if (!/^[0-9a-f]+$/.test(hex)) throw new PlanError('The checksum format is invalid');
  return hex;
}

/** get_url.py's reading of a checksum file: a lone word is the checksum; else `HASH [ *]NAME` lines, NAME without leading `./`. */
export function checksumFromFile(text: string, filename: string): string | undefined {
  const lines = text.replace(/\n$/, '').split('\n');
  if (lines.length === 1 && lines[0]!.trim().split(/\s+/).length === 1) return lines[0]!.trim();
  for (const line of lines) {
    const space = line.indexOf(' ');
    if (space < 0) continue;
    let name = line.slice(space + 1);
    if (name.startsWith(' ') || name.startsWith('*')) name = name.slice(1);
    if (name.replace(/^[./]+/, '') === filename) return line.slice(0, space);
  }
  return undefined;
}
