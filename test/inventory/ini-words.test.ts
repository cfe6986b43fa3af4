// The small readers behind INI inventories: Python literals, shell words, host patterns, ssh arguments (cases checked against Python and ansible-core 2.14).
import { describe, expect, it } from 'vitest';
import { expandHostPattern } from '../../src/inventory/expand-host-pattern.js';
import { parseIniValue } from '../../src/inventory/python-literal.js';
import { splitShellWords } from '../../src/inventory/shell-words.js';
import { mapSshArgs } from '../../src/inventory/ssh-args.js';

describe('parseIniValue (ast.literal_eval, else the text)', () => {
  it.each([
    ['2222', 2222], ['-5', -5], ['1.5', 1.5], ['1e3', 1000], ['0x1F', 31], ['1_000', 1000], ['True', true], ['False', false], ['None', null],
    ["'a b'", 'a b'], ['"x\\ty"', 'x\ty'], ["'a' 'b'", 'ab'], ["[1, 'a']", [1, 'a']], ['(1,)', [1]], ['(1)', 1], ["{'k': [1, 2]}", { k: [1, 2] }],
    ['42 # comment', 42],
    ['010', '010'], ['true', 'true'], ['yes', 'yes'], ['10.0.0.1', '10.0.0.1'], ['/etc/x', '/etc/x'], ['hello world', 'hello world'], ['1+2', '1+2'], ['-True', '-True'], ['', ''], ["'open", "'open"], ['12abc', '12abc'],
  ])('%s', (text, expected) => {
    expect(parseIniValue(text)).toEqual(expected);
  });
});

describe('splitShellWords (shlex.split with comments)', () => {
  it('splits on blanks, honours quotes and escapes, and ends at # even inside a word', () => {
    expect(splitShellWords(`h1 a="b c" d='e "f"' g=h\\ i color=#fff rest`)).toEqual([
      { text: 'h1', start: 0 }, { text: 'a=b c', start: 3 }, { text: 'd=e "f"', start: 11 }, { text: 'g=h i', start: 21 }, { text: 'color=', start: 28 },
    ]);
    expect(splitShellWords('h1 x="unclosed')).toEqual({ error: 'no closing quotation (")' });
  });
});

describe('expandHostPattern', () => {
  it.each([
    ['web[01:03]', ['web01', 'web02', 'web03'], undefined],
    ['db-[a:c]', ['db-a', 'db-b', 'db-c'], undefined],
    ['n[1:10:4]', ['n1', 'n5', 'n9'], undefined],
    ['r[1:2]-[a:b]', ['r1-a', 'r1-b', 'r2-a', 'r2-b'], undefined],
    ['10.0.0.5:2222', ['10.0.0.5'], 2222],
    ['[2001:db8::1]:22', ['2001:db8::1'], 22],
    ['web[1:2]:2200', ['web1', 'web2'], 2200],
    ['2001:db8::1', ['2001:db8::1'], undefined],
  ])('%s', (pattern, names, port) => {
    expect(expandHostPattern(pattern)).toEqual(port === undefined ? { names } : { names, port });
  });
  it('refuses bad ranges and a trailing colon', () => {
    expect(expandHostPattern('web[01:3]')).toMatchObject({ error: expect.stringMatching(/equal-length/) });
    expect(expandHostPattern('web[c:a]')).toMatchObject({ error: expect.stringMatching(/begin <= end/) });
    expect(expandHostPattern('web1:')).toMatchObject({ error: expect.stringMatching(/reserved for a port/) });
  });
});

describe('mapSshArgs', () => {
  it('maps the options that have an equivalent', () => {
    expect(mapSshArgs('-J ops@bastion:2022 -o StrictHostKeyChecking=no -oUserKnownHostsFile=/dev/null -o "ConnectTimeout 5" -o ControlMaster=auto')).toEqual({
      settings: { proxy_jump: 'ops@bastion:2022', host_key_checking: 'off', known_hosts_file: '/dev/null', timeout: 5 },
    });
    expect(mapSshArgs(`-o ProxyCommand="ssh -W %h:%p -q gw.example.com"`)).toEqual({ settings: { proxy_jump: 'gw.example.com' } });
    expect(mapSshArgs('-o ServerAliveInterval=15 -o ServerAliveCountMax=4')).toEqual({ settings: { keepalive_interval: 15, keepalive_count_max: 4 } });
  });
  it('refuses the rest, naming it', () => {
    expect(mapSshArgs('-o ForwardAgent=yes')).toMatchObject({ error: 'the ssh option ForwardAgent has no equivalent here' });
    expect(mapSshArgs(`-o ProxyCommand="nc -X 5 -x proxy:1080 %h %p"`)).toMatchObject({ error: expect.stringMatching(/not a plain "ssh -W %h:%p HOST"/) });
    expect(mapSshArgs('-A')).toMatchObject({ error: 'the ssh argument "-A" has no equivalent here' });
  });
});
