// Malformed runbooks, roles and inventories through the CLI: exit 4, located (file:line:col), with a hint where one helps, and no host contacted.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { describeRun, runCli } from '../cli/run-cli.js';

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');

interface Case {
  /** The runbook checked (default ok.yaml, for the inventory cases). */
  runbook?: string;
  /** Default: inventory.yaml, whose hosts sit on the closed port 127.0.0.1:9. */
  inventory?: string;
  /** Where the problem is: a `file:line:col` that must start a line of stderr (regex source). */
  at: string;
  /** What stderr must say. */
  says: string | RegExp;
  /** The `hint:` line, where a hint makes sense. */
  hint?: string | RegExp;
}

const CASES: Record<string, Case> = {
  'YAML syntax error (unclosed flow mapping)': { runbook: 'yaml-syntax.yaml', at: 'yaml-syntax\\.yaml:[56]:\\d+', says: 'YAML: Flow map in block collection must be sufficiently indented and end with a }' },
  'tab indentation': { runbook: 'yaml-tab.yaml', at: 'yaml-tab\\.yaml:4:1', says: 'Tabs are not allowed as indentation' },
  'duplicate key in a task': { runbook: 'duplicate-key.yaml', at: 'duplicate-key\\.yaml:6:7', says: 'Map keys must be unique', hint: 'remove or rename one of the two keys' },
  'a play that is a string': { runbook: 'play-not-mapping.yaml', at: 'play-not-mapping\\.yaml:1:3', says: 'a play must be a mapping' },
  'tasks: a string, not a list': { runbook: 'tasks-not-list.yaml', at: 'tasks-not-list\\.yaml:3:10', says: 'expected a list, found string', hint: 'start each entry with "- "' },
  'unknown play key (typo)': { runbook: 'unknown-play-key.yaml', at: 'unknown-play-key\\.yaml:3:3', says: 'unknown play key "taks"', hint: '"tasks"' },
  'unknown task key (typo)': { runbook: 'unknown-task-key.yaml', at: 'unknown-task-key\\.yaml:6:7', says: '"notfy"', hint: 'did you mean "notify"?' },
  'unknown module': { runbook: 'unknown-module.yaml', at: 'unknown-module\\.yaml:5:7', says: 'unknown module or task option "tempalte"', hint: 'did you mean "template"?' },
  'two modules in one task': { runbook: 'two-modules.yaml', at: 'two-modules\\.yaml:6:7', says: 'task has 2 modules (copy, file)', hint: 'split it into one task per module' },
  'unknown module argument': { runbook: 'unknown-arg.yaml', at: 'unknown-arg\\.yaml:5:\\d+', says: 'copy: unknown argument "permissions"', hint: 'copy takes: content, src, dest, mode' },
  'wrong argument type': { runbook: 'wrong-arg-type.yaml', at: 'wrong-arg-type\\.yaml:5:\\d+', says: /command(\.timeout)?: .*expected number/ },
  'mode: 755 (decimal to Ansible)': { runbook: 'mode-unquoted.yaml', at: 'mode-unquoted\\.yaml:5:\\d+', says: 'mode 755 is a number, not an octal mode string', hint: 'quote it: mode: "0755"' },
  'missing required argument': { runbook: 'missing-arg.yaml', at: 'missing-arg\\.yaml:5:\\d+', says: 'copy: missing required argument "dest"' },
  'relative destination path': { runbook: 'relative-dest.yaml', at: 'relative-dest\\.yaml:5:\\d+', says: 'must be an absolute path' },
  'notify names no handler': { runbook: 'unknown-handler.yaml', at: 'unknown-handler\\.yaml:6:\\d+', says: 'no handler named "reload ngnix"', hint: 'did you mean "reload nginx"?' },
  'undefined variable in a template': { runbook: 'undefined-var-template.yaml', at: 'undefined-var-template\\.yaml:4:7', says: /undefined-var\.njk:2:\d+: undefined variable "site_prot"/ },
  // The problem is in dest, on line 5: the location should say so (not the task's line 4, nor "4:1:1").
  'undefined variable in module args': { runbook: 'undefined-var-args.yaml', at: 'undefined-var-args\\.yaml:5:\\d+', says: 'undefined variable "site_rot"', hint: 'define it (inventory, play vars, role defaults or -e)' },
  'missing template file': { runbook: 'missing-template.yaml', at: 'missing-template\\.yaml:5:\\d+', says: 'template source "no-such-page.njk" not found', hint: 'looked in:' },
  'template syntax error': { runbook: 'template-syntax.yaml', at: 'template-syntax\\.yaml:4:7', says: /bad-syntax\.njk.*expected elif, else, or endif/, hint: undefined },
  'circular import': { runbook: 'circular-a.yaml', at: 'circular-[ab]\\.yaml:1:\\d+', says: 'circular import: circular-a.yaml -> circular-b.yaml -> circular-a.yaml', hint: 'remove one of the imports' },
  'import of a missing runbook': { runbook: 'import-missing.yaml', at: 'import-missing\\.yaml:1:\\d+', says: 'cannot read runbook no-such-runbook.yaml', hint: 'relative to the importing file' },
  'bad host pattern': { runbook: 'bad-host-pattern.yaml', at: 'bad-host-pattern\\.yaml:\\d+:\\d+', says: 'host pattern "web:&"' },
  'hosts: a group the inventory lacks': { runbook: 'unknown-group.yaml', at: 'unknown-group\\.yaml:\\d+:\\d+', says: /no host or group named "wbe"; did you mean .*"web"/ },
  'missing role': { runbook: 'missing-role.yaml', at: 'missing-role\\.yaml:4:7', says: 'role "web_sitee" not found', hint: 'looked in:' },
  'role with an unknown module in its tasks': { runbook: 'role-bad-task.yaml', at: 'roles/broken_task/tasks/main\\.yaml:4:3', says: '"yum"', hint: '"yum" is Ansible\'s; here the package module does that job' },
  'role defaults that do not parse': { runbook: 'role-bad-defaults.yaml', at: 'roles/broken_defaults/defaults/main\\.yaml:\\d+:\\d+', says: 'YAML: Flow sequence' },
  'serial: a word': { runbook: 'bad-serial.yaml', at: 'bad-serial\\.yaml:3:\\d+', says: 'serial must be a positive number, a percentage ("50%") or a list of those, found string "ten"' },
  'serial: a mapping': { runbook: 'bad-serial-type.yaml', at: 'bad-serial-type\\.yaml:3:\\d+', says: 'found a mapping' },
  'serial: a zero batch in a list': { runbook: 'bad-serial-zero.yaml', at: 'bad-serial-zero\\.yaml:3:\\d+', says: 'found number 0' },
  // The broken expression is the when: on line 6.
  'when: a broken expression': { runbook: 'bad-when.yaml', at: 'bad-when\\.yaml:6:\\d+', says: /when.*unexpected token/ },
  'become: a string': { runbook: 'become-type.yaml', at: 'become-type\\.yaml:6:\\d+', says: 'expected true or false, found string "yes please"' },
  'inventory: YAML syntax error': { inventory: 'inv-yaml-syntax.yaml', at: 'inv-yaml-syntax\\.yaml:\\d+:\\d+', says: 'YAML: Flow map' },
  'inventory: plain-text password': { inventory: 'inv-plaintext-password.yaml', at: 'inv-plaintext-password\\.yaml:6:\\d+', says: 'password is written in plain text', hint: 'password: !secret "..."' },
  'inventory: !env of an unset variable': { inventory: 'inv-missing-env.yaml', at: 'inv-missing-env\\.yaml:2:\\d+', says: 'environment variable RBTEST_FAULTS_SURELY_UNSET is not set', hint: 'export RBTEST_FAULTS_SURELY_UNSET=' },
  'inventory: conflicting duplicate host': { inventory: 'inv-conflicting-host.yaml', at: 'inv-conflicting-host\\.yaml:9:\\d+', says: /conflicting duplicate host w1: "host" is "127\.0\.0\.2" here and "127\.0\.0\.1" at inv-conflicting-host\.yaml:6/, hint: 'set it in one place only' },
  'inventory: port not a number': { inventory: 'inv-bad-port.yaml', at: 'inv-bad-port\\.yaml:6:\\d+', says: 'port must be a number from 1 to 65535, found "ssh"' },
  'inventory: unknown group key (typo)': { inventory: 'inv-unknown-key.yaml', at: 'inv-unknown-key\\.yaml:5:7', says: 'unknown key "hots" in group "web"', hint: 'did you mean "hosts"?' },
  'inventory: bad host_key_checking': { inventory: 'inv-bad-host-key-checking.yaml', at: 'inv-bad-host-key-checking\\.yaml:2:\\d+', says: 'host_key_checking must be one of strict, accept-new, off, found "maybe"' },
  'inventory: unknown YAML tag (!secrte)': { inventory: 'inv-unknown-tag.yaml', at: 'inv-unknown-tag\\.yaml:2:\\d+', says: /!secrte/ },
};

