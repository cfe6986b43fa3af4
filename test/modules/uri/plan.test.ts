// uri's args, request body and result as uri.py shapes them, from what the host's curl saw; no host contacted.
import { describe, expect, it } from 'vitest';
import type { FactRequest, FactSet } from '../../../src/core/facts.js';
import { FailedRequest } from '../../../src/modules/lib/failed-request.js';
import { curlConfig } from '../../../src/modules/lib/url-request.js';
import { planUri, uriFacts } from '../../../src/modules/uri/plan.js';
import { formUrlencoded, pythonJson, requestOf } from '../../../src/modules/uri/request.js';
import { parseResponse, uriResult, type RawResponse } from '../../../src/modules/uri/response.js';
import { uriArgsSchema } from '../../../src/modules/uri/schema.js';

const URL = 'http://127.0.0.1:8080/api';
const args = (extra: Record<string, unknown> = {}) => uriArgsSchema.parse({ url: URL, ...extra });
const problem = (extra: Record<string, unknown>) => {
  const parsed = uriArgsSchema.safeParse({ url: URL, ...extra });
  return parsed.success ? undefined : parsed.error.issues.map((i) => i.message).join('; ');
};
const b64 = (text: string) => Buffer.from(text).toString('base64');

/** The probe's stdout for an answer. */
const answer = (status: number, headers: string, body: string) =>
  `rc 0\nw ${status} ${URL}\nelapsed 0\nerr \nheaders ${b64(`HTTP/1.1 ${headers}\r\n\r\n`)}\nsize ${body.length}\nbody ${b64(body)}\n`;

const factsOf = (files: Record<string, boolean>, stdout = '', exitCode = 0, stderr = ''): FactSet =>
  ({
    get: (request: FactRequest) => {
      if (request.kind === 'file') return { path: request.path, exists: files[request.path] === true };
      if (request.kind === 'command') return { command: request.command, exitCode, stdout, stderr };
      throw new Error(`unexpected ${request.kind}`);
    },
  }) as FactSet;

describe('uri args', () => {
  it('refuses what is not implemented, saying what to use instead', () => {
    expect(problem({ dest: '/tmp/x' })).toContain('use get_url to download to a file');
    expect(problem({ body_format: 'form-multipart' })).toContain('form-multipart is not supported here');
    expect(problem({ method: 'post' })).toContain("Parameter 'method' needs to be a single word in uppercase, like GET or POST.");
    expect(problem({ unix_socket: '/run/x.sock' })).toContain('unix_socket is not supported here');
  });

  it('status_code: an int, a list or a comma string', () => {
    expect(args({ status_code: 201 }).status_code).toEqual([201]);
    expect(args({ status_code: [200, '204'] }).status_code).toEqual([200, 204]);
    expect(args({ status_code: '200,201' }).status_code).toEqual([200, 201]);
  });
});

describe('uri request', () => {
  it('json and form bodies as uri.py encodes them, their Content-Type added unless given', () => {
    expect(pythonJson({ x: 1, y: ['a', true, null], z: 'é' })).toBe('{"x": 1, "y": ["a", true, null], "z": "\\u00e9"}');
    expect(formUrlencoded({ name: 'a b', v: [1, 2], skip: null, t: true })).toBe('name=a+b&v=1&v=2&t=True');
    expect(requestOf(args({ method: 'POST', body_format: 'json', body: { x: 1 } }))).toMatchObject({ body: '{"x": 1}', headers: { 'Content-Type': 'application/json' } });
    expect(requestOf(args({ method: 'POST', body_format: 'json', body: '{}', headers: { 'content-type': 'text/x' } })).headers).toEqual({ 'content-type': 'text/x' });
  });

  it('a curl config on stdin: credentials never in argv; sent at once only with force_basic_auth; safe redirects only for GET', () => {
    const config = curlConfig(requestOf(args({ url_username: 'u', url_password: 'p"w', method: 'PUT' })));
    expect(config).toContain('user = "u:p\\"w"\nanyauth');
    expect(config).toContain('request = "PUT"');
    expect(config).not.toContain('location');
    expect(curlConfig(requestOf(args({ user: 'u', password: 'p', force_basic_auth: true })))).toContain('basic');
    expect(curlConfig(requestOf(args()))).toContain('location');
  });
});

describe('uri result and plan', () => {
  it('a GET is made in the fact exec and decided in the plan, with uri.py\'s keys', async () => {
    const stdout = answer(200, '200 OK\r\nContent-Type: application/json\r\nContent-Length: 8\r\nX-Request-Id: 7\r\nSet-Cookie: s=1; Path=/', '{"a": 1}');
    expect(uriFacts(args()).map((r) => r.kind)).toEqual(['command']);
    const plan = await planUri(args(), factsOf({}, stdout));
    expect(plan).toMatchObject({
      status: 'unchanged',
      registered: { status: 200, json: { a: 1 }, url: URL, redirected: false, changed: false, msg: 'OK (8 bytes)', content_type: 'application/json', x_request_id: '7', cookies: { s: '1' }, cookies_string: 's=1' },
    });
    expect((plan as { registered: object }).registered).not.toHaveProperty('content');
  });

  it('a status not asked for fails with uri.py\'s message and its result', async () => {
    const stdout = answer(404, '404 File not found\r\nContent-Type: text/html', 'nope');
    const failing = planUri(args({ return_content: true }), factsOf({}, stdout));
    await expect(failing).rejects.toThrow('Status code was 404 and not [200]: HTTP Error 404: File not found');
    await expect(failing).rejects.toBeInstanceOf(FailedRequest);
    const error = (await failing.catch((e: unknown) => e)) as FailedRequest;
    expect(error.registered).toMatchObject({ status: 404, content: 'nope', url: URL });
  });

  it('creates/removes skip it as uri.py does; other methods are sent at apply', async () => {
    expect(await planUri(args({ creates: '/etc/done' }), factsOf({ '/etc/done': true }))).toMatchObject({ status: 'unchanged', registered: { changed: false, stdout: "skipped, since '/etc/done' exists" } });
    expect(await planUri(args({ removes: '/etc/x', method: 'DELETE' }), factsOf({}))).toMatchObject({ registered: { stdout: "skipped, since '/etc/x' does not exist" } });
    expect(uriFacts(args({ method: 'POST' }))).toEqual([]);
    expect(await planUri(args({ method: 'POST' }), factsOf({}))).toMatchObject({ status: 'change', changes: [{ kind: 'script', summary: `POST ${URL}` }] });
  });

  it('a host without curl fails at plan, saying so', async () => {
    await expect(planUri(args(), factsOf({}, '', 127, 'curl is not installed on this host: ...'))).rejects.toThrow('curl is not installed on this host');
  });

  it('no answer: status -1 and Request failed', () => {
    const raw: RawResponse = parseResponse(`rc 7\nw 000 ${URL}\nerr ${b64('curl: (7) Failed to connect')}\nsize 0\nbody \n`);
    expect(raw).toMatchObject({ status: -1, error: 'curl: (7) Failed to connect' });
    expect(uriResult(raw, URL, [200], false)).toMatchObject({ failure: 'Status code was -1 and not [200]: Request failed: curl: (7) Failed to connect', result: { status: -1 } });
  });

  it('a relative Location made absolute', () => {
    const raw = parseResponse(answer(302, '302 Found\r\nLocation: /login', ''));
    expect(uriResult(raw, URL, [302], false).result).toMatchObject({ location: 'http://127.0.0.1:8080/login', status: 302 });
  });
});
