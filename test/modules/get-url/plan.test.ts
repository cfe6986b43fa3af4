// get_url's args and plan from the host's facts, by get_url.py's rules (checksum, force, If-Modified-Since), no host contacted.
import { describe, expect, it } from 'vitest';
import type { FactRequest, FactSet } from '../../../src/core/facts.js';
import { checksumFromFile, getUrlFacts, planGetUrl } from '../../../src/modules/get-url/plan.js';
import { getUrlArgsSchema } from '../../../src/modules/get-url/schema.js';
import { filenameFromHeaders, lastResponse, urlFilename } from '../../../src/modules/lib/url-request.js';
import { toFact } from '../fixture-facts.js';

const URL = 'http://127.0.0.1:8080/files/app.tar.gz';
const args = (extra: Record<string, unknown> = {}) => getUrlArgsSchema.parse({ url: URL, dest: '/opt/app.tar.gz', ...extra });
const problem = (extra: Record<string, unknown>) => {
  const parsed = getUrlArgsSchema.safeParse({ url: URL, dest: '/opt/app.tar.gz', ...extra });
  return parsed.success ? undefined : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
};

/** Facts answered by kind: the dest file, a stat checksum, the command probes' stdout (the HEAD's status, a checksum file). */
function factsOf(dest: Record<string, unknown>, answers: { head?: string; sums?: string; md5?: string } = {}): FactSet {
  return {
    get: (request: FactRequest) => {
      if (request.kind === 'file') return toFact(request, dest);
      if (request.kind === 'stat') return { path: request.path, stat: { exists: true, checksum: answers.md5 } };
      if (request.kind === 'command') {
        const stdout = request.command.includes('-z ') ? (answers.head ?? '') : (answers.sums ?? '');
        return { command: request.command, exitCode: 0, stdout, stderr: '' };
      }
      throw new Error(`unexpected ${request.kind}`);
    },
  } as FactSet;
}

// sha256 and md5 of "data\n".
const SHA256 = '6667b2d1aab6a00caa5aee5af8ad9f1465e567abf1c209d15727d57b3e8f6e5f';
const MD5 = '6137cde4893c59f76f005a8123d8e8e6';

describe('get_url args', () => {
  it('refuses ftp and unknown schemes, tmp_dest and decompress: false at load, saying what to do', () => {
    expect(problem({ url: 'ftp://example.com/x' })).toContain('ftp:// is not supported here');
    expect(problem({ url: 'gopher://x/y' })).toContain('must be an http://, https:// or file:// URL');
    expect(problem({ tmp_dest: '/var/tmp' })).toContain('tmp_dest is not supported here');
    expect(problem({ decompress: false })).toContain('decompress: false is not supported here');
    expect(problem({ username: 'a', url_username: 'b' })).toContain('give url_username once');
  });

  it('parses checksums as get_url.py does: ALGO:HEX (non-word characters dropped, lowercased) or ALGO:URL', () => {
    expect(args({ checksum: `sha256:${SHA256.toUpperCase()}` }).checksum).toEqual({ algorithm: 'sha256', hex: SHA256 });
    expect(args({ checksum: 'sha256:http://h/SHA256SUMS' }).checksum).toEqual({ algorithm: 'sha256', url: 'http://h/SHA256SUMS' });
    expect(args({ checksum: '' }).checksum).toBeUndefined();
    expect(problem({ checksum: 'abc' })).toContain('The checksum parameter has to be in format <algorithm>:<checksum>');
    expect(problem({ checksum: 'sha256:xyz' })).toContain('The checksum format is invalid');
    expect(problem({ checksum: 'blake2b:00' })).toContain('algorithm "blake2b" is not supported here');
  });
});

