// mergeFactRequests: one request per key, an expected file hash kept only when every asker agrees.
import { describe, expect, test } from 'vitest';
import type { FactRequest } from '../../src/core/facts.js';
import { mergeFactRequests } from '../../src/facts/merge-fact-requests.js';

const A = 'a'.repeat(64);
const B = 'b'.repeat(64);

describe('mergeFactRequests', () => {
  test('equal requests become one, in the order first asked', () => {
    const asked: FactRequest[] = [
      { kind: 'service', name: 'nginx' },
      { kind: 'file', path: '/etc/hosts' },
      { kind: 'service', name: 'nginx' },
      { kind: 'package', name: 'nginx' },
    ];
    expect(mergeFactRequests(asked)).toEqual([asked[0], asked[1], asked[3]]);
  });

  test('askers expecting the same hash keep it', () => {
    expect(mergeFactRequests([{ kind: 'file', path: '/f', expectSha256: A }, { kind: 'file', path: '/f', expectSha256: A }])).toEqual([
      { kind: 'file', path: '/f', expectSha256: A },
    ]);
  });

  test('a different hash, or an asker with none (it needs the bytes), drops it, whatever the order', () => {
    const cases: FactRequest[][] = [
      [{ kind: 'file', path: '/f', expectSha256: A }, { kind: 'file', path: '/f', expectSha256: B }],
      [{ kind: 'file', path: '/f', expectSha256: A }, { kind: 'file', path: '/f' }],
      [{ kind: 'file', path: '/f' }, { kind: 'file', path: '/f', expectSha256: A }],
      [{ kind: 'file', path: '/f', expectSha256: A }, { kind: 'file', path: '/f', expectSha256: A }, { kind: 'file', path: '/f' }],
    ];
    for (const asked of cases) expect(mergeFactRequests(asked)).toEqual([{ kind: 'file', path: '/f' }]);
  });
});
