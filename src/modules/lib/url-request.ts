// Ansible's url arguments (module_utils/urls.py's url_argument_spec) as a curl config, for the requests get_url and uri make from the host.
import * as z from 'zod';
import { posix } from 'node:path';
import { flag, textOrSecret, revealText } from './arg-types.js';
import { refusedArgs } from './refused-args.js';
import type { Secret } from '../../core/secret.js';

/** The url arguments both modules take, as Ansible names them (`username`/`password` are get_url's aliases). */
export const urlArgsShape = {
  headers: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()]).transform(String)).optional(),
  url_username: z.string().optional(),
  url_password: textOrSecret.optional(),
  force_basic_auth: flag.optional(),
  validate_certs: flag.optional(),
  timeout: z.number().int().positive().optional(),
  http_agent: z.string().optional(),
  use_proxy: flag.optional(),
  ...refusedArgs({
    client_cert: 'client certificates are not implemented; use a command task (curl --cert)',
    client_key: 'client certificates are not implemented; use a command task (curl --key)',
    use_gssapi: 'GSSAPI authentication is not implemented; use a command task (curl --negotiate)',
    use_netrc: 'runbook never reads ~/.netrc; give url_username and url_password',
    ciphers: 'the TLS ciphers are curl\'s; use a command task (curl --ciphers)',
    unredirected_headers: 'not implemented; use a command task',
  }),
};

/** What a request needs of those arguments, normalized (each module puts its own defaults in). */
export interface UrlRequest {
  url: string;
  method: string;
  headers: Record<string, string>;
  username?: string;
  password?: string | Secret;
  forceBasicAuth: boolean;
  validateCerts: boolean;
  timeout: number;
  httpAgent: string;
  useProxy: boolean;
  /** Follow redirects: none, or all (urllib2/all/yes; `safe` for GET and HEAD). */
  followRedirects: boolean;
  /** Ansible's decompress (get_url: default true): ask for gzip and decompress it. */
  decompress: boolean;
  /** A request body (uri), sent as it is. */
  body?: string;
}

/** One `name = "value"` line of a curl config, quoted as curl reads it. */
function configLine(name: string, value?: string): string {
  if (value === undefined) return name;
  const quoted = value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t');
  return `${name} = "${quoted}"`;
}

/**
 * The request as a curl config (`curl -K -` reads it on stdin): the password and headers never reach
 * the host's process list. Credentials: sent at once with force_basic_auth, else only when the
 * server asks (urllib's handlers: curl's --anyauth). The timeout bounds the connection and any
 * silence of the server, as Ansible's socket timeout does.
 */
export function curlConfig(request: UrlRequest): string {
  const lines = [
    configLine('url', request.url),
    configLine('user-agent', request.httpAgent),
    configLine('connect-timeout', String(request.timeout)),
    configLine('speed-time', String(request.timeout)),
    configLine('speed-limit', '1'),
  ];
  // curl's -X keeps the method across redirects; GET, HEAD and a POST with a body are curl's own
  // (a 301-303 after a POST becomes a GET, as urllib's redirect handler does).
  if (request.method === 'HEAD') lines.push(configLine('head'));
  else if (request.method !== 'GET' && !(request.method === 'POST' && request.body !== undefined)) lines.push(configLine('request', request.method));
  for (const [name, value] of Object.entries(request.headers)) lines.push(configLine('header', `${name}: ${value}`));
  if (request.username !== undefined) {
    lines.push(configLine('user', `${request.username}:${request.password === undefined ? '' : revealText(request.password)}`));
    lines.push(configLine(request.forceBasicAuth ? 'basic' : 'anyauth'));
  }
  if (!request.validateCerts) lines.push(configLine('insecure'));
  if (!request.useProxy) lines.push(configLine('noproxy', '*'));
  if (request.followRedirects) lines.push(configLine('location'), configLine('max-redirs', '10'));
  if (request.decompress) lines.push(configLine('compressed'));
  if (request.body !== undefined) lines.push(configLine('data-binary', request.body));
  return `${lines.join('\n')}\n`;
}

/** The script line that makes sure curl is there, failing the task in words when it is not. */
export const NEEDS_CURL = `command -v curl >/dev/null 2>&1 || { echo 'curl is not installed on this host: the request is made from the host with curl (apt-get install curl)' >&2; exit 127; }`;

/** get_url.py's url_filename: the URL path's last part, or index.html. */
export function urlFilename(url: string): string {
  const path = new URL(url).pathname;
  const name = posix.basename(path);
  return path.endsWith('/') || name === '' ? 'index.html' : name;
}

/** get_url.py's extract_filename_from_headers: `attachment; filename="NAME"`, its basename; else undefined. */
export function filenameFromHeaders(headers: Readonly<Record<string, string>>): string | undefined {
  const disposition = headers['content-disposition'];
  if (disposition === undefined) return undefined;
  const match = /^attachment; ?filename="?([^"]+)/.exec(disposition);
  return match ? posix.basename(match[1]!) : undefined;
}

/** The last response's status line and headers in curl's `-D` dump (one block per redirect): names lowercased. */
export function lastResponse(dump: string): { statusLine: string; headers: Record<string, string> } {
  const blocks = dump.split(/\r?\n\r?\n/).filter((b) => b.trim() !== '');
  const last = blocks[blocks.length - 1] ?? '';
  const [statusLine = '', ...lines] = last.split(/\r?\n/);
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    // Repeated headers are joined, as Python's http.client message gives them to urllib's info.
    headers[name] = headers[name] === undefined ? value : `${headers[name]}, ${value}`;
  }
  return { statusLine: statusLine.trim(), headers };
}
