// Differential test of lineinfile, blockinfile and replace: the same tasks on the same starting files with
// ansible-playbook (the specification) and with runbook: the same files, modes and changed/ok per task, and
// a second run of each changes nothing. One ansible-playbook run per module group (each takes seconds).
import { describe, expect, it } from 'vitest';
import { ansibleMissing, runAnsible, runRunbook, type DifferentialCase } from './ansible-differential.js';

const line = (name: string, files: DifferentialCase['files'], args: Record<string, unknown>): DifferentialCase => ({ name, files, module: 'lineinfile', args });
const block = (name: string, files: DifferentialCase['files'], args: Record<string, unknown>): DifferentialCase => ({ name, files, module: 'blockinfile', args });
const file = (name: string, files: DifferentialCase['files'], args: Record<string, unknown>): DifferentialCase => ({ name, files, module: 'file', args });
const repl = (name: string, files: DifferentialCase['files'], args: Record<string, unknown>): DifferentialCase => ({ name, files, module: 'replace', args });

const GROUPS: Record<string, { cases: DifferentialCase[]; created?: string[] }> = {
  lineinfile: {
    created: ['new.conf', 'sub/new.conf'],
    cases: [
      line('regexp matching several lines: the last is replaced', { l1: 'port=1\nx\nport=2\n' }, { path: '@/l1', regexp: '^port=', line: 'port=3' }),
      line('firstmatch replaces the first', { l2: 'port=1\nport=2\n' }, { path: '@/l2', regexp: '^port=', line: 'port=3', firstmatch: true }),
      line('backrefs without a match: no change', { l3: 'a\nb\n' }, { path: '@/l3', regexp: '^(port)=(\\d+)$', line: '\\1=8080', backrefs: true }),
      line('backrefs with a match', { l4: 'host=a\nport=22\n' }, { dest: '@/l4', regexp: '^(?P<key>port)\\s*=\\s*(\\d+)$', line: '\\g<key> = 8080 # was \\2', backrefs: true }),
      line('line already present elsewhere', { l5: 'a\nkeep me\nb\n' }, { path: '@/l5', regexp: '^nomatch', line: 'keep me' }),
      line('file without a final newline gets one before the appended line', { l6: 'a\nb' }, { path: '@/l6', line: 'c' }),
      line('insertafter: after the last match', { l7: '[a]\nx=1\n[a]\ny=2\n' }, { path: '@/l7', insertafter: '^\\[a\\]', line: 'z=3' }),
      line('insertbefore with firstmatch: before the first match', { l8: 'k\n#end\nk\n#end\n' }, { path: '@/l8', insertbefore: '^#end', firstmatch: true, line: 'new' }),
      line('insertbefore BOF', { l9: 'second\n' }, { name: '@/l9', insertbefore: 'BOF', line: 'first' }),
      line('absent by regexp removes every match', { l10: 'a\n# one\nb\n# two\n' }, { path: '@/l10', regexp: '^#', state: 'absent' }),
      line('absent by line', { l11: 'a\nb \na\n' }, { path: '@/l11', line: 'a', state: 'absent' }),
      line('search_string replaces the last line containing it', { l12: 'x = (a)\ny = (a)\n' }, { path: '@/l12', search_string: '(a)', line: 'z = (a)' }),
      line('create a file with its mode', {}, { path: '@/new.conf', line: 'created', create: true, mode: '0600' }),
      line('create in a missing folder', {}, { path: '@/sub/new.conf', line: 'deep', create: true }),
      line('a matched last line without newline gets one', { l13: 'a\nfoo' }, { path: '@/l13', regexp: '^foo', line: 'foo' }),
      line("Python's $ matches before the newline", { l14: 'foo\nbar\n' }, { path: '@/l14', regexp: 'foo$', line: 'baz' }),
      line('present line, mode differs', { l15: ['a\n', 0o644] }, { path: '@/l15', line: 'a', mode: '0600' }),
      line('insertafter a pattern that matches nothing: at the end', { l16: 'a\n' }, { path: '@/l16', insertafter: '^nothing', line: 'b' }),
      line('insertafter: the line already follows the match', { l17: '[s]\nk=v\nz\n' }, { path: '@/l17', insertafter: '^\\[s\\]', line: 'k=v', regexp: '^nomatch' }),
      line('absent with a search_string', { l18: 'a.b\naxb\n' }, { path: '@/l18', search_string: 'a.b', state: 'absent' }),
    ],
  },
  blockinfile: {
    created: ['block-new'],
    cases: [
      block('insert at EOF into a file without a final newline', { b1: 'a\nb' }, { path: '@/b1', block: 'x\ny' }),
      block('update an existing block', { b2: 'a\n# BEGIN ANSIBLE MANAGED BLOCK\nold\n# END ANSIBLE MANAGED BLOCK\nz\n' }, { path: '@/b2', block: 'new\n' }),
      block('unchanged block', { b3: '# BEGIN ANSIBLE MANAGED BLOCK\nsame\n# END ANSIBLE MANAGED BLOCK\n' }, { path: '@/b3', content: 'same' }),
      block('remove a block', { b4: 'a\n# BEGIN ANSIBLE MANAGED BLOCK\nold\n# END ANSIBLE MANAGED BLOCK\nz\n' }, { path: '@/b4', state: 'absent' }),
      block('insertbefore BOF with own markers', { b5: 'body\n' }, { path: '@/b5', insertbefore: 'BOF', marker: '// {mark} app', marker_begin: 'start', marker_end: 'stop', block: 'x' }),
      block('insertafter a pattern (last match)', { b6: 'http {\n}\nhttp {\n}\n' }, { path: '@/b6', insertafter: '^http', block: '  a;' }),
      block('insertbefore a MULTILINE pattern', { b7: 'a\nb\nc\n' }, { path: '@/b7', insertbefore: '(?m)^b$', block: 'x' }),
      block('create a file', {}, { path: '@/block-new', block: 'hello', create: true }),
      block('an empty block removes it', { b8: 'a\n# BEGIN ANSIBLE MANAGED BLOCK\nold\n# END ANSIBLE MANAGED BLOCK\n' }, { path: '@/b8', block: '' }),
    ],
  },
  file: {
    created: ['s1', 's2', 's3', 's4', 'h1', 'h2', 'd1', 'c1', 'c2', 'k2'],
    cases: [
      file('symlink created, src relative to its folder', { f1: 'x\n' }, { path: '@/s1', src: 'f1', state: 'link' }),
      file('symlink already there', { f2: 'x\n', s2: { link: 'f2' } }, { path: '@/s2', src: 'f2', state: 'link' }),
      file('symlink retargeted', { f3: 'x\n', s3: { link: 'f2' } }, { dest: '@/s3', src: '@/f3', state: 'link' }),
      file('symlink forced over a file, to a missing src', { s4: 'old\n' }, { path: '@/s4', src: 'nowhere', state: 'link', force: true }),
      file('hard link created', { f5: 'shared\n' }, { path: '@/h1', src: '@/f5', state: 'hard' }),
      file('hard link forced over a file, with a mode', { f6: 'shared\n', h2: 'other\n' }, { name: '@/h2', src: '@/f6', state: 'hard', force: true, mode: '0600' }),
      file('symbolic mode on a file', { m1: ['x\n', 0o775] }, { path: '@/m1', mode: 'u=rwX,go-w,o-rwx' }),
      file('symbolic mode already met', { m2: ['x\n', 0o644] }, { path: '@/m2', mode: 'a=r,u+w' }),
      file('symbolic mode: X on a file without x', { m3: ['x\n', 0o600] }, { path: '@/m3', mode: 'a+X,g+r' }),
      file('directory created with a symbolic mode', {}, { path: '@/d1', state: 'directory', mode: 'u=rwx,g=rX,o=' }),
      file('setgid on a folder', { d2: { directory: 0o755 } }, { path: '@/d2', state: 'directory', mode: 'g+s,o-rx' }),
      { name: 'copy: a new file with a symbolic mode', files: {}, module: 'copy', args: { dest: '@/c1', content: 'c\n', mode: 'u=rw,g=r,o=' } },
      { name: 'copy: force false keeps a file that differs', files: { k1: ['hand\n', 0o600] }, module: 'copy', args: { dest: '@/k1', content: 'c\n', mode: '0644', force: false } },
      { name: 'copy: force false writes a missing file', files: {}, module: 'copy', args: { dest: '@/k2', content: 'c\n', force: false } },
      file('touch with both times preserved', { t1: 'x\n' }, { path: '@/t1', state: 'touch', modification_time: 'preserve', access_time: 'preserve', mode: '0600' }),
      file('times preserved and follow on a linked folder', { d3: { directory: 0o755 }, l3: { link: 'd3' } }, { path: '@/l3', state: 'directory', mode: '0750', follow: true, modification_time: 'preserve' }),
      { name: 'lineinfile: created with a symbolic mode', files: {}, module: 'lineinfile', args: { path: '@/c2', line: 'l', create: true, mode: 'u=rw,go=' } },
    ],
  },
  replace: {
    cases: [
      repl('backrefs and named groups', { r1: 'listen 80;\nlisten 81;\n' }, { path: '@/r1', regexp: '^listen (?P<port>\\d+);$', replace: 'listen [::]:\\g<port>; # \\1' }),
      repl('after and before bound the section', { r2: 'a=1\n[s]\na=1\n[t]\na=1\n' }, { path: '@/r2', regexp: 'a=1', replace: 'a=2', after: '\\[s\\]', before: '\\[t\\]' }),
      repl('no match: ok', { r3: 'x\n' }, { path: '@/r3', regexp: 'nothing', replace: 'y' }),
      repl('default replacement deletes', { r4: 'keep # comment\n' }, { path: '@/r4', regexp: '\\s*#.*$' }),
      repl('after only', { r5: 'a\nSTART\na\n' }, { path: '@/r5', regexp: '^a$', replace: 'b', after: 'START' }),
      repl('dot does not match a newline', { r6: 'ab\ncd\n' }, { path: '@/r6', regexp: 'b.c', replace: 'X' }),
      repl('escapes in the replacement', { r7: 'a,b\n' }, { path: '@/r7', regexp: ',', replace: '\\n' }),
      repl('already replaced: ok', { r8: 'v=2\n' }, { path: '@/r8', regexp: '^v=\\d', replace: 'v=2' }),
      repl('trailing blanks, empty matches included', { r9: 'a  \nb\n' }, { path: '@/r9', regexp: '[ \\t]*$' }),
    ],
  },
};

const skip = ansibleMissing();
describe.skipIf(skip !== undefined)(`runbook matches ansible-playbook${skip ? ` (skipped: ${skip})` : ''}`, () => {
  for (const [group, { cases, created = [] }] of Object.entries(GROUPS)) {
    it.concurrent(group, { timeout: 180_000 }, async () => {
      const [ansible, runbook] = await Promise.all([runAnsible(cases, created), runRunbook(cases, created)]);
      expect(Object.keys(ansible.outcome), ansible.output).toHaveLength(cases.length);
      expect(runbook.outcome, runbook.output).toEqual(ansible.outcome);
      expect(runbook.files).toEqual(ansible.files);
      expect(ansible.rerunChanged, 'ansible: a second run changes nothing').toBe(0);
      expect(runbook.rerunChanged, 'runbook: a second run changes nothing').toBe(0);
    });
  }
});
