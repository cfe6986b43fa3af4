// uri's request as uri.py builds it: the body encoded by body_format (its Content-Type added unless given), urls.py's defaults.
import { isSecret } from '../../core/secret.js';
import type { UrlRequest } from '../lib/url-request.js';
import type { UriArgs } from './schema.js';

/** The values in a body, a Secret revealed (it travels to the host in the request's config on stdin, never shown). */
function revealed(value: unknown): unknown {
  if (isSecret(value)) return value.reveal();
  if (Array.isArray(value)) return value.map(revealed);
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, revealed(v)]));
  return value;
}

/** Python's str() of a scalar, as urlencode and to_text write it. */
const pyText = (value: unknown): string => (value === true ? 'True' : value === false ? 'False' : String(value));

/** uri.py's form_urlencoded: a string as it is; a mapping or a list of pairs, list values repeated, None dropped (urlencode's quote_plus). */
export function formUrlencoded(body: unknown): string {
  if (typeof body === 'string') return body;
  const pairs = Array.isArray(body) ? (body as unknown[][]) : Object.entries(body as Record<string, unknown>);
  const encode = (s: string) => encodeURIComponent(s).replace(/%20/g, '+').replace(/[!'()*~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`).replace(/%7E/g, '~');
  const out: string[] = [];
  for (const [key, values] of pairs) {
    const list = typeof values === 'string' || values === null || typeof values !== 'object' ? [values] : Array.isArray(values) ? values : Object.keys(values);
    for (const value of list) if (value !== null && value !== undefined) out.push(`${encode(pyText(key))}=${encode(pyText(value))}`);
  }
  return out.join('&');
}

/** json.dumps with its defaults: `, ` and `: ` separators, non-ASCII escaped as \uXXXX. */
export function pythonJson(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value).replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  if (Array.isArray(value)) return `[${value.map(pythonJson).join(', ')}]`;
  if (value !== null && typeof value === 'object') return `{${Object.entries(value).map(([k, v]) => `${pythonJson(k)}: ${pythonJson(v)}`).join(', ')}}`;
  return JSON.stringify(value ?? null);
}

export function requestOf(args: UriArgs): UrlRequest {
  const headers = { ...(args.headers ?? {}) };
  const hasType = Object.keys(headers).some((h) => h.toLowerCase() === 'content-type');
  let body: string | undefined;
  const format = args.body_format ?? 'raw';
  const value = revealed(args.body);
  if (format === 'json') {
    body = typeof value === 'string' ? value : pythonJson(value);
    if (!hasType) headers['Content-Type'] = 'application/json';
  } else if (format === 'form-urlencoded') {
    body = value === undefined ? undefined : formUrlencoded(value);
    if (!hasType) headers['Content-Type'] = 'application/x-www-form-urlencoded';
  } else if (value !== undefined && value !== null) {
    body = typeof value === 'string' ? value : pyText(value);
  }
  const method = args.method ?? 'GET';
  const follow = args.follow_redirects ?? 'safe';
  const username = args.url_username ?? args.user;
  const password = args.url_password ?? args.password;
  return {
    url: args.url,
    method,
    headers,
    ...(username !== undefined ? { username } : {}),
    ...(password !== undefined ? { password } : {}),
    forceBasicAuth: args.force_basic_auth === true,
    validateCerts: args.validate_certs !== false,
    timeout: args.timeout ?? 30,
    httpAgent: args.http_agent ?? 'ansible-httpget',
    useProxy: args.use_proxy !== false,
    // `safe` follows only for GET and HEAD (urls.py's redirect handler).
    followRedirects: follow === 'all' || follow === 'yes' || follow === 'urllib2' || (follow === 'safe' && (method === 'GET' || method === 'HEAD')),
    decompress: true,
    ...(body !== undefined ? { body } : {}),
  };
}