describe('bad input: exit 4 before any host is contacted', () => {
  it('the control: a valid runbook does try the hosts (closed port: exit 3), so exit 4 below means nothing was contacted', async () => {
    const r = await runCli(['check', 'ok.yaml', '-i', 'inventory.yaml'], { cwd: FIXTURES });
    expect(r.code, describeRun(r)).toBe(3);
    expect(r.output).toContain('connection refused by root@127.0.0.1:9');
  });

  it(`has at least 25 cases (${Object.keys(CASES).length})`, () => {
    expect(Object.keys(CASES).length).toBeGreaterThanOrEqual(25);
  });

  it.each(Object.entries(CASES))('%s', async (_name, c) => {
    const r = await runCli(['check', c.runbook ?? 'ok.yaml', '-i', c.inventory ?? 'inventory.yaml'], { cwd: FIXTURES, timeoutMs: 15_000 });
    expect(r.code, describeRun(r)).toBe(4);
    expect(r.stderr, describeRun(r)).toMatch(new RegExp(`^${c.at}\\b`, 'm'));
    if (typeof c.says === 'string') expect(r.stderr).toContain(c.says);
    else expect(r.stderr).toMatch(c.says);
    if (c.hint !== undefined) {
      const hints = r.stderr.split('\n').filter((l) => /^\s*hint: /.test(l)).join('\n');
      if (typeof c.hint === 'string') expect(hints, describeRun(r)).toContain(c.hint);
      else expect(hints, describeRun(r)).toMatch(c.hint);
    }
    // Nothing ran: no plan, no connection attempt.
    expect(r.output).not.toMatch(/UNREACHABLE|connection refused|^CHECK /m);
    expect(r.stdout.trim()).toBe('');
  });
});
