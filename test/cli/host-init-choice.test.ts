// `lab up --init`: the whole lab or named hosts; a host named nowhere keeps the init it was built with.
import { expect, test } from 'vitest';
import { hostInitOf, parseHostInitChoice, wantsSystemd } from '../../src/lab/host-init-choice.js';

test('parses the whole lab, named hosts, and refuses anything else', () => {
  expect(parseHostInitChoice('systemd')).toEqual({ all: 'systemd', hosts: {} });
  expect(parseHostInitChoice('lab-h3=systemd, lab-h4=sysv')).toEqual({ hosts: { 'lab-h3': 'systemd', 'lab-h4': 'sysv' } });
  expect(() => parseHostInitChoice('upstart')).toThrow(/expected sysv, systemd/);
  expect(() => parseHostInitChoice('web1=systemd')).toThrow(/not a lab host name/);
});

test('a named host wins, then the whole lab, then what the host had, then sysv', () => {
  const choice = parseHostInitChoice('lab-h4=systemd');
  expect(hostInitOf(choice, 'lab-h4', 'sysv')).toBe('systemd');
  expect(hostInitOf(choice, 'lab-h1', 'systemd')).toBe('systemd');
  expect(hostInitOf(undefined, 'lab-h1', undefined)).toBe('sysv');
  expect(hostInitOf(parseHostInitChoice('sysv'), 'lab-h1', 'systemd')).toBe('sysv');
  expect(wantsSystemd(undefined, [undefined, 'systemd'])).toBe(true);
  expect(wantsSystemd(parseHostInitChoice('sysv'), ['systemd'])).toBe(false);
});
