// Every class of load problem, each located at file:line:col with its message and hint; all reported at once.
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LoadError } from '../../src/core/errors.js';
import type { LoadIssue } from '../../src/core/location.js';
import { loadRunbook } from '../../src/runbook/load-runbook.js';
import { testCatalog } from './test-catalog.js';

const dir = resolve(import.meta.dirname, 'fixtures/bad');

function issuesOf(file: string, env: NodeJS.ProcessEnv = {}): LoadIssue[] {
  try {
    loadRunbook(`runbooks/${file}`, { catalog: testCatalog(), env, cwd: dir });
  } catch (error) {
    expect(error).toBeInstanceOf(LoadError);
    return (error as LoadError).issues;
  }
  throw new Error(`${file} loaded without issues`);
}

interface Case {
  file: string;
  message: RegExp;
  at: [file: string, line: number, column: number];
  path?: string;
  hint?: RegExp;
}

const cases: Case[] = [
  { file: 'syntax.yaml', message: /^YAML: Flow map .* must be sufficiently indented/, at: ['runbooks/syntax.yaml', 6, 1] },
  { file: 'duplicate-key.yaml', message: /^YAML: Map keys must be unique/, at: ['runbooks/duplicate-key.yaml', 3, 3], hint: /remove or rename/ },
  { file: 'unknown-play-key.yaml', message: /unknown play key "hots"/, at: ['runbooks/unknown-play-key.yaml', 2, 3], path: 'plays[0].hots', hint: /did you mean "hosts"/ },
  { file: 'unknown-play-key.yaml', message: /play has no "hosts:"/, at: ['runbooks/unknown-play-key.yaml', 1, 3], path: 'plays[0]' },
  { file: 'unknown-module.yaml', message: /unknown module or task option "tempalte"/, at: ['runbooks/unknown-module.yaml', 7, 7], path: 'plays[0].tasks[1].tempalte', hint: /did you mean "template"/ },
  { file: 'two-modules.yaml', message: /task has 2 modules \(command, service\)/, at: ['runbooks/two-modules.yaml', 6, 7], hint: /one task per module/ },
  { file: 'no-module.yaml', message: /task has no module/, at: ['runbooks/no-module.yaml', 4, 7], hint: /add one of: template, copy/ },
  { file: 'unquoted-mode.yaml', message: /mode 755 is a number/, at: ['runbooks/unquoted-mode.yaml', 8, 15], path: 'plays[0].tasks[0].copy.mode', hint: /^quote it: mode: "0755"$/ },
  { file: 'unknown-arg.yaml', message: /copy: unknown argument "dset"/, at: ['runbooks/unknown-arg.yaml', 5, 28], path: 'plays[0].tasks[0].copy.dset', hint: /did you mean "dest"/ },
  { file: 'bad-enum.yaml', message: /service: Invalid option: expected one of "started"/, at: ['runbooks/bad-enum.yaml', 7, 16], path: 'plays[0].tasks[0].service.state' },
  { file: 'missing-arg.yaml', message: /line: missing required argument "path"/, at: ['runbooks/missing-arg.yaml', 5, 13], path: 'plays[0].tasks[0].line.path' },
  { file: 'bad-notify.yaml', message: /no handler named "reload ngnix"/, at: ['runbooks/bad-notify.yaml', 7, 11], path: 'plays[0].tasks[0].notify[0]', hint: /did you mean "reload nginx"/ },
  { file: 'missing-src.yaml', message: /template source "nowhere.conf.njk" not found/, at: ['runbooks/missing-src.yaml', 5, 24], hint: /looked in: runbooks$/ },
  { file: 'missing-role.yaml', message: /role "nosuchrole" not found/, at: ['runbooks/missing-role.yaml', 4, 7], hint: /looked in: runbooks\/roles, roles/ },
  { file: 'role-without-tasks.yaml', message: /role "empty_role" has no tasks\/main.yaml/, at: ['runbooks/role-without-tasks.yaml', 4, 7] },
  { file: 'role-cycle.yaml', message: /role dependency cycle: loop_a -> loop_b -> loop_a/, at: ['roles/loop_b/meta/main.yaml', 2, 5] },
  { file: 'import-cycle-a.yaml', message: /circular import: runbooks\/import-cycle-a.yaml -> runbooks\/import-cycle-b.yaml -> runbooks\/import-cycle-a.yaml/, at: ['runbooks/import-cycle-b.yaml', 3, 11] },
  { file: 'import-missing.yaml', message: /cannot read runbook runbooks\/does-not-exist.yaml/, at: ['runbooks/import-missing.yaml', 3, 11], hint: /relative to the importing file/ },
  { file: 'missing-env.yaml', message: /environment variable RUNBOOK_TEST_UNSET_TOKEN is not set/, at: ['runbooks/missing-env.yaml', 4, 17] },
  { file: 'bad-serial.yaml', message: /serial must be a positive number/, at: ['runbooks/bad-serial.yaml', 3, 11], path: 'plays[0].serial' },
  { file: 'bad-serial.yaml', message: /max_fail_percentage must be a number from 0 to 100/, at: ['runbooks/bad-serial.yaml', 4, 24] },
  { file: 'handler-without-name.yaml', message: /handler has no name/, at: ['runbooks/handler-without-name.yaml', 4, 7] },
  { file: 'bad-become.yaml', message: /expected true or false, found string "maybe"/, at: ['runbooks/bad-become.yaml', 6, 15], path: 'plays[0].tasks[0].become' },
  { file: 'string-args.yaml', message: /^service arguments must be a mapping, found string "nginx"$/, at: ['runbooks/string-args.yaml', 5, 16], path: 'plays[0].tasks[0].service', hint: /write service: \{ key: value/ },
  // A task-level `creates:` (Ansible's `args:` style) is not an option here: said where it is.
  { file: 'string-args.yaml', message: /unknown module or task option "creates"/, at: ['runbooks/string-args.yaml', 8, 7], path: 'plays[0].tasks[1].creates' },
  { file: 'task-level-args.yaml', message: /^changed_when must be a condition, found a mapping/, at: ['runbooks/task-level-args.yaml', 6, 21], path: 'plays[0].tasks[0].changed_when', hint: /^write changed_when: an expression over the registered result .*true\/false, or a list of them/ },
  { file: 'task-level-args.yaml', message: /^failed_when must be a condition, found/, at: ['runbooks/task-level-args.yaml', 19, 20], path: 'plays[0].tasks[4].failed_when' },
  { file: 'task-level-args.yaml', message: /^changed_when is given twice: here and in command$/, at: ['runbooks/task-level-args.yaml', 9, 7], path: 'plays[0].tasks[1].changed_when' },
  { file: 'task-level-args.yaml', message: /^args must be a mapping, found string/, at: ['runbooks/task-level-args.yaml', 12, 13], path: 'plays[0].tasks[2].args' },
  { file: 'ansible-modules.yaml', message: /unknown module or task option "script"/, at: ['runbooks/ansible-modules.yaml', 5, 7], hint: /^"script" is Ansible's; here the command module does that job/ },
  { file: 'ansible-modules.yaml', message: /unknown module or task option "ansible.builtin.sysvinit"/, at: ['runbooks/ansible-modules.yaml', 7, 7], hint: /^"sysvinit" is Ansible's; here the service module/ },
  { file: 'vars-files.yaml', message: /^cannot read vars file runbooks\/vars\/nowhere.yaml: no such file$/, at: ['runbooks/vars-files.yaml', 4, 7], path: 'plays[0].vars_files[0]', hint: /relative to the runbook/ },
  { file: 'vars-files.yaml', message: /vars_files: "vars\/\{\{ env \}\}.yaml" is a template/, at: ['runbooks/vars-files.yaml', 5, 7], path: 'plays[0].vars_files[1]' },
  { file: 'listen.yaml', message: /^listen: only a handler listens; a task notifies$/, at: ['runbooks/listen.yaml', 6, 7], path: 'plays[0].tasks[0].listen' },
  { file: 'listen.yaml', message: /notify: no handler named "restart web stak"/, at: ['runbooks/listen.yaml', 9, 15], hint: /did you mean "restart web stack"/ },
  { file: 'meta.yaml', message: /^meta: clear_facts is not supported$/, at: ['runbooks/meta.yaml', 6, 13], path: 'plays[0].tasks[1].meta' },
  { file: 'meta.yaml', message: /^meta: flush_handlers takes no "when"$/, at: ['runbooks/meta.yaml', 8, 7], path: 'plays[0].tasks[2].when' },
  { file: 'includes.yaml', message: /^import_tasks does not take "loop" here$/, at: ['runbooks/includes.yaml', 5, 7], hint: /use include_tasks/ },
  { file: 'includes.yaml', message: /^include_tasks: no task file matches "\{\{ os \}\}-nothing.yaml"$/, at: ['runbooks/includes.yaml', 6, 22], hint: /each \{\{ \.\.\. \}\} stands for any text; looked in runbooks/ },
  { file: 'includes.yaml', message: /^include_tasks: file "nowhere.yaml" not found$/, at: ['runbooks/includes.yaml', 7, 22], hint: /runbooks\/nowhere.yaml/ },
  { file: 'includes.yaml', message: /^include: is deprecated in Ansible and not supported$/, at: ['runbooks/includes.yaml', 8, 7], hint: /import_tasks/ },
  { file: 'includes.yaml', message: /^include_tasks does not take "become" here$/, at: ['runbooks/includes.yaml', 10, 7], hint: /apply: \{ become/ },
  { file: 'includes.yaml', message: /^import_role needs the role's name$/, at: ['runbooks/includes.yaml', 11, 20] },
  { file: 'includes.yaml', message: /^circular import_tasks: runbooks\/circle.yaml -> runbooks\/circle.yaml$/, at: ['runbooks/circle.yaml', 1, 17] },
  { file: 'includes.yaml', message: /^role "missing_role" not found$/, at: ['runbooks/includes.yaml', 13, 21], hint: /RUNBOOK_ROLES_PATH/ },
  { file: 'scalar.yaml', message: /a runbook is a play \(a mapping\) or a list of plays/, at: ['runbooks/scalar.yaml', 1, 1] },
];

describe('loadRunbook issues', () => {
  it.each(cases)('$file: $message', ({ file, message, at, path, hint }) => {
    const issues = issuesOf(file);
    const found = issues.find((i) => message.test(i.message));
    expect(found, issues.map((i) => i.message).join('\n')).toBeDefined();
    expect([found!.file, found!.line, found!.column]).toEqual(at);
    if (path !== undefined) expect(found!.path).toBe(path);
    if (hint !== undefined) expect(found!.hint).toMatch(hint);
  });

  it('reports every problem of a file at once, in order, as one LoadError', () => {
    const issues = issuesOf('many-problems.yaml');
    expect(issues.map((i) => [i.line, i.message])).toEqual([
      [5, 'mode 644 is a number, not an octal mode string'],
      [7, 'unknown module or task option "servce"'],
      [10, 'notify: no handler named "nope" in this play'],
    ]);
    expect(issues[0]!.hint).toBe('quote it: mode: "0644"');
  });

  it('formats the LoadError message with file:line:col, path and hint', () => {
    expect(() => loadRunbook('runbooks/unquoted-mode.yaml', { catalog: testCatalog(), env: {}, cwd: dir })).toThrow(
      /runbooks\/unquoted-mode.yaml:8:15 \(plays\[0\]\.tasks\[0\]\.copy\.mode\): mode 755 is a number.*\n  hint: quote it: mode: "0755"/,
    );
  });

  it('takes !env values from the env it is given, as secrets', () => {
    const book = loadRunbook('runbooks/missing-env.yaml', { catalog: testCatalog(), env: { RUNBOOK_TEST_UNSET_TOKEN: 'tok-123' }, cwd: dir });
    const token = book.plays[0]!.vars.token as { reveal(): string; origin: string };
    expect(token.reveal()).toBe('tok-123');
    expect(token.origin).toBe('!env RUNBOOK_TEST_UNSET_TOKEN');
    expect(JSON.stringify(book.plays[0]!.vars)).toBe('{"token":"<redacted>"}');
  });

  it('reports a missing runbook file', () => {
    expect(issuesOf('nope.yaml')[0]).toMatchObject({ file: 'runbooks/nope.yaml', line: 1, message: 'cannot read runbook runbooks/nope.yaml: no such file' });
  });
});
