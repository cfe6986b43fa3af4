import { describe, expect, it } from 'vitest';
import { serialBatches } from '../../src/executor/serial-batches.js';

describe('serialBatches', () => {
  const hosts = ['a', 'b', 'c', 'd', 'e'];
  it('puts every host in one batch without serial', () => {
    expect(serialBatches(hosts, undefined)).toEqual([hosts]);
  });
  it('splits by a number', () => {
    expect(serialBatches(hosts, [2])).toEqual([['a', 'b'], ['c', 'd'], ['e']]);
  });
  it('splits by a percentage, at least one host', () => {
    expect(serialBatches(hosts, ['40%'])).toEqual([['a', 'b'], ['c', 'd'], ['e']]);
    expect(serialBatches(hosts, ['1%'])).toHaveLength(5);
  });
  it('takes a list whose last size repeats (Ansible)', () => {
    expect(serialBatches(hosts, [1, '50%'])).toEqual([['a'], ['b', 'c'], ['d', 'e']]);
  });
});
