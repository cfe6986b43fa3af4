// Differential test of `find`: the same find tasks on the same tree with ansible-playbook and runbook, each
// result (paths in order, matched, examined, skipped_paths, msg, a checksum) written to a file by a copy task
// and compared; and geerlingguy.php's pattern (find with_items -> with_subelements file absent) leaves the same tree.
import { describe, expect, it } from 'vitest';
import { ansibleMissing, runAnsible, runRunbook, type DifferentialCase, type SideResult } from './ansible-differential.js';

const TREE: DifferentialCase['files'] = {
  'conf.d': { directory: 0o755 },
  'conf.d/10-opcache.ini': 'zend_extension=opcache.so\n',
  'conf.d/20-old-opcache.ini': 'zend_extension = opcache.so\n',
  'conf.d/30-comment.ini': '; zend_extension=opcache.so\n',
  'conf.d/40-apcu.ini': ['extension=apcu.so\r\nother=1\n', 0o600],
  'conf.d/.hidden.ini': 'zend_extension=opcache.so\n',
  'other.d': { directory: 0o755 },
  'other.d/99-opcache.ini': 'x=1\nzend_extension=opcache.so\n',
  tree: { directory: 0o755 },
  'tree/a.conf': 'a\n',
  'tree/b.txt': 'bb\n',
  'tree/big.log': ['y'.repeat(5000), 0o640],
  'tree/sub': { directory: 0o750 },
  'tree/sub/c.conf': 'c\n',
  'tree/sub/deep': { directory: 0o755 },
  'tree/sub/deep/d.conf': 'd\n',
  'tree/link.conf': { link: 'a.conf' },
  'tree/linkdir': { link: 'sub' },
  'tree/.dot.conf': 'h\n',
};

let n = 0;
/** A find task and a copy task that writes what it registered to `result-N`. */
function found(name: string, args: Record<string, unknown>, extra = ''): DifferentialCase[] {
  const result = `r${++n}`;
  const fields = `'p': ${result}.files | map(attribute='path') | list, 'm': ${result}.matched, 'e': ${result}.examined, 's': ${result}.skipped_paths, 'msg': ${result}.msg${extra.replaceAll('R', result)}`;
  return [
    { name, files: n === 1 ? TREE : {}, module: 'find', args, keywords: { register: result } },
    { name: `${name}: result`, files: {}, module: 'copy', args: { dest: `@/result-${n}`, content: `{{ { ${fields} } | to_json }}\n` } },
  ];
}

const CASES: DifferentialCase[] = [
  ...found('contains, a line from its start', { paths: '@/conf.d', contains: 'zend_extension(\\s+)?=(\\s+)?opcache\\.so' }),
  ...found('contains over the whole file, hidden too', { paths: '@/conf.d', contains: 'opcache', read_whole_file: true, hidden: true }),
  ...found('contains with a CRLF line and $', { paths: '@/conf.d', contains: 'extension=apcu\\.so$' }),
  ...found('patterns as a comma string, recurse', { paths: '@/tree', patterns: '*.conf,*.txt', recurse: true }),
  ...found('patterns with excludes, file_type any', { paths: ['@/tree'], patterns: ['*.conf', 'sub'], excludes: 'c*', file_type: 'any' }),
  ...found('depth 1 with recurse', { paths: '@/tree', recurse: true, depth: 1, file_type: 'any' }),
  ...found('directories, recursive', { paths: '@/tree', recurse: true, file_type: 'directory' }),
  ...found('links', { paths: '@/tree', file_type: 'link' }),
  ...found('use_regex matches from the name start', { paths: '@/tree', use_regex: true, patterns: ['[ab]\\.', 'sub'], recurse: true }),
  ...found('size at least 1k', { paths: '@/tree', size: '1k', recurse: true }),
  ...found('size at most 2 bytes', { paths: '@/tree', size: '-2' }),
  ...found('age: younger than a day', { paths: '@/tree', age: '-1d', hidden: true }),
  ...found('age: older than a week', { paths: '@/tree', age: '1w' }),
  ...found('a missing path and a file as path', { paths: ['@/nowhere', '@/tree/a.conf', '@/tree/sub'] }),
  ...found('get_checksum', { paths: '@/tree', patterns: 'a.conf', get_checksum: true }, ", 'c': R.files[0].checksum, 'mode': R.files[0].mode, 'owner': R.files[0].pw_name"),
  ...found('aliases path and pattern', { path: '@/tree/sub', pattern: '*.conf', recurse: true }),
];

/** geerlingguy.php's configure-opcache.yml, on two folders. */
const PHP: DifferentialCase[] = [
  { name: 'find opcache configs', files: TREE, module: 'find', args: { paths: '{{ item }}', contains: 'zend_extension(\\s+)?=(\\s+)?opcache\\.so' }, keywords: { register: 'confs', with_items: ['@/conf.d', '@/other.d'] } },
  {
    name: 'remove the ones the role does not own',
    files: {},
    module: 'file',
    args: { path: '{{ item.1.path }}', state: 'absent' },
    keywords: { when: "'10-opcache.ini' != (item.1.path.split('/') | last)", with_subelements: ['{{ confs.results }}', 'files'] },
  },
];

/** Each side's temp folder in what the result files say, as `@`. */
function withoutDirs(side: SideResult): SideResult['files'] {
  const text = JSON.stringify(side.files).replace(/[^"' ,[{]*runbook-ansible-diff-[^/"' ]+(?:\/files)?/g, '@');
  return JSON.parse(text) as SideResult['files'];
}

const skip = ansibleMissing();
describe.skipIf(skip !== undefined)(`find matches ansible-playbook${skip ? ` (skipped: ${skip})` : ''}`, () => {
  const results = Array.from({ length: n }, (_, i) => `result-${i + 1}`);
  it.concurrent('results: paths in order, matched, examined, skipped_paths', { timeout: 180_000 }, async () => {
    const [ansible, runbook] = await Promise.all([runAnsible(CASES, results), runRunbook(CASES, results)]);
    expect(Object.keys(ansible.outcome), ansible.output).toHaveLength(CASES.length);
    expect(runbook.outcome, runbook.output).toEqual(ansible.outcome);
    expect(withoutDirs(runbook)).toEqual(withoutDirs(ansible));
    for (const result of results) expect(JSON.stringify(ansible.files[result]), result).toContain('\\"p\\": [');
    expect(runbook.rerunChanged, 'runbook: a second run changes nothing').toBe(0);
  });
  it.concurrent("geerlingguy.php's find -> with_subelements -> file absent", { timeout: 180_000 }, async () => {
    const [ansible, runbook] = await Promise.all([runAnsible(PHP), runRunbook(PHP)]);
    expect(runbook.files, runbook.output).toEqual(ansible.files);
    expect(runbook.files['conf.d/20-old-opcache.ini']).toBe('absent');
    expect(runbook.files['other.d/99-opcache.ini']).toBe('absent');
    expect(runbook.files['conf.d/10-opcache.ini']).not.toBe('absent');
    // The two files the role does not own, each removed by its own run of the loop.
    expect([...runbook.output.matchAll(/changed=(\d+)/g)][0]?.[1], runbook.output).toBe('2');
    expect(ansible.rerunChanged).toBe(0);
    expect(runbook.rerunChanged).toBe(0);
    // The rerun decides the loop over the find results in the plan: one exec.
    expect([...runbook.output.matchAll(/execs=(\d+)/g)].at(-1)?.[1], runbook.output).toBe('1');
  });
});
