// get_url's request as urls.py makes it: GET, its defaults (10 s, redirects followed, gzip decompressed, agent ansible-httpget).
import type { UrlRequest } from '../lib/url-request.js';
import type { GetUrlArgs } from './schema.js';

export function requestOf(args: GetUrlArgs): UrlRequest {
  const username = args.url_username ?? args.username;
  const password = args.url_password ?? args.password;
  return {
    url: args.url,
    method: 'GET',
    headers: args.headers ?? {},
    ...(username !== undefined ? { username } : {}),
    ...(password !== undefined ? { password } : {}),
    forceBasicAuth: args.force_basic_auth === true,
    validateCerts: args.validate_certs !== false,
    timeout: args.timeout ?? 10,
    httpAgent: args.http_agent ?? 'ansible-httpget',
    useProxy: args.use_proxy !== false,
    followRedirects: args.follow_redirects !== 'none' && args.follow_redirects !== 'no',
    decompress: true,
  };
}
