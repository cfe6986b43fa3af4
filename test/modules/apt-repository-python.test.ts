// apt_repository's sources logic against the module's own SourcesList (ansible-core 2.14's apt_repository.py, run by
// /usr/bin/python3 with python3-apt) on files in a temp folder: the same files dumped after each add or remove.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PlanError } from '../../src/modules/lib/plan-error.js';
import { addSource, dumpSources, loadSources, removeSource, repoSource, suggestFilename, type SourcesList } from '../../src/modules/apt-repository/sources-list.js';

const MODULE = '/usr/lib/python3/dist-packages/ansible/modules/apt_repository.py';
const usable = existsSync(MODULE) && spawnSync('/usr/bin/python3', ['-c', 'import apt_pkg']).status === 0;

interface Case { files: Record<string, string>; repo: string; state: 'present' | 'absent' }

const CASES: Case[] = [
  { files: { 'sources.list': '#Top\n  deb   http://a b c  # x # y\n\n## hdr\n#\n#deb http://a b d\n' }, repo: 'deb http://a b d', state: 'present' },
  { files: { 'sources.list': 'deb http://a b c\n', 'sources.list.d/x.list': 'deb http://r s t\ndeb http://r s t\n' }, repo: 'deb http://r s t', state: 'absent' },
  { files: { 'sources.list.d/x.list': 'deb http://r s t\r\ndeb-src http://r s t\rfoo bar\n', 'sources.list.d/e.list': '' }, repo: 'deb-src  http://r s t', state: 'absent' },
  { files: { 'sources.list.d/x.list': 'deb http://r s t\ndeb http://o x y\ndeb http://r s t\n' }, repo: 'deb http://r s t', state: 'absent' },
  { files: {}, repo: 'deb [arch=amd64,i386 signed-by=/k.gpg] https://u:p@host.example.com:8443/path/to/deb/ stable main', state: 'present' },
  { files: {}, repo: 'deb file:/srv/rb-repo ./', state: 'present' },
  { files: { 'sources.list.d/y.list': '# deb http://q w e # note\n\tdeb\thttp://q w e\n' }, repo: 'deb http://q w e', state: 'present' },
  { files: { 'sources.list.d/y.list': '# deb http://q w e # note\ndeb http://q w e\n' }, repo: 'deb http://q w e', state: 'absent' },
  { files: { 'sources.list': 'deb http://z z z\n' }, repo: '#deb http://z z z', state: 'present' },
  { files: {}, repo: 'deb-src http://ünï.example/x y z', state: 'present' },
];

// The module's class, its apt_pkg pointed at the temp folder; check_mode, so nothing is saved anywhere.
const PYTHON = String.raw`
import json, os, sys, importlib.util
spec = importlib.util.spec_from_file_location('ar', '${MODULE}')
ar = importlib.util.module_from_spec(spec); spec.loader.exec_module(ar)
import apt_pkg
class M:
    def __init__(self): self.params = {'filename': None, 'mode': None}; self.check_mode = True
    def log(self, *a): pass
    def fail_json(self, **kw): raise Exception(kw)
root, out = sys.argv[1], []
for i, case in enumerate(json.load(sys.stdin)):
    d = os.path.join(root, str(i))
    os.makedirs(d + '/sources.list.d')
    for name, text in case['files'].items():
        open(os.path.join(d, name), 'w', newline='').write(text)
    apt_pkg.config.set('Dir::Etc::sourcelist', d + '/sources.list')
    apt_pkg.config.set('Dir::Etc::sourceparts', d + '/sources.list.d')
    sl = ar.SourcesList(M())
    try:
        (sl.add_source if case['state'] == 'present' else sl.remove_source)(case['repo'])
        out.append({k[len(d) + 1:]: v for k, v in sl.dump().items()})
    except ar.InvalidSource as e:
        out.append({'error': 'Invalid repository string: %s' % e})
    except IndexError as e:
        out.append({'error': 'IndexError'})
print(json.dumps(out))
`;

const root = mkdtempSync(join(tmpdir(), 'rb-apt-repository-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** runbook's reading of the same case: dumped files by their name under the folder, or the failure. */
function ours(c: Case): Record<string, string> {
  const list: SourcesList = { files: new Map(), newRepos: new Set() };
  const path = (name: string): string => `/etc/apt/${name}`;
  for (const name of Object.keys(c.files).sort((a, b) => (a === 'sources.list' ? -1 : b === 'sources.list' ? 1 : 0))) list.files.set(path(name), loadSources(c.files[name]!));
  try {
    const source = repoSource(c.repo);
    if (c.state === 'present') addSource(list, source, suggestFilename(source, undefined));
    else removeSource(list, source);
  } catch (error) {
    if (!(error instanceof PlanError)) throw error;
    return { error: error.message.includes('pop index out of range') ? 'IndexError' : error.message };
  }
  return Object.fromEntries([...dumpSources(list)].map(([p, text]) => [p.slice('/etc/apt/'.length), text]));
}

describe.skipIf(!usable)("apt_repository's sources against the module's SourcesList", () => {
  it('dumps the same files after each add or remove (parsing, normalizing, the suggested file name, the removal quirk, failures)', () => {
    const r = spawnSync('/usr/bin/python3', ['-c', PYTHON, root], { input: JSON.stringify(CASES), encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    const theirs = JSON.parse(r.stdout) as Array<Record<string, string>>;
    expect(CASES.map(ours)).toEqual(theirs);
    expect(theirs[4]).toHaveProperty(['sources.list.d/host_example_com_8443_path_to_deb.list']);
    expect(theirs[3]).toEqual({ error: 'IndexError' });
  });
});
