// get_url and uri against Ansible 2.14 on two lab hosts, each requesting a tiny HTTP server inside itself (127.0.0.1 of its own namespace):
// the same files, modes and owners, task by task the same changed/ok, the same registered uri results, a rerun in one exec.
import { describe, expect, it } from 'vitest';
import { inHost, inHostOk, labInfo, labSkipReason } from '../helpers/index.js';
import { diffPair, type Tasks } from './ansible-diff.js';

const lab = labInfo();
if (!lab) console.warn(`[lab] skipped: ${labSkipReason()}`);

const PORT = 18931;
const BASE = `http://127.0.0.1:${PORT}`;

// Static files with Last-Modified and If-Modified-Since (http.server's), a Content-Disposition under
// /dl/, a JSON echo for POST.
const SERVER = String.raw`import http.server, json, os, sys
class H(http.server.SimpleHTTPRequestHandler):
    def end_headers(self):
        if self.path.startswith('/dl/'):
            self.send_header('Content-Disposition', 'attachment; filename="named.txt"')
        super().end_headers()
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get('Content-Length', 0))).decode()
        out = json.dumps({'got': body, 'type': self.headers.get('Content-Type')}).encode()
        self.send_response(201)
        self.send_header('Content-Type', 'application/json')
        self.send_header('Content-Length', str(len(out)))
        self.end_headers()
        self.wfile.write(out)
    def log_message(self, *args):
        pass
os.chdir('/srv/rb-web')
http.server.ThreadingHTTPServer(('127.0.0.1', ${PORT}), H).serve_forever()
`;

/** The served files, a file with other content at a dest, and the server started in the host's own network namespace. */
const SEED = `mkdir -p /srv/rb-web/dl /srv/rb-dl && cd /srv/rb-web
printf 'hello\\n' > a.txt; printf 'bee\\n' > b.txt; printf 'sea\\n' > c.txt; printf 'named\\n' > dl/x.bin
printf '{"a": 1, "b": ["x"]}' > j.json
sha256sum a.txt b.txt c.txt > SHA256SUMS
printf 'stale\\n' > /srv/rb-dl/old.txt; chmod 0640 /srv/rb-dl/old.txt
touch -d '2020-01-01' /srv/rb-web/*.txt /srv/rb-web/dl/x.bin
cat > /srv/rb-web.py <<'EOF'
${SERVER}EOF`;

const sha = (text: string, algorithm: string) => import('node:crypto').then((c) => c.createHash(algorithm).update(text).digest('hex'));

async function tasks(): Promise<{ once: Tasks; always: Tasks; uri: Tasks; registered: Tasks }> {
  const [a256, aSha1, aMd5, bSha1] = await Promise.all([sha('hello\n', 'sha256'), sha('hello\n', 'sha1'), sha('hello\n', 'md5'), sha('bee\n', 'sha1')]);
  const once: Tasks = [
    ['download a new file', `get_url: { url: "${BASE}/a.txt", dest: /srv/rb-dl/a.txt, mode: "0600" }`],
    ['again, not modified since', `get_url: { url: "${BASE}/a.txt", dest: /srv/rb-dl/a.txt, mode: "0600" }`],
    ['checksum matches the file there', `get_url: { url: "${BASE}/a.txt", dest: /srv/rb-dl/a.txt, checksum: "sha256:${a256}" }`],
    ['checksum from a checksum file, owner and group', `get_url: { url: "${BASE}/c.txt", dest: /srv/rb-dl/c.txt, checksum: "sha256:${BASE}/SHA256SUMS", owner: daemon, group: daemon }`],
    ['other content, checksum mismatch', `get_url: { url: "${BASE}/a.txt", dest: /srv/rb-dl/old.txt, checksum: "sha1:${aSha1}", backup: false }`],
    ['only the mode differs', `get_url: { url: "${BASE}/a.txt", dest: /srv/rb-dl/a.txt, checksum: "md5:${aMd5}", mode: "0640" }`],
  ];
  const always: Tasks = [
    ['into a folder, the name from the URL', `get_url: { url: "${BASE}/b.txt", dest: /srv/rb-dl/ }`],
    ['into a folder, the name from Content-Disposition', `get_url: { url: "${BASE}/dl/x.bin", dest: /srv/rb-dl }`],
    ['force, the same content', `get_url: { url: "${BASE}/a.txt", dest: /srv/rb-dl/a.txt, force: true }`],
  ];
  // Each result's keys written out (runbook renders `| default()` over a result not yet registered as the default).
  const common = ['status', 'msg', 'url', 'redirected', 'content_type', 'changed'];
  const keep = (name: string, extra: string[]) =>
    `copy: { dest: /srv/rb-dl/uri-${name}.txt, content: "${[...common, ...extra].map((f) => `${f}={{ ${name}.${f} | to_json }}\\n`).join('')}" }`;
  const uri: Tasks = [
    ['uri GET json', `uri: { url: "${BASE}/j.json" }\n      register: j`],
    ['keep j', keep('j', ['json'])],
    ['uri a 404 asked for', `uri: { url: "${BASE}/nope", status_code: [200, 404], return_content: true }\n      register: n`],
    ['keep n', keep('n', ['content'])],
    ['uri POST json', `uri: { url: "${BASE}/post", method: POST, body_format: json, body: { x: 1, y: [a, b] }, status_code: 201 }\n      register: p`],
    ['keep p', keep('p', ['json'])],
    ['uri POST form', `uri: { url: "${BASE}/post", method: POST, body_format: form-urlencoded, body: { name: a b, v: [1, 2] }, status_code: 201 }\n      register: f`],
    ['keep f', keep('f', ['json'])],
    ['uri status not asked for', `uri: { url: "${BASE}/nope" }\n      register: bad\n      ignore_errors: true`],
    ['keep bad', keep('bad', [])],
  ];
  const got = (name: string, fields: string[]) =>
    `copy: { dest: /srv/rb-dl/got-${name}.txt, content: "${fields.map((f) => `${f}={{ ${name}.${f} | to_json }}\\n`).join('')}" }`;
  const registered: Tasks = [
    ['get_url a new file', `get_url: { url: "${BASE}/b.txt", dest: /srv/rb-dl/reg.txt, mode: "0640" }\n      register: g1`],
    ['keep g1', got('g1', ['changed', 'status_code', 'msg', 'dest', 'url', 'checksum_src', 'checksum_dest', 'md5sum', 'mode', 'owner', 'size', 'state'])],
    ['get_url it again', `get_url: { url: "${BASE}/b.txt", dest: /srv/rb-dl/reg.txt }\n      register: g2`],
    ['keep g2', got('g2', ['changed', 'status_code', 'msg', 'dest', 'url'])],
    ['get_url with its checksum', `get_url: { url: "${BASE}/b.txt", dest: /srv/rb-dl/reg.txt, checksum: "sha1:${bSha1}" }\n      register: g3`],
    ['keep g3', got('g3', ['changed', 'msg', 'dest', 'url', 'checksum_src', 'checksum_dest', 'mode', 'size', 'state'])],
  ];
  return { once, always, uri, registered };
}

