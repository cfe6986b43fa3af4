// The fact script's parser: framing by markers, probe errors, missing answers, ungathered requests.
import { describe, expect, test } from 'vitest';
import { InternalError } from '../../src/core/errors.js';
import { buildFactScript } from '../../src/facts/gather-facts.js';
import { FactError } from '../../src/facts/fact-error.js';
import { shQuote } from '../../src/core/sh-quote.js';

function markerOf(script: string): string {
  const m = /^echo '(rb-[0-9a-f]+) begin 0'$/m.exec(script);
  if (!m) throw new Error('no marker in script');
  return m[1]!;
}

describe('buildFactScript().parse', () => {
  const motd = { kind: 'file' as const, path: '/etc/motd' };
  const nginx = { kind: 'package' as const, name: 'nginx' };
  const requests = [motd, nginx];

  test('ignores anything printed outside the markers and dedupes requests', () => {
    const built = buildFactScript([...requests, { kind: 'file', path: '/etc/motd' }]);
    expect(built.script.match(/ begin /g)).toHaveLength(2);
    const m = markerOf(built.script);
    const stdout = [
      'Welcome to a chatty login shell', 'exists 1',
      `${m} begin 0`, 'exists 0', `${m} end 0`,
      'noise dpkg install ok installed 9',
      `${m} begin 1`, 'manager dnf', 'rpm 1.20.1-1.el8', `${m} end 1`, '',
    ].join('\n');
    const facts = built.parse(stdout);
    expect(facts.get({ kind: 'file', path: '/etc/motd' }).exists).toBe(false);
    expect(facts.get({ kind: 'package', name: 'nginx' })).toEqual({ name: 'nginx', installed: true, version: '1.20.1-1.el8', manager: 'dnf', configFiles: false });
  });

  test('dpkg: only "install ok installed" counts', () => {
    const built = buildFactScript([requests[1]!]);
    const m = markerOf(built.script);
    const facts = built.parse(`${m} begin 0\nmanager apt\ndpkg deinstall ok config-files 1.22.1-9\n${m} end 0\n`);
    expect(facts.get(nginx)).toEqual({ name: 'nginx', installed: false, version: null, manager: 'apt', configFiles: true });
  });

  test('a probe error fails only the task that asks for that fact', () => {
    const built = buildFactScript(requests);
    const m = markerOf(built.script);
    const facts = built.parse(`${m} begin 0\nexists 1\nerror cannot read /etc/motd: permission denied\n${m} end 0\n${m} begin 1\nmanager apt\n${m} end 1\n`);
    expect(() => facts.get(motd)).toThrow(FactError);
    expect(() => facts.get(motd)).toThrow(/permission denied/);
    expect(facts.get(nginx).installed).toBe(false);
  });

  test('an answer cut short is an error naming what is missing', () => {
    const built = buildFactScript(requests);
    const m = markerOf(built.script);
    expect(() => built.parse(`${m} begin 0\nexists 0\n${m} end 0\n${m} begin 1\nmanager apt\n`)).toThrow(/package:nginx/);
  });

  test('a forged marker with another nonce is just noise', () => {
    const built = buildFactScript([requests[0]!]);
    const m = markerOf(built.script);
    const facts = built.parse(`rb-0000000000000000 begin 0\nexists 1\n${m} begin 0\nexists 0\n${m} end 0\n`);
    expect(facts.get(motd).exists).toBe(false);
  });

  test('asking for a fact that was not gathered is an internal error naming it', () => {
    const built = buildFactScript([]);
    const facts = built.parse('');
    expect(() => facts.get({ kind: 'service', name: 'nginx' })).toThrow(InternalError);
    expect(() => facts.get({ kind: 'service', name: 'nginx' })).toThrow(/service:nginx/);
  });

  test('every value in the script is quoted', () => {
    const built = buildFactScript([{ kind: 'file', path: "/tmp/a'b $(reboot)" }, { kind: 'command', command: 'test -f /x' }]);
    expect(built.script).toContain(`rb_file '/tmp/a'\\''b $(reboot)'`);
    expect(built.script).toContain(`rb_command 'test -f /x'`);
  });
});

describe('shQuote', () => {
  test.each([
    ['plain', 'nginx', 'nginx'],
    ['path', '/etc/nginx/conf.d/a.conf', '/etc/nginx/conf.d/a.conf'],
    ['empty', '', "''"],
    ['space', 'a b', "'a b'"],
    ['quote', "it's", "'it'\\''s'"],
    ['dollar', '$HOME', "'$HOME'"],
    ['leading dash', '-rf', "'-rf'"],
  ])('%s', (_name, input, output) => {
    expect(shQuote(input)).toBe(output);
  });

  test('round-trips through the real sh', async () => {
    const { execFileSync } = await import('node:child_process');
    const value = `a 'b' "c" $d \`e\` \\f\n!g *`;
    expect(execFileSync('/bin/sh', ['-c', `printf '%s' ${shQuote(value)}`]).toString()).toBe(value);
  });
});
