// Shell completion: the scripts parse, and the words come from the project (commands, options, runbooks, hosts, groups).
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_MAIN, runCli } from './run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'runbook-completion-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
beforeAll(async () => {
  expect((await runCli(['init', 'project'], { cwd: dir })).code).toBe(0);
  writeFileSync(join(dir, 'inventory/other.yaml'), 'db:\n  hosts:\n    db1: {}\n');
});

const words = async (...args: string[]) => (await runCli(['complete', ...args], { cwd: dir })).stdout.split('\n').filter(Boolean);

describe('runbook completion', () => {
  it.each(['bash', 'zsh'])('prints a %s script bash parses (bash -n)', async (shell) => {
    const { code, stdout } = await runCli(['completion', shell]);
    expect(code).toBe(0);
    const file = join(dir, `completion.${shell}`);
    writeFileSync(file, stdout);
    expect(() => execFileSync('bash', ['-n', file])).not.toThrow();
  });

  it('prints a fish script', async () => {
    expect((await runCli(['completion', 'fish'])).stdout).toContain("complete -c runbook -n __fish_use_subcommand -a '(runbook complete commands");
  });

  it('the helper lists commands (not itself), options, runbooks, hosts, groups, modules', async () => {
    const commands = await words('commands');
    expect(commands).toEqual(expect.arrayContaining(['apply', 'plan', 'validate', 'doc', 'schema', 'init', 'completion']));
    expect(commands).not.toContain('complete');
    expect(await words('options', 'plan')).toEqual(expect.arrayContaining(['-i', '--inventory', '--limit', '-o', '--output', '--help']));
    expect(await words('runbooks')).toEqual(['runbooks/site.yaml']);
    expect(await words('hosts')).toEqual(['lab-h0', 'lab-h1']);
    expect(await words('groups')).toEqual(['all', 'ungrouped', 'web']);
    expect(await words('hosts', '-i', 'inventory/other.yaml')).toEqual(['db1']);
    expect(await words('modules')).toEqual(expect.arrayContaining(['command', 'shell', 'template']));
  });

  it('the helper says nothing, and exits 0, when the inventory does not load', async () => {
    const { code, stdout, stderr } = await runCli(['complete', 'hosts', '-i', 'nowhere.yaml'], { cwd: dir });
    expect([code, stdout, stderr]).toEqual([0, '', '']);
  });

  it('bash completes --limit from the inventory named on the line, and runbook paths', () => {
    const runbook = join(dir, 'runbook');
    writeFileSync(runbook, `#!/bin/sh\nexec "${process.execPath}" "${CLI_MAIN}" "$@"\n`);
    chmodSync(runbook, 0o755);
    const complete = (line: string) => {
      const script = `eval "$("${runbook}" completion bash)"; COMP_WORDS=(${line}); COMP_CWORD=$((\${#COMP_WORDS[@]} - 1)); _runbook; printf '%s\\n' "\${COMPREPLY[@]}"`;
      return execFileSync('bash', ['-c', script], { cwd: dir, encoding: 'utf8' }).split('\n').filter(Boolean);
    };
    expect(complete(`"${runbook}" plan -i inventory/other.yaml --limit ""`)).toEqual(['all', 'db', 'ungrouped', 'db1']);
    expect(complete(`"${runbook}" apply runbooks/s`)).toContain('runbooks/site.yaml');
    expect(complete(`"${runbook}" d`)).toEqual(['doc']);
  });
});