/** What the tasks leave: each file's mode, owner, group and bytes; the uri results kept. */
const STATE = `cd /srv/rb-dl && for f in $(ls -A | sort); do echo "== $f $(stat -c '%a %U %G' "$f")"; cat "$f"; echo; done`;

describe.skipIf(!lab)('get_url and uri: the same result as ansible-playbook', () => {
  const pair = diffPair(async (host) => {
    await inHostOk(host.name, SEED);
    await inHostOk(host.name, `setsid -f python3 /srv/rb-web.py </dev/null >/dev/null 2>&1; for i in $(seq 50); do curl -s -o /dev/null ${BASE}/a.txt && exit 0; sleep 0.1; done; exit 1`, { namespaces: 'all' });
  });

  it('downloads: each task changes as Ansible\'s does, the files come out the same, and a rerun changes nothing in one exec', async () => {
    const { once, always } = await tasks();
    for (const play of [once, always]) {
      const ansible = await pair.ws.ansible(pair.ansibleHost, play);
      const runbook = await pair.ws.runbook(pair.runbookHost, play);
      expect(Object.keys(ansible)).toEqual(play.map(([name]) => name));
      expect(runbook.outcomes).toEqual(ansible);
    }
    const [a, r] = await Promise.all([inHostOk(pair.ansibleHost.name, STATE), inHostOk(pair.runbookHost.name, STATE)]);
    expect(r).toBe(a);
    expect(r).toContain('== a.txt 640 root root\nhello\n');
    expect(r).toContain('== named.txt 644 root root\nnamed\n');

    const again = await pair.ws.runbook(pair.runbookHost, once);
    expect(Object.values(again.outcomes).every((o) => o === 'ok'), JSON.stringify(again.outcomes)).toBe(true);
    expect(again.execs, 'a no-change run is one exec').toBe(1);
  }, 240_000);

  it('uri: the same status, json, msg and changed as Ansible\'s, a status not asked for failing in its words', async () => {
    const { uri } = await tasks();
    const ansible = await pair.ws.ansible(pair.ansibleHost, uri);
    const runbook = await pair.ws.runbook(pair.runbookHost, uri);
    const { ['uri status not asked for']: failed, ...rest } = runbook.outcomes;
    expect(failed).toBe('ok');
    expect(rest).toEqual(ansible);
    const kept = `cd /srv/rb-dl && for f in uri-*.txt; do echo "== $f"; cat "$f"; echo; done`;
    const [a, r] = await Promise.all([inHostOk(pair.ansibleHost.name, kept), inHostOk(pair.runbookHost.name, kept)]);
    expect(r).toBe(a);
    expect(r).toContain('msg="Status code was 404 and not [200]: HTTP Error 404: File not found"');
    // the server is still there for the rerun: GETs are made in the fact exec, POSTs at apply
    expect((await inHost(pair.runbookHost.name, `curl -s ${BASE}/j.json`, { namespaces: 'all' })).stdout).toContain('"a": 1');
  }, 240_000);

  it('get_url registers what Ansible\'s does: a download, a 304, a checksum match', async () => {
    const { registered } = await tasks();
    const ansible = await pair.ws.ansible(pair.ansibleHost, registered);
    const runbook = await pair.ws.runbook(pair.runbookHost, registered);
    expect(runbook.outcomes).toEqual(ansible);
    const kept = `cd /srv/rb-dl && for f in got-*.txt; do echo "== $f"; cat "$f"; echo; done`;
    const [a, r] = await Promise.all([inHostOk(pair.ansibleHost.name, kept), inHostOk(pair.runbookHost.name, kept)]);
    expect(r).toBe(a);
    expect(r).toContain('status_code=304');
  }, 240_000);
});
