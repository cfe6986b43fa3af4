// uri's request as a host script (curl into a temp file) and its answer as uri.py registers it.
import { lastResponse, NEEDS_CURL } from '../lib/url-request.js';

/** The body bytes brought back from the host (the command fact's output is 64 KiB at most). */
export const BODY_LIMIT = 40_000;

/** What the host's curl saw: the status (-1: no answer), the URL reached, the last response's headers and body. */
export interface RawResponse {
  status: number;
  finalUrl: string;
  statusLine: string;
  headers: Record<string, string>;
  body: Buffer;
  size: number;
  elapsed: number;
  error?: string;
}

/** curl with its config on stdin (`-K -`); `config` given: in a here-document (a fact probe has no stdin). */
export function requestScript(config?: string): string {
  const feed = config === undefined ? '' : ` <<'RB_CURL_EOF'\n${config}RB_CURL_EOF\n`;
  return [
    NEEDS_CURL,
    `rb_t=$(mktemp) || exit 1; trap 'rm -f "$rb_t" "$rb_t.h"' EXIT; rb_s=$(date +%s)`,
    `rb_w=$(curl -sS -K - -D "$rb_t.h" -o "$rb_t" -w '%{http_code} %{url_effective}' 2>"$rb_t.e"${feed}); rb_rc=$?`,
    `echo "rc $rb_rc"; echo "w $rb_w"; echo "elapsed $(( $(date +%s) - rb_s ))"; echo "err $(head -c 2000 "$rb_t.e" | base64 -w0)"; rm -f "$rb_t.e"`,
    `[ -f "$rb_t.h" ] && echo "headers $(base64 -w0 <"$rb_t.h")"`,
    `echo "size $(wc -c <"$rb_t")"; echo "body $(head -c ${BODY_LIMIT} "$rb_t" | base64 -w0)"`,
  ].join('\n');
}

export function parseResponse(stdout: string): RawResponse {
  const f = new Map(stdout.split('\n').filter((l) => l.includes(' ')).map((l) => [l.slice(0, l.indexOf(' ')), l.slice(l.indexOf(' ') + 1)]));
  const [code = '0', ...url] = (f.get('w') ?? '').split(' ');
  const { statusLine, headers } = lastResponse(Buffer.from(f.get('headers') ?? '', 'base64').toString('latin1'));
  const error = Buffer.from(f.get('err') ?? '', 'base64').toString('utf8').trim();
  const failed = f.get('rc') !== '0' || Number(code) === 0;
  return {
    status: failed ? -1 : Number(code),
    finalUrl: url.join(' '),
    statusLine,
    headers,
    body: Buffer.from(f.get('body') ?? '', 'base64'),
    size: Number(f.get('size') ?? 0),
    elapsed: Number(f.get('elapsed') ?? 0),
    ...(failed ? { error: error || `curl exit ${f.get('rc') ?? 'unknown'}` } : {}),
  };
}

/** urls.py's parse_content_type: the type (text/plain when none, as Python's email message says) and charset. */
function contentType(headers: Readonly<Record<string, string>>): { subType: string; charset: string } {
  const header = headers['content-type'];
  const type = (header?.split(';')[0]?.trim().toLowerCase() || 'text/plain').split(',')[0]!;
  const charset = /;\s*charset="?([^";,]+)/i.exec(header ?? '')?.[1] ?? 'utf-8';
  return { subType: type.split('/')[1] ?? '', charset };
}

/** Set-Cookie's name=value pairs, as urls.py's `cookies` and `cookies_string`. */
function cookiesOf(headers: Readonly<Record<string, string>>): Record<string, string> {
  const cookies: Record<string, string> = {};
  for (const cookie of (headers['set-cookie'] ?? '').split(/,\s*(?=[^;,=\s]+=)/)) {
    const [pair = ''] = cookie.split(';');
    const eq = pair.indexOf('=');
    if (eq > 0) cookies[pair.slice(0, eq).trim()] = pair.slice(eq + 1).trim();
  }
  return cookies;
}

/**
 * uri.py's result from the answer: fetch_url's info (the headers, names lowercased with `-` as `_`,
 * `msg`, `status`, `url`, `redirected`, cookies on success), `elapsed`, `changed: false`, `json` for a
 * JSON answer, `content` with return_content; `failed` with uri.py's message when the status is not
 * one of `expected`.
 */
export function uriResult(raw: RawResponse, url: string, expected: readonly number[], returnContent: boolean): { result: Record<string, unknown>; failure?: string } {
  const ok = raw.status >= 200 && raw.status < 300;
  const reason = raw.statusLine.replace(/^HTTP\/\S+\s+\d+\s*/, '');
  const info: Record<string, unknown> = { url, status: raw.status };
  if (raw.status > 0) for (const [name, value] of Object.entries(raw.headers)) info[name] = value;
  if (raw.status === -1) info.msg = `Request failed: ${raw.error}`;
  else if (ok || raw.status === 304) {
    const cookies = cookiesOf(raw.headers);
    Object.assign(info, { cookies_string: Object.entries(cookies).map(([k, v]) => `${k}=${v}`).join('; '), cookies, msg: `OK (${raw.headers['content-length'] ?? 'unknown'} bytes)`, url: raw.finalUrl || url });
  } else info.msg = `HTTP Error ${raw.status}: ${reason}`;
  const { subType, charset } = contentType(raw.status > 0 ? raw.headers : {});
  const suffix = subType.includes('+') ? subType.split('+')[1]! : subType;
  const maybeJson = ['json', 'javascript'].includes(suffix.toLowerCase());
  const failed = !expected.includes(raw.status);
  const result: Record<string, unknown> = { redirected: info.url !== url };
  for (const [key, value] of Object.entries({ ...info, elapsed: raw.elapsed, changed: false })) result[key.replace(/-/g, '_').toLowerCase()] = value;
  if (typeof result.location === 'string') result.location = absoluteLocation(url, result.location);
  const text = new TextDecoder(/^utf-?8$/i.test(charset) ? 'utf-8' : charset).decode(raw.body);
  if (maybeJson) {
    try {
      result.json = JSON.parse(text);
    } catch {
      // uri.py keeps quiet when a JSON-typed body does not parse.
    }
  }
  if (returnContent) result.content = text;
  if (!failed) return { result };
  const msg = `Status code was ${raw.status} and not [${expected.join(', ')}]: ${String(info.msg ?? '')}`;
  return { result: { ...result, msg }, failure: msg };
}

/** uri.py's absolute_location for a `Location` header. */
function absoluteLocation(url: string, location: string): string {
  if (location.includes('://')) return location;
  if (location.startsWith('/')) {
    const path = new URL(url).pathname;
    return `${url.replace(path, '')}${location}`;
  }
  return `${url.slice(0, url.lastIndexOf('/'))}/${location}`;
}