describe('get_url plan', () => {
  it('an absent dest is downloaded; a folder dest on every run', () => {
    expect(planGetUrl(args(), factsOf({ exists: false }))).toMatchObject({ status: 'change', changes: [{ kind: 'script', summary: `download ${URL} -> /opt/app.tar.gz`, reason: '/opt/app.tar.gz absent' }] });
    expect(planGetUrl(args(), factsOf({ type: 'directory' }))).toMatchObject({ status: 'change', changes: [{ reason: expect.stringContaining('downloads on every run') }] });
  });

  it('an existing dest without checksum: the HEAD with If-Modified-Since decides (304: ok, no attribute set, as get_url.py)', () => {
    expect(getUrlFacts(args()).some((r) => r.kind === 'command' && r.command.includes("-z /opt/app.tar.gz"))).toBe(true);
    const kept = planGetUrl(args({ mode: '0600' }), factsOf({ content: 'data\n', mode: '0644' }, { head: '304' }));
    expect(kept).toMatchObject({ status: 'unchanged', registered: { changed: false, status_code: 304 } });
    expect(planGetUrl(args(), factsOf({ content: 'data\n' }, { head: '200' }))).toMatchObject({ status: 'change', changes: [{ reason: expect.stringContaining('answered 200') }] });
    expect(planGetUrl(args({ force: true }), factsOf({ content: 'data\n' }))).toMatchObject({ status: 'change', changes: [{ reason: expect.stringContaining('force') }] });
    expect(getUrlFacts(args({ force: true })).some((r) => r.kind === 'command')).toBe(false);
  });

  it('a matching checksum keeps dest with no request; its attributes are set; a mismatch downloads', () => {
    expect(getUrlFacts(args({ checksum: `sha256:${SHA256}` })).map((r) => r.kind)).toEqual(['file']);
    expect(planGetUrl(args({ checksum: `sha256:${SHA256}` }), factsOf({ content: 'data\n', mode: '0644' }))).toMatchObject({ status: 'unchanged', reason: 'file already exists' });
    expect(planGetUrl(args({ checksum: `sha256:${SHA256}`, mode: '0600' }), factsOf({ content: 'data\n', mode: '0644' }))).toMatchObject({
      status: 'change',
      changes: [{ kind: 'attrs', mode: '0600', reason: expect.stringContaining('file already exists but file attributes changed') }],
    });
    expect(planGetUrl(args({ checksum: `md5:${MD5}` }), factsOf({ content: 'data\n' }, { md5: MD5 }))).toMatchObject({ status: 'unchanged' });
    expect(planGetUrl(args({ checksum: `md5:${MD5}` }), factsOf({ content: 'other\n' }, { md5: '0'.repeat(32) }))).toMatchObject({ status: 'change' });
  });

  it('a checksum file is read in the fact exec, its line for the URL\'s file name taken', () => {
    const sums = `${'1'.repeat(64)}  other.tar.gz\n${SHA256} *./app.tar.gz\n`;
    expect(planGetUrl(args({ checksum: 'sha256:http://h/SUMS' }), factsOf({ content: 'data\n' }, { sums }))).toMatchObject({ status: 'unchanged' });
    expect(() => planGetUrl(args({ checksum: 'sha256:http://h/SUMS' }), factsOf({ content: 'data\n' }, { sums: `${SHA256}  x\n${SHA256}  y\n` }))).toThrow(
      "Unable to find a checksum for file 'app.tar.gz' in 'http://h/SUMS'",
    );
  });
});

describe('file names and checksum files, as get_url.py reads them', () => {
  it('url_filename: the path\'s last part as written (not unquoted), or index.html', () => {
    expect(urlFilename('http://h/a/b.txt?x=1')).toBe('b.txt');
    expect(urlFilename('http://h/')).toBe('index.html');
    expect(urlFilename('http://h')).toBe('index.html');
    expect(urlFilename('http://h/a%20b.txt')).toBe('a%20b.txt');
  });

  it('Content-Disposition: attachment; filename=..., its basename', () => {
    expect(filenameFromHeaders({ 'content-disposition': 'attachment; filename="../../etc/x.conf"' })).toBe('x.conf');
    expect(filenameFromHeaders({ 'content-disposition': 'attachment;filename=plain.bin' })).toBe('plain.bin');
    expect(filenameFromHeaders({ 'content-disposition': 'inline; filename="x"' })).toBeUndefined();
    expect(filenameFromHeaders({})).toBeUndefined();
  });

  it('the last response of a redirected request, headers lowercased and repeated ones joined', () => {
    const dump = 'HTTP/1.1 302 Found\r\nLocation: /b\r\n\r\nHTTP/1.1 200 OK\r\nSet-Cookie: a=1\r\nSet-Cookie: b=2\r\nContent-Type: text/plain\r\n\r\n';
    expect(lastResponse(dump)).toEqual({ statusLine: 'HTTP/1.1 200 OK', headers: { 'set-cookie': 'a=1, b=2', 'content-type': 'text/plain' } });
  });

  it('a lone word is the checksum; else HASH NAME lines', () => {
    expect(checksumFromFile('abc\n', 'x')).toBe('abc');
    expect(checksumFromFile('abc  x\ndef  y\n', 'y')).toBe('def');
    expect(checksumFromFile('abc  x\n', 'y')).toBeUndefined();
  });
});
